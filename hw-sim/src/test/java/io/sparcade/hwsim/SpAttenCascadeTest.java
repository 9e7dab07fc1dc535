package io.sparcade.hwsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sparcade.dataflow.DataflowGraph;
import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.GraphBuilder;
import io.sparcade.dataflow.TopkWork;
import io.sparcade.model.SpecException;
import io.sparcade.model.presets.CascadePruning;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SpAtten's pruning semantics on small hand-checked cases: a 3-layer cascade, a trace, fusion. */
class SpAttenCascadeTest {
    @TempDir
    Path tmp;

    @Test
    void aTokenPrunedAtOneLayerIsGoneFromEveryLaterLayer() {
        assertThat(CascadePruning.alive(100, 3, 0.5)).containsExactly(100, 50, 25);
        assertThat(CascadePruning.alive(12, 4, 0.75)).containsExactly(12, 9, 7, 6);

        Workload w = Specs.workload("bert-base", Map.of("seq", "100", "layers", "3", "token_keep", "0.5",
                "head_keep", "0.5"), List.of());
        DataflowGraph g = new GraphBuilder("test").build(w);
        long[][] expect = {{12, 100}, {6, 50}, {3, 25}}; // heads, tokens alive at each layer
        long[] keptByTopk = {50, 25, 25};
        for (int l = 0; l < 3; l++) {
            GemmWork qk = (GemmWork) g.node("l" + l + ".qk").work();
            GemmWork pv = (GemmWork) g.node("l" + l + ".pv").work();
            assertThat(new long[] {qk.batch(), qk.m(), qk.k(), qk.n()}).as("layer %d Q.K", l)
                    .containsExactly(expect[l][0], expect[l][1], 64, expect[l][1]);
            assertThat(new long[] {pv.batch(), pv.m(), pv.k(), pv.n()}).as("layer %d P.V", l)
                    .containsExactly(expect[l][0], expect[l][1], expect[l][1], 64);
            assertThat(((TopkWork) g.node("l" + l + ".token_topk").work()).k()).isEqualTo(keptByTopk[l]);
        }
        // the dense baseline keeps everything everywhere
        GemmWork dense = (GemmWork) new GraphBuilder("test").build(w.dense()).node("l2.qk").work();
        assertThat(new long[] {dense.batch(), dense.m(), dense.n()}).containsExactly(12, 100, 100);
    }

    @Test
    void aTraceRowBecomesFetchedKeysValuesAndQuantisedBits() throws IOException {
        // Two of four heads survive at layer 0; each fetches 50 of 100 keys (6 MSBs, 10% re-fetch 4 LSBs) and
        // 20 values (6 bits). Dense: 4 heads x 100 keys and values x 64 x 16 bits.
        Path trace = tmp.resolve("t.csv");
        Files.writeString(trace, String.join(",", io.sparcade.model.spec.SpattenTrace.COLUMNS) + "\n"
                + "0,0,0,64.0,100,50,6,16,0.05,True,4,20,6,True,False,True,80\n"
                + "0,0,3,64.0,100,50,6,16,0.05,True,4,20,6,True,False,True,80\n"
                + "configs/some-config.yml,,,,,,,,,,,,,,,,\n");
        Workload w = Specs.workload(Specs.SPATTEN_TRACE + trace, Map.of("requant_fraction", "0.1"), List.of());
        SimulationResult sparse = Flow.simulate(Specs.architecture("spatten", List.of()), w);
        SimulationResult dense = Flow.simulate(Specs.architecture("spatten", List.of()), w.dense());
        long q = 4 * 64 * 16 / 8;            // the query is read in full (dense width) in both
        long qSparse = 2 * 64 * 16 / 8;      // ... for the kept heads
        double kBytes = 2 * 50 * 64 * (6 + 0.1 * 4) / 8;
        double vBytes = 2 * 20 * 64 * 6 / 8.0;
        long out = 2 * 64 * 16 / 8;          // P.V output of the kept heads leaves the fused group
        assertThat(sparse.dramBytes()).isCloseTo((long) (qSparse + kBytes + vBytes + out), within(4L));
        assertThat(dense.dramBytes()).isEqualTo(q + 4 * 100 * 64 * 2 * 2 + 4 * 64 * 2);
        GemmWork qk = (GemmWork) sparse.ops().stream().filter(o -> o.name().equals("i0.l0.qk")).findFirst()
                .orElseThrow().firing().node().work();
        assertThat(qk.quant().bits()).isEqualTo(6);
        assertThat(qk.describe()).contains("q6+4");
        assertThat(w.tokens()).isEqualTo(1);
    }

    @Test
    void theReleasedSmallTraceReadsAsOneDenseLayer() throws Exception {
        Path small = Path.of("..", "data", "spatten-traces", "small.csv");
        Workload w = Specs.workload(Specs.SPATTEN_TRACE + small, Map.of(), List.of());
        assertThat(w.hasSparsity()).as("its one row fetches every key and value unquantised").isFalse();
        GemmWork qk = (GemmWork) new GraphBuilder("t").build(w).node("i0.l0.qk").work();
        assertThat(new long[] {qk.batch(), qk.m(), qk.k(), qk.n()}).containsExactly(1, 1, 64, 993);
    }

    @Test
    void aMalformedTraceNamesFileLineAndColumn() throws IOException {
        Path trace = tmp.resolve("bad.csv");
        Files.writeString(trace, String.join(",", io.sparcade.model.spec.SpattenTrace.COLUMNS) + "\n"
                + "0,0,0,64.0,100,50,6,16,0.05,Maybe,4,20,6,True,False,True,80\n");
        assertThatThrownBy(() -> Specs.workload(Specs.SPATTEN_TRACE + trace, Map.of(), List.of()))
                .isInstanceOf(SpecException.class).hasMessageContaining("bad.csv:2").hasMessageContaining("if_requant")
                .hasMessageContaining("'Maybe'");
        Path noColumn = tmp.resolve("nocol.csv");
        Files.writeString(noColumn, "iteration_id,layer_id\n0,0\n");
        assertThatThrownBy(() -> Specs.workload(Specs.SPATTEN_TRACE + noColumn, Map.of(), List.of()))
                .hasMessageContaining("nocol.csv:1").hasMessageContaining("head_id").hasMessageContaining("missing column");
    }

    @Test
    void fusedIntermediatesNeverTouchDram() {
        Workload w = Specs.workload("gpt2-small", Map.of(), List.of());
        SimulationResult r = Flow.simulate(Specs.architecture("spatten", List.of()), w.dense());
        for (OpResult o : r.ops()) {
            String op = o.name().substring(o.name().indexOf('.') + 1);
            if (op.equals("softmax") || op.equals("importance") || op.equals("token_topk")) {
                assertThat(o.cost().dramBytes()).as(o.name()).isZero();
            }
        }
        // Q.K reads Q and K from DRAM but does not write its scores: 12 heads x (64 + 992 x 64) x 2 bytes
        OpResult qk = r.ops().stream().filter(o -> o.name().equals("l0.qk")).findFirst().orElseThrow();
        assertThat(qk.cost().dramBytes()).isEqualTo(12L * (64 + 992 * 64) * 2);
    }
}
