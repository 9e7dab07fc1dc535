package io.sparcade.hwsim.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Statistical top-k: the threshold formula, its cost, and that it keeps about k of Gaussian data. */
class StatisticalTopkTest {
    @ParameterizedTest(name = "Phi^-1({0}) = {1}")
    @CsvSource({"0.5, 0.0", "0.975, 1.959963985", "0.025, -1.959963985", "0.999, 3.090232306", "0.01, -2.326347874"})
    void inverseNormalMatchesTables(double p, double z) {
        assertThat(StatisticalTopk.inverseNormal(p)).isCloseTo(z, within(1e-6));
    }

    @Test
    void keepsAboutKOfGaussianScoresAndCountsTheRealSurvivors() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 4096;
        int k = 256;
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            double g = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
            s[i] = (int) Math.round(2048 + 300 * g);
        }
        StatisticalTopk.Result r = StatisticalTopk.select(s, k, 16);
        assertThat(r.survivors()).isBetween((int) (k * 0.85), (int) (k * 1.15));
        int counted = 0;
        for (int v : s) {
            if (v > r.threshold()) {
                counted++;
            }
        }
        assertThat(r.survivors()).isEqualTo(counted);
        assertThat(r.cycles()).isEqualTo(3L * 256); // three passes of n / P
    }

    @Test
    void uniformScoresAreNotGaussianSoTheCountDrifts() {
        SplittableRandom rng = new SplittableRandom(3);
        int[] s = new int[4096];
        for (int i = 0; i < s.length; i++) {
            s[i] = rng.nextInt(4096);
        }
        StatisticalTopk.Result r = StatisticalTopk.select(s, 32, 16);
        // the Gaussian threshold mean + 2.41 std lies above the uniform maximum (mean + 1.73 std): nothing survives
        assertThat(r.survivors()).isLessThan(32);
    }
}
