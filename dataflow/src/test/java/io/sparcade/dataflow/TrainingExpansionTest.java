package io.sparcade.dataflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.model.SpecException;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.NmPattern;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Workload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training expansion of a two-layer GEMM MLP, x[B=64, 32] -> fc1 (k=32, n=48) -> fc2 (k=48, n=16), both weights
 * 2:8 along k, checked by hand against BDWP: forward prunes k, backward-data prunes the forward n with the same
 * N:M, backward-weight is dense.
 */
class TrainingExpansionTest {
    static final long BATCH = 64;
    DataflowGraph g;

    static Workload mlp(long k1, long n1, long n2, int n, int m) {
        return new Workload.Builder("mlp").training(true).input("x", Shape.of(BATCH, k1))
                .op(new Gemm("fc1", List.of("x"), BATCH, k1, n1, 8, 8))
                .op(new Gemm("fc2", List.of("fc1"), BATCH, n1, n2, 8, 8))
                .nm("fc1", n, m, "k").nm("fc2", n, m, "k").build();
    }

    @BeforeEach
    void build() {
        g = new GraphBuilder("mlp.yaml").build(mlp(32, 48, 16, 2, 8));
    }

    @Test
    void nodesAreTheForwardAndBackwardPassesAndNoBackwardDataForTheFirstLayer() {
        assertThat(g.nodes()).extracting(OpNode::name)
                .containsExactlyInAnyOrder("fc1.fwd", "fc2.fwd", "fc2.pregen", "fc2.bwd-data", "fc2.bwd-weight", "fc1.bwd-weight");
        assertThat(g.node("fc1.bwd-data")).as("fc1 reads a workload input: no gradient to pass back").isNull();
        assertThat(g.node("fc2.bwd-data").pass()).isEqualTo(Pass.BACKWARD_DATA);
        assertThat(g.node("fc1.bwd-weight").pass()).isEqualTo(Pass.BACKWARD_WEIGHT);
        assertThat(g.node("fc1.fwd").operator().name()).isEqualTo("fc1");
        assertThat(g.node("fc1.fwd").kind()).isEqualTo("gemm");
    }

    @Test
    void forwardPassesPruneKWithTheirPattern() {
        assertThat(g.node("fc1.fwd").work()).isEqualTo(new GemmWork(1, BATCH, 32, 48, 8, 8, true, new NmPattern(2, 8, "k")));
        assertThat(g.node("fc2.fwd").work()).isEqualTo(new GemmWork(1, BATCH, 48, 16, 8, 8, true, new NmPattern(2, 8, "k")));
    }

    @Test
    void backwardDataReducesOverTheForwardNWithTheSameNm() {
        GemmWork bd = (GemmWork) g.node("fc2.bwd-data").work();
        assertThat(bd.m()).isEqualTo(BATCH);
        assertThat(bd.k()).as("forward n").isEqualTo(16);
        assertThat(bd.n()).as("forward k").isEqualTo(48);
        assertThat(bd.bIsWeight()).isTrue();
        assertThat(bd.nm()).isNotNull();
        assertThat(bd.nm().ratio()).isEqualTo("2:8");
        assertThat(bd.effectiveK()).isEqualTo(4);
    }

    @Test
    void backwardWeightIsDenseOverTheBatch() {
        for (String layer : List.of("fc1", "fc2")) {
            GemmWork fwd = (GemmWork) g.node(layer + ".fwd").work();
            GemmWork bw = (GemmWork) g.node(layer + ".bwd-weight").work();
            assertThat(bw.nm()).as(layer).isNull();
            assertThat(bw.bIsWeight()).as(layer).isFalse();
            assertThat(List.of(bw.m(), bw.k(), bw.n())).as(layer).containsExactly(fwd.k(), fwd.m(), fwd.n());
        }
    }

