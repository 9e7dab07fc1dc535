package io.sparcade.model.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.model.SpecException;
import io.sparcade.model.spec.Specs;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Workload validation: operator sizes, N:M patterns and the sparsity overlay. */
class WorkloadTest {
    static final String GEMM = io.sparcade.model.spec.WorkloadYaml.GEMM;

    static Workload parse(String yaml) {
        return Specs.fromYaml("w.yaml", yaml, Workload.class);
    }

    @Test
    void validWorkloadBinds() {
        Workload w = parse(GEMM);
        assertThat(w.operators()).containsExactly(new Gemm("fc", List.of("x"), 8, 16, 8, 8, 8));
        assertThat(w.sparsityOf("fc").nm()).isEqualTo(new NmPattern(2, 8, "k"));
        assertThat(w.hasSparsity()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "n: 2, m: 8 | n: 9, m: 8  | sparsity.fc.nm.n   | N must be <= M, got 9:8",
        "n: 2, m: 8 | n: 2, m: 6  | sparsity.fc.nm.m   | M must be a power of two >= 2, got 6",
        "n: 2, m: 8 | n: 1, m: 1  | sparsity.fc.nm.m   | M must be a power of two >= 2, got 1",
        "n: 2, m: 8 | n: 0, m: 8  | sparsity.fc.nm.n   | must be > 0, got 0",
        "dim: k     | dim: n      | sparsity.fc.nm.dim | 'n' cannot be pruned on 'fc' (choose from [k])",
        "k: 16      | k: -3       | operators[0].k     | must be > 0, got -3",
        "m: 8\\n     | m: 0\\n      | operators[0].m     | must be > 0, got 0"})
    void badWorkloadValuesNameFileFieldAndProblem(String from, String to, String field, String problem) {
        String yaml = GEMM.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        assertThat(yaml).isNotEqualTo(GEMM);
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(SpecException.class)
                .hasMessage("w.yaml: " + field + ": " + problem);
    }

    @Test
    void zeroInputDimensionNamesTheInput() {
        assertThatThrownBy(() -> parse(GEMM.replace("x: [8, 16]", "x: [8, 0]")))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("w.yaml: inputs.x")
                .hasMessageEndingWith("dimensions must be > 0, got [8x0]");
    }

    @Test
    void sparsityOverlayNamingAMissingOperatorFails() {
        assertThatThrownBy(() -> parse(GEMM.replace("  fc:\n    nm", "  fd:\n    nm")))
                .hasMessage("w.yaml: sparsity.fd: no operator named 'fd'");
    }

    @Test
    void nmOnAnOperatorWithoutWeightsFails() {
        Workload.Builder b = new Workload.Builder("w").input("x", Shape.of(4, 8))
                .op(new Softmax("sm", List.of("x"), Shape.of(4, 8), 8))
                .nm("sm", 2, 4, "cols");
        assertThatThrownBy(b::build)
                .isInstanceOf(SpecException.class)
                .hasMessage("sparsity.sm.nm.dim: operator 'sm' has no weight to prune N:M");
    }

    @Test
    void keepRatioOnAnUnknownDimensionAndOutOfRangeFail() {
        Workload.Builder b = new Workload.Builder("w").input("x", Shape.of(4, 8))
                .op(new Gemm("fc", List.of("x"), 4, 8, 8, 8, 8)).keep("fc", "q", 0.5);
        assertThatThrownBy(b::build).hasMessage("sparsity.fc.keep.q: operator 'fc' has no dimension 'q' (has [m, k, n])");
        assertThatThrownBy(() -> new OpSparsity(null, Map.of("k", 1.5))).hasMessage("keep.k: must be in (0, 1], got 1.5");
    }

    @Test
    void duplicateNamesAndWrongInputCountsFail() {
        assertThatThrownBy(() -> new Workload.Builder("w").input("x", Shape.of(4, 8))
                .op(new Gemm("x", List.of("x"), 4, 8, 8, 8, 8)).build())
                .hasMessage("operators[0].name: 'x' is used twice");
        assertThatThrownBy(() -> new Gemm("fc", List.of("a", "b"), 4, 8, 8, 8, 8))
                .hasMessage("inputs: expected 1 input(s), got 2 [a, b]");
        assertThatThrownBy(() -> new TopK("t", List.of("x"), 1, 4, 5, 8)).hasMessage("k: must be <= n (4), got 5");
    }

    @Test
    void denseRemovesTheOverlayAndKeepsEverythingElse() {
        Workload w = parse(GEMM);
        Workload d = w.dense();
        assertThat(d.sparsity()).isEmpty();
        assertThat(d.hasSparsity()).isFalse();
        assertThat(d.operators()).isEqualTo(w.operators());
        assertThat(d.inputs()).isEqualTo(w.inputs());
        assertThat(d.name()).isEqualTo(w.name());
    }

    static Stream<Long> seeds() {
        return LongStreamHolder.SEEDS.stream();
    }

    /** Seeds for the randomised cases; fixed so a failure reproduces. */
    private static final class LongStreamHolder {
        static final List<Long> SEEDS = List.of(1L, 2L, 3L, 42L, 20261122L);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void nmPatternAcceptsExactlyNAtMostMWithMAPowerOfTwo(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        IntStream.range(0, 200).forEach(i -> {
            int n = r.nextInt(-2, 40);
            int m = r.nextInt(-2, 40);
            boolean valid = n > 0 && m >= 2 && n <= m && Integer.bitCount(m) == 1;
            if (valid) {
                NmPattern p = new NmPattern(n, m, null);
                assertThat(p.dim()).isEqualTo("k");
                assertThat(p.density()).isEqualTo((double) n / m);
                assertThat(1 << p.indexBits()).isEqualTo(m);
                assertThat(p.ratio()).isEqualTo(n + ":" + m);
            } else {
                assertThatThrownBy(() -> new NmPattern(n, m, "k")).as(n + ":" + m).isInstanceOf(SpecException.class);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void convOutputAndGemmViewFollowTheUsualFormula(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 100; i++) {
            long kh = r.nextInt(1, 8);
            long kw = r.nextInt(1, 8);
            long pad = r.nextInt(0, 3);
            long h = r.nextInt((int) Math.max(1, kh - 2 * pad), 64);
            long w = r.nextInt((int) Math.max(1, kw - 2 * pad), 64);
            long s = r.nextInt(1, 5);
            long c = r.nextInt(1, 16);
            long oc = r.nextInt(1, 16);
            Conv2d conv = new Conv2d("c", List.of("x"), 2, c, h, w, oc, kh, kw, s, pad, 8, 0);
            assertThat(conv.outH()).isEqualTo((h + 2 * pad - kh) / s + 1);
            assertThat(conv.outW()).isEqualTo((w + 2 * pad - kw) / s + 1);
            assertThat(conv.dims()).containsExactly(Map.entry("m", 2 * conv.outH() * conv.outW()),
                    Map.entry("k", c * kh * kw), Map.entry("n", oc));
            assertThat(conv.weightBits()).isEqualTo(8);
        }
    }

    @Test
    void convKernelLargerThanInputFails() {
        assertThatThrownBy(() -> new Conv2d("c", List.of("x"), 1, 3, 4, 4, 8, 5, 5, 1, 0, 8, 8))
                .hasMessage("kernel_h: kernel 5x5 is larger than the padded input 4x4");
    }
}
