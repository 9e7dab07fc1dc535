package io.sparcade.hwsim.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.dataflow.TopkWork;
import io.sparcade.model.arch.TopkAlgorithm;
import io.sparcade.model.arch.TopkEngineSpec;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The top-k engine's expected row cost (used for rows too long to draw) against the functional model it stands in
 * for: the mean, over many seeded rows, of the quick-select's cycles, rounds and scanned elements on drawn scores,
 * with distinct-ish keys (16-bit scores, n well below 2^16) and with heavy ties (8-bit scores over 20,000 elements,
 * about 78 copies of each value). The functional model's pivots come from the engine's LFSR, the expectation
 * assumes uniform pivots: they must agree on average within a few percent.
 */
class TopkExpectationTest {
    @ParameterizedTest(name = "n={0} k={1} bits={2} lanes={3}")
    @CsvSource({"4096, 32, 16, 16", "4096, 2048, 16, 32", "20000, 1000, 8, 16", "2000, 1, 16, 8"})
    void quickSelectExpectationIsTheMeanOfTheFunctionalModel(long n, long k, int bits, int lanes) {
        TopkEngineSpec engine = new TopkEngineSpec(lanes, TopkAlgorithm.QUICK_SELECT, bits, "buf");
        int trials = 400;
        double cycles = 0;
        double rounds = 0;
        double comparisons = 0;
        for (int r = 0; r < trials; r++) {
            TopkEngineModel.RowCost c = TopkEngineModel.rowCost(new TopkWork(1, n, k, bits, 7), engine, r);
            cycles += c.cycles();
            rounds += c.rounds();
            comparisons += c.comparisons();
        }
        TopkEngineModel.RowCost e = TopkEngineModel.expectedRowCost(new TopkWork(1, n, k, bits, 7), engine);
        assertThat((double) e.cycles()).isCloseTo(cycles / trials, Percentage.withPercentage(5));
        assertThat((double) e.comparisons()).isCloseTo(comparisons / trials, Percentage.withPercentage(5));
        assertThat((double) e.rounds()).isCloseTo(rounds / trials, Percentage.withPercentage(15));
    }

    @ParameterizedTest(name = "n={0} k={1} bits={2}")
    @CsvSource({"4096, 64, 16", "20000, 500, 12"})
    void statisticalExpectationKeepsWhatTheDrawnRowsKeep(long n, long k, int bits) {
        TopkEngineSpec engine = new TopkEngineSpec(16, TopkAlgorithm.STATISTICAL, bits, "buf");
        double survivors = 0;
        int trials = 100;
        for (int r = 0; r < trials; r++) {
            survivors += TopkEngineModel.rowCost(new TopkWork(1, n, k, bits, 3), engine, r).survivors();
        }
        TopkEngineModel.RowCost e = TopkEngineModel.expectedRowCost(new TopkWork(1, n, k, bits, 3), engine);
        assertThat((double) e.survivors()).isCloseTo(survivors / trials, Percentage.withPercentage(5));
        // three passes over the row, by hand: 3 ceil(n / 16)
        assertThat(e.cycles()).isEqualTo(3 * ((n + 15) / 16));
    }

    /** A billion scores: costed from the expectation, in O(1) memory (the functional model would need 4 GB). */
    @ParameterizedTest(name = "bits={0}")
    @CsvSource({"16", "30"})
    void aBillionScoresCostTheirExpectation(int bits) {
        TopkWork w = new TopkWork(1, 1_000_000_000L, 1000, bits, 1);
        TopkEngineSpec engine = new TopkEngineSpec(16, TopkAlgorithm.QUICK_SELECT, bits, "buf");
        assertThat(TopkEngineModel.exact(w)).isFalse();
        TopkEngineModel.RowCost e = TopkEngineModel.expectedRowCost(w, engine);
        // at least the final pass over the row plus the first round's full scan: 2 n / P; at most a few n / P
        assertThat(e.cycles()).isBetween(2 * 1_000_000_000L / 16, 5 * 1_000_000_000L / 16);
    }
}