    @Test
    void backwardNodesComeAfterTheNodesTheyNeed() {
        assertThat(preds("fc2.fwd")).containsExactly("fc1.fwd");
        assertThat(preds("fc2.bwd-data")).contains("fc2.fwd");
        assertThat(preds("fc2.bwd-weight")).contains("fc1.fwd", "fc2.fwd");
        assertThat(preds("fc1.bwd-weight")).contains("fc2.bwd-data");
        assertThat(ancestors("fc1.bwd-weight")).contains("fc1.fwd", "fc2.fwd", "fc2.bwd-data");
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < g.nodes().size(); i++) {
            pos.put(g.nodes().get(i).name(), i);
        }
        assertThat(g.edges()).allSatisfy(e -> assertThat(pos.get(e.from())).isLessThan(pos.get(e.to())));
        assertThat(pos.get("fc2.bwd-data")).isGreaterThan(pos.get("fc2.fwd"));
        assertThat(pos.get("fc1.bwd-weight")).isGreaterThan(pos.get("fc2.bwd-data"));
    }

    @Test
    void gradientEdgesCarryTheOutputGradient() {
        assertThat(g.edges()).contains(new TensorEdge("fc2.bwd-data", "fc1.bwd-weight", "dfc1", Shape.of(BATCH, 48)));
    }

    @Test
    void trainingNeedsMToDivideNToo() {
        Workload w = mlp(32, 48, 20, 2, 8); // fc2: k = 48 divisible by 8, n = 20 is not
        assertThatThrownBy(() -> new GraphBuilder("mlp.yaml").build(w))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("mlp.yaml: sparsity.fc2.nm: M=8 does not divide n=20 of 'fc2'");
        Workload inference = new Workload.Builder("mlp").input("x", Shape.of(BATCH, 32))
                .op(new Gemm("fc1", List.of("x"), BATCH, 32, 20, 8, 8)).nm("fc1", 2, 8, "k").build();
        assertThat(new GraphBuilder("mlp.yaml").build(inference).nodes()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5})
    void presetMlpExpandsEveryLayerAndActivation(int layers) {
        Workload w = Specs.workload("mlp-train-nm", Map.of("layers", String.valueOf(layers), "batch", "16", "hidden", "64"), List.of());
        DataflowGraph t = new GraphBuilder("preset").build(w);
        Set<String> names = t.nodes().stream().map(OpNode::name).collect(Collectors.toSet());
        for (int i = 1; i <= layers; i++) {
            assertThat(names).contains("fc" + i + ".fwd", "fc" + i + ".bwd-weight");
            assertThat(names.contains("fc" + i + ".bwd-data")).as("fc" + i + ".bwd-data").isEqualTo(i > 1);
        }
        for (int i = 1; i < layers; i++) {
            assertThat(names).contains("relu" + i + ".fwd", "relu" + i + ".bwd");
        }
        // layers fwd + (layers - 1) relu fwd + layers bwd-weight + (layers - 1) bwd-data, each with its N:M
        // pre-generation + (layers - 1) relu bwd
        assertThat(t.nodes()).hasSize(6 * layers - 4);
        for (int i = 2; i <= layers; i++) {
            assertThat(predsIn(t, "fc" + i + ".bwd-data")).contains("fc" + i + ".pregen");
            assertThat(predsIn(t, "fc" + i + ".pregen")).as("pre-generation needs only the weights").isEmpty();
        }
        // The gradient flows back layer by layer: fc(i+1).bwd-data -> relu(i).bwd -> fc(i).bwd-weight and fc(i).bwd-data.
        for (int i = 1; i < layers; i++) {
            assertThat(predsIn(t, "relu" + i + ".bwd")).contains("fc" + (i + 1) + ".bwd-data");
            assertThat(predsIn(t, "fc" + i + ".bwd-weight")).contains("relu" + i + ".bwd");
            if (i > 1) {
                assertThat(predsIn(t, "fc" + i + ".bwd-data")).contains("relu" + i + ".bwd");
            }
        }
    }

    private List<String> preds(String node) {
        return predsIn(g, node);
    }

    private static List<String> predsIn(DataflowGraph graph, String node) {
        return graph.predecessors(graph.node(node)).stream().map(OpNode::name).toList();
    }

    private Set<String> ancestors(String node) {
        Set<String> out = new java.util.HashSet<>();
        java.util.ArrayDeque<OpNode> todo = new java.util.ArrayDeque<>(g.predecessors(g.node(node)));
        while (!todo.isEmpty()) {
            OpNode n = todo.pop();
            if (out.add(n.name())) {
                todo.addAll(g.predecessors(n));
            }
        }
        return out;
    }
}
