package io.sparcade.dataflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.model.SpecException;
import io.sparcade.model.presets.Presets;
import io.sparcade.model.presets.WorkloadPreset;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Eltwise;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.NmPattern;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Softmax;
import io.sparcade.model.workload.Workload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Graph validation (references, cycles, shapes, N:M divisibility) and inference graphs. */
class GraphBuilderTest {
    static DataflowGraph build(Workload w) {
        return new GraphBuilder("w.yaml").build(w);
    }

    static Gemm gemm(String name, String in, long m, long k, long n) {
        return new Gemm(name, List.of(in), m, k, n, 8, 8);
    }

    @Test
    void inputNamingAnUnknownTensorFails() {
        Workload w = new Workload.Builder("w").input("x", Shape.of(4, 8))
                .op(gemm("fc1", "x", 4, 8, 8)).op(gemm("fc2", "fc0", 4, 8, 8)).build();
        assertThatThrownBy(() -> build(w))
                .isInstanceOf(SpecException.class)
                .hasMessage("w.yaml: operators[1].inputs: operator 'fc2' reads 'fc0', which is neither a workload input nor an operator");
    }

    @Test
    void aCycleIsNamed() {
        Workload w = new Workload.Builder("w").input("x", Shape.of(4, 8))
                .op(gemm("start", "x", 4, 8, 8))
                .op(new Eltwise("a", List.of("b", "start"), Shape.of(4, 8), "add", 8))
                .op(new Eltwise("b", List.of("a"), Shape.of(4, 8), "relu", 8)).build();
        assertThatThrownBy(() -> build(w))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("w.yaml: operators: the graph has a cycle: ")
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("a -> b -> a", "b -> a -> b"));
    }

    @Test
    void aSelfLoopIsNamed() {
        Workload w = new Workload.Builder("w").input("x", Shape.of(4, 8))
                .op(new Eltwise("a", List.of("a", "x"), Shape.of(4, 8), "add", 8)).build();
        assertThatThrownBy(() -> build(w)).hasMessage("w.yaml: operators: the graph has a cycle: a -> a");
    }

    @Test
    void mismatchedShapesNameTheEdge() {
        Workload w = new Workload.Builder("w").input("x", Shape.of(4, 8))
                .op(gemm("x_proj", "x", 4, 8, 16))
                .op(gemm("y_proj", "x_proj", 4, 8, 8)).build();
        assertThatThrownBy(() -> build(w))
                .isInstanceOf(SpecException.class)
                .hasMessage("w.yaml: operators[1].inputs[0]: edge x_proj -> y_proj: shape [4x16] but 'y_proj' expects [4x8]");
        Workload fromInput = new Workload.Builder("w").input("x", Shape.of(4, 9)).op(gemm("fc", "x", 4, 8, 8)).build();
        assertThatThrownBy(() -> build(fromInput)).hasMessageContaining("edge x -> fc: shape [4x9]");
    }

    @Test
    void nmWhoseMDoesNotDivideKFails() {
        Workload w = new Workload.Builder("w").input("x", Shape.of(4, 12))
                .op(gemm("fc", "x", 4, 12, 16)).nm("fc", 2, 8, "k").build();
        assertThatThrownBy(() -> build(w))
                .isInstanceOf(SpecException.class)
                .hasMessage("w.yaml: sparsity.fc.nm: M=8 does not divide k=12 of 'fc'");
    }

    @Test
    void inferenceGraphHasOneForwardNodePerOperatorWithTheOverlayApplied() {
        Workload w = new Workload.Builder("w").input("x", Shape.of(4, 16))
                .op(gemm("fc1", "x", 4, 16, 32))
                .op(new Eltwise("act", List.of("fc1"), Shape.of(4, 32), "relu", 8))
                .op(gemm("fc2", "act", 4, 32, 8))
                .nm("fc1", 2, 8, "k").build();
        DataflowGraph g = build(w);
        assertThat(g.nodes()).extracting(OpNode::name).containsExactly("fc1", "act", "fc2");
        assertThat(g.nodes()).extracting(OpNode::pass).containsOnly(Pass.FORWARD);
        assertThat(g.node("fc1").work()).isEqualTo(new GemmWork(1, 4, 16, 32, 8, 8, true, new NmPattern(2, 8, "k")));
        assertThat(g.node("fc2").work()).isEqualTo(new GemmWork(1, 4, 32, 8, 8, 8, true, null));
        assertThat(g.node("act").work()).isEqualTo(new VectorWork("relu", 128, 1, 1, 8, 128));
        assertThat(g.edges()).containsExactlyInAnyOrder(
                new TensorEdge("fc1", "act", "fc1", Shape.of(4, 32)),
                new TensorEdge("act", "fc2", "act", Shape.of(4, 32)));
        assertThat(g.predecessors(g.node("fc2"))).containsExactly(g.node("act"));
        assertThat(g.successors(g.node("fc1"))).containsExactly(g.node("act"));
    }

    @Test
    void keepRatiosShrinkGemmDimsRoundingUp() {
        Workload w = new Workload.Builder("w").input("x", Shape.of(10, 7))
                .op(gemm("fc", "x", 10, 7, 5))
                .keep("fc", "m", 0.25).keep("fc", "k", 0.5).keep("fc", "n", 0.1).build();
        GemmWork g = (GemmWork) build(w).node("fc").work();
        assertThat(List.of(g.m(), g.k(), g.n())).containsExactly(3L, 4L, 1L); // ceil(2.5), ceil(3.5), ceil(0.5)
    }

    @Test
    void presetKeepRatioShrinksTheReductionOfPV() {
        Workload w = Specs.workload("bert-base-attention", Map.of("seq", "100", "keep", "0.33"), List.of());
        GemmWork pv = (GemmWork) build(w).node("pv").work();
        assertThat(pv.k()).isEqualTo(33); // kept = ceil(100 * 0.33) = 33 tokens
        assertThat(pv.batch()).isEqualTo(12);
        assertThat(pv.bIsWeight()).isFalse();
    }

    @Test
    void denseWorkloadHasNoNmInAnyNode() {
        Workload w = Specs.workload("llama2-7b-decode", Map.of(), List.of());
        assertThat(build(w).nodes()).anyMatch(n -> n.work() instanceof GemmWork g && g.sparse());
        assertThat(build(w.dense()).nodes()).noneMatch(n -> n.work() instanceof GemmWork g && g.sparse());
        assertThat(build(w.dense()).nodes()).hasSameSizeAs(build(w).nodes());
    }

    static Stream<String> workloadPresets() {
        return Presets.workloads().stream().map(WorkloadPreset::name);
    }

    @ParameterizedTest
    @MethodSource("workloadPresets")
    void everyPresetBuildsAGraphWhoseOrderIsTopological(String name) {
        DataflowGraph g = build(Specs.workload(name, Map.of(), List.of()));
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < g.nodes().size(); i++) {
            pos.put(g.nodes().get(i).name(), i);
        }
        assertThat(g.edges()).isNotEmpty().allSatisfy(e -> assertThat(pos.get(e.from())).isLessThan(pos.get(e.to())));
    }

    @ParameterizedTest
    @MethodSource("workloadPresets")
    void dotContainsEveryNodeAndEdgeLabel(String name) {
        DataflowGraph g = build(Specs.workload(name, Map.of(), List.of()));
        String dot = g.toDot();
        assertThat(dot).containsPattern("^(strict )?digraph \"" + name + "\" \\{");
        for (OpNode n : g.nodes()) {
            assertThat(dot).contains("\"" + n.name() + "\"").contains(n.work().describe());
        }
        for (TensorEdge e : g.edges()) {
            assertThat(dot).contains("\"" + e.from() + "\" -> \"" + e.to() + "\"").contains(e.tensor() + " " + e.shape());
        }
    }

    /** Random chains of GEMMs and activations: always valid, always a chain of edges in order. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 99})
    void randomChainsBuildWithOneEdgePerLink(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long m = 1 + r.nextInt(16);
        long width = 8L * (1 + r.nextInt(8));
        Workload.Builder b = new Workload.Builder("chain").input("x", Shape.of(m, width));
        String prev = "x";
        int ops = 2 + r.nextInt(10);
        for (int i = 0; i < ops; i++) {
            String name = "op" + i;
            if (r.nextBoolean()) {
                long next = 8L * (1 + r.nextInt(8));
                b.op(gemm(name, prev, m, width, next)).nm(name, 1 + r.nextInt(4), 4, "k");
                width = next;
            } else {
                b.op(new Softmax(name, List.of(prev), Shape.of(m, width), 8));
            }
            prev = name;
        }
        DataflowGraph g = build(b.build());
        assertThat(g.nodes()).hasSize(ops);
        assertThat(g.edges()).hasSize(ops - 1);
        for (int i = 1; i < ops; i++) {
            assertThat(g.predecessors(g.node("op" + i))).extracting(OpNode::name).containsExactly("op" + (i - 1));
        }
    }

    @Test
    void dotOfASparseWorkloadSaysSo() {
        Workload w = new Workload.Builder("s").input("x", Shape.of(4, 8)).op(gemm("fc", "x", 4, 8, 8)).nm("fc", 1, 4, "k").build();
        assertThat(build(w).toDot()).contains("s (sparse)").contains("gemm 4x8x8 1:4");
        assertThat(build(w.dense()).toDot()).doesNotContain("(sparse)").contains("gemm 4x8x8\"");
    }
}
