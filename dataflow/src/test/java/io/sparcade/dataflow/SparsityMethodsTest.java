package io.sparcade.dataflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sparcade.model.SpecException;
import io.sparcade.model.workload.ActivationOverlay;
import io.sparcade.model.workload.ActivationSelector;
import io.sparcade.model.workload.ExpertOverlay;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.KvMethod;
import io.sparcade.model.workload.KvOverlay;
import io.sparcade.model.workload.Matmul;
import io.sparcade.model.workload.OpSparsity;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.TokenOverlay;
import io.sparcade.model.workload.UnstructuredOverlay;
import io.sparcade.model.workload.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each method family's overlay turned into work, on small cases worked by hand. */
class SparsityMethodsTest {
    private static Workload gemm(String name, long m, long k, long n, Object kind) {
        Workload w = new Workload.Builder("t").input("x", Shape.of(m, k)).op(new Gemm(name, List.of("x"), m, k, n, 8, 8)).build();
        return w.withOverlay(Map.of(name, OpSparsity.of(kind)));
    }

    private static DataflowGraph build(Workload w) {
        return new GraphBuilder("w.yaml").build(w);
    }

    /*
     * Threshold activation sparsity on down_proj's inputs (k = 1024 -> n = 256), 25% of the neurons active per
     * token. One token (decode): 1024 x 0.25 = 256 weight rows fetched. Four tokens: the union of four independent
     * draws, 1 - 0.75^4 = 0.68359375 -> 700 rows. 1024 tokens (prefill): all 1024. The threshold compares each of the
     * m x 1024 activations once on the vector unit.
     */
    @ParameterizedTest(name = "m = {0}: {1} weight rows")
    @CsvSource({"1, 256", "4, 700", "1024, 1024"})
    void activationSparsityFetchesTheUnionOfTheTokensNeurons(long m, long rows) {
        DataflowGraph g = build(gemm("down", m, 1024, 256, new ActivationOverlay(ActivationSelector.THRESHOLD, 0.25, "k", null, 0)));
        GemmWork w = (GemmWork) g.node("down").work();
        assertThat(w.k()).isEqualTo(rows);
        assertThat(w.n()).isEqualTo(256);
        OpNode sel = g.node("down.select.threshold");
        assertThat(sel.pass()).isEqualTo(Pass.SELECT);
        assertThat(((VectorWork) sel.work()).elements()).isEqualTo(m * 1024);
    }

    /*
     * A 1024 -> 1024 up projection as experts of 128 neurons (8 experts), each token using 25% of them (2 experts):
     * one token touches 2 experts: a batch of 2 GEMMs [1 x 256] x [256 x 128] = 65,536 MACs, a quarter of the dense
     * 262,144; the router is [1 x 256] x [256 x 8].
     * BlockFFN's chunk statistic (80% token-level, 70% chunk-level sparsity over 8 tokens) is met exactly: 20% of the
     * experts for one token, 30% for a chunk of 8.
     */
    @Test
    void expertsFetchOnlyTheTouchedExpertsAndTheChunkStatisticIsMet() {
        DataflowGraph g = build(gemm("up", 1, 256, 1024, new ExpertOverlay(128, 0.25, null, 0, 0, "n")));
        GemmWork w = (GemmWork) g.node("up").work();
        assertThat(w.batch()).isEqualTo(2);
        assertThat(w.usefulMacs()).isEqualTo(65_536);
        GemmWork router = (GemmWork) g.node("up.select.router").work();
        assertThat(List.of(router.m(), router.k(), router.n())).containsExactly(1L, 256L, 8L);
        ExpertOverlay blockffn = new ExpertOverlay(128, 0.2, null, 8, 0.3, "n");
        assertThat(blockffn.unionDensity(1)).isCloseTo(0.2, within(1e-12));
        assertThat(blockffn.unionDensity(8)).isCloseTo(0.3, within(1e-12));
        assertThat(blockffn.unionDensity(64)).isGreaterThan(0.3).isLessThan(1);
    }

    /*
     * Decode attention of one token against 1024 cached keys (2 K/V heads, head dim 128).
     * Eviction to a 25% budget: 256 keys read. ShadowKV-style low rank at 10%: 1024 / 8 = 128 chunks, 13 selected
     * (ceil 12.8) = 104 keys; keys stored at rank 20 of 128 (ShadowKV's 160 of Llama-3-8B's 1024 key features is
     * 15.6%; 128 x 160 / 1024 = 20), so K bytes shrink to 20/128 of the selected keys'.
     */
    @ParameterizedTest(name = "{0} at {1}: {2} keys")
    @CsvSource({"EVICT, 0.25, 256", "LOW_RANK, 0.1, 104"})
    void kvMethodsReadFewerKeys(KvMethod method, double density, long keys) {
        Workload w = new Workload.Builder("t").input("q", Shape.of(2, 1, 128)).input("k", Shape.of(2, 1024, 128))
                .op(new Matmul("qk", List.of("q", "k"), 2, 1, 128, 1024, true, 8)).build()
                .withOverlay(Map.of("qk", OpSparsity.of(new KvOverlay(method, density))));
        GemmWork g = (GemmWork) build(w).node("qk").work();
        assertThat(g.n()).isEqualTo(keys);
        if (method == KvMethod.LOW_RANK) {
            assertThat(g.overlay().bScale()).isCloseTo(20.0 / 128, within(1e-12));
        }
    }

    /* 576 of 1024 tokens visual (LLaVA-1.5), half of them kept: 1024 - 288 = 736 rows through every GEMM. */
    @Test
    void visualTokenPruningShrinksEveryGemmsRows() {
        GemmWork g = (GemmWork) build(gemm("fc", 1024, 64, 64,
                new TokenOverlay(0.5, 576.0 / 1024, 0, null, null))).node("fc").work();
        assertThat(g.m()).isEqualTo(736);
    }

    @Test
    void methodsOnOperatorsTheyCannotApplyToAreRejectedNamingMethodOperatorAndField() {
        assertThatThrownBy(() -> gemm("fc", 4, 64, 64, new KvOverlay(KvMethod.EVICT, 0.5)))
                .isInstanceOf(SpecException.class).hasMessageContaining("sparsity.fc.kv")
                .hasMessageContaining("KV-cache evict on 'fc'");
        assertThatThrownBy(() -> new UnstructuredOverlay(1.5, null)).isInstanceOf(SpecException.class)
                .hasMessageContaining("density");
        assertThatThrownBy(() -> new UnstructuredOverlay(0, null)).isInstanceOf(SpecException.class)
                .hasMessageContaining("density");
        assertThatThrownBy(() -> gemm("fc", 4, 64, 64, new io.sparcade.model.workload.BlockOverlay(0.5, 128, 1)))
                .isInstanceOf(SpecException.class).hasMessageContaining("sparsity.fc.blocks.rows")
                .hasMessageContaining("do not fit k=64");
    }
}
