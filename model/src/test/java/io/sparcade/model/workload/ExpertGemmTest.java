package io.sparcade.model.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sparcade.model.SpecException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Routed experts: how many distinct experts a batch touches, and the busiest expert's load. */
class ExpertGemmTest {
    /*
     * Uniform routing, k of E per token, tokens independent: an expert escapes one token with probability 1 - k/E,
     * so E x (1 - (1 - k/E)^B) experts are touched on average.
     *   E = 8, k = 2: B = 1 -> 8 x (1 - 0.75) = 2; B = 2 -> 8 x (1 - 0.5625) = 3.5; B = 8 -> 8 x (1 - 0.100113) = 7.19909
     *   E = 64, k = 6, B = 4: 64 x (1 - (58/64)^4) = 64 x (1 - 0.674516) = 20.8310
     *   E = 60, k = 4, B = 1: exactly 4
     */
    @ParameterizedTest(name = "E={0} k={1} B={2}")
    @CsvSource({"8, 2, 1, 2.0", "8, 2, 2, 3.5", "8, 2, 8, 7.19909", "64, 6, 4, 20.8310", "60, 4, 1, 4.0"})
    void expectedDistinctExpertsByHand(long e, long k, long b, double expected) {
        assertThat(ExpertGemm.expectedDistinct(e, k, b)).isCloseTo(expected, within(1e-4));
    }

    /** The formula against a seeded simulation of uniform top-k routing (k distinct experts per token). */
    @ParameterizedTest(name = "E={0} k={1} B={2}")
    @CsvSource({"8, 2, 4", "64, 6, 16", "60, 4, 32"})
    void expectedDistinctExpertsMatchesMonteCarlo(int e, int k, int b) {
        SplittableRandom r = new SplittableRandom(1234L * e + 17L * k + b);
        int trials = 4000;
        long sum = 0;
        for (int t = 0; t < trials; t++) {
            boolean[] touched = new boolean[e];
            for (int token = 0; token < b; token++) {
                int[] perm = new int[e];
                for (int i = 0; i < e; i++) {
                    perm[i] = i;
                }
                for (int i = 0; i < k; i++) { // partial Fisher-Yates: k distinct experts
                    int j = i + r.nextInt(e - i);
                    int tmp = perm[i];
                    perm[i] = perm[j];
                    perm[j] = tmp;
                    touched[perm[i]] = true;
                }
            }
            for (boolean x : touched) {
                sum += x ? 1 : 0;
            }
        }
        double mean = (double) sum / trials;
        assertThat(ExpertGemm.expectedDistinct(e, k, b)).isCloseTo(mean, within(0.02 * mean));
    }

    @Test
    void batchOneFetchesOnlyTheRoutedExpertsAndSkewSetsTheBusiestLoad() {
        ExpertGemm one = new ExpertGemm("g", List.of("x"), 1, 4096, 14336, 8, 2, false, 1, 8, 16);
        assertThat(one.distinctExperts()).isEqualTo(2);
        assertThat(one.busiestLoad()).isEqualTo(1);
        assertThat(one.dims()).containsEntry("experts", 2L).containsEntry("m", 1L);
        assertThat(one.weights()).isEqualTo(8L * 4096 * 14336);
        assertThat(one.activeWeights()).isEqualTo(2L * 4096 * 14336);
        // 64 tokens, 2 of 8: 128 assignments over round(8 x (1 - 0.75^64)) = 8 experts, 16 each when balanced;
        // skew 2: the busiest takes 32 rows, and the batched GEMM pads every expert to it
        ExpertGemm balanced = new ExpertGemm("g", List.of("x"), 64, 4096, 14336, 8, 2, false, 1, 8, 16);
        assertThat(balanced.distinctExperts()).isEqualTo(8);
        assertThat(balanced.busiestLoad()).isEqualTo(16);
        ExpertGemm skewed = new ExpertGemm("g", List.of("x"), 64, 4096, 14336, 8, 2, false, 2, 8, 16);
        assertThat(skewed.busiestLoad()).isEqualTo(32);
        // a load never exceeds one row per token
        assertThat(new ExpertGemm("g", List.of("x"), 64, 16, 16, 8, 2, false, 8, 8, 8).busiestLoad()).isEqualTo(64);
        // shapes: gate/up take the tokens and give one row per assignment; down combines back to the tokens
        assertThat(balanced.outputShape()).isEqualTo(Shape.of(128, 14336));
        ExpertGemm down = new ExpertGemm("d", List.of("a"), 64, 14336, 4096, 8, 2, true, 1, 8, 16);
        assertThat(down.expectedInputShapes()).containsExactly(Shape.of(128, 14336));
        assertThat(down.outputShape()).isEqualTo(Shape.of(64, 4096));
        assertThatThrownBy(() -> new ExpertGemm("g", List.of("x"), 1, 16, 16, 8, 9, false, 1, 8, 8))
                .isInstanceOf(SpecException.class).hasMessageContaining("top_k");
        assertThatThrownBy(() -> new ExpertGemm("g", List.of("x"), 1, 16, 16, 8, 2, false, 0.5, 8, 8))
                .isInstanceOf(SpecException.class).hasMessageContaining("skew");
    }
}
