package io.sparcade.dse;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.dse.eval.PointEvaluator;
import io.sparcade.dse.eval.PointResult;
import io.sparcade.dse.search.MemeticSearch;
import io.sparcade.dse.search.SearchStrategy;
import io.sparcade.dse.sweep.DesignPoint;
import io.sparcade.dse.sweep.Metric;
import io.sparcade.dse.sweep.SweepParser;
import io.sparcade.dse.sweep.SweepSpec;
import io.sparcade.hwsim.energy.EnergyTable;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mapping strategies at equal budgets, on points of the default sweep: the mean, over the points, of the best
 * energy-delay product each finds divided by the scheduler's own mapping's (1 = no better than the scheduler).
 * Strategies are compared with the scheduler and with themselves on the same model, never with fixed numbers.
 */
class MappingStrategyComparisonTest {
    /** Points drawn (seeded, uniformly) from the default sweep's 10,912. */
    static final int POINTS = 150;

    /**
     * Every strategy asks the scheduler's own mapping first, so none may end above it (ratio 1); and a strategy given
     * four times the budget may not end worse than with the smaller one. Which strategy wins is not asserted: the
     * ranking moves with the model and the sample (on this sample, last run, hill climbing 0.99652 at 6 mappings
     * against memetic 0.99726, and memetic 0.99346 against hill climbing 0.99349 at 24; `bench mapping`'s own sample
     * ranks memetic first at both budgets, README "Mapping search"); the table is printed.
     */
    @Test
    @Timeout(600)
    void everyStrategyImprovesOnTheSchedulerAndWithItsBudget() throws Exception {
        String text = resource("/io/sparcade/dse/sweeps/default.yaml");
        String search = "search: {strategy: hill-climb, budget: 6, objective: edp}";
        assertThat(text).contains(search);
        SweepSpec base = SweepParser.parse("default.yaml", text);
        SplittableRandom rng = new SplittableRandom(2026);
        List<DesignPoint> sample = new ArrayList<>();
        for (int i = 0; i < POINTS; i++) {
            sample.add(base.point(rng.nextLong(base.size())));
        }
        double[] scheduler = edp(text.replace(search, "search: {strategy: hill-climb, budget: 1, objective: edp}"), sample);
        for (String strategy : List.of("hill-climb", "random", "genetic", "memetic")) {
            double previous = Double.POSITIVE_INFINITY;
            for (int budget : new int[] {6, 24}) {
                double ratio = meanRatio(edp(text.replace(search, "search: {strategy: " + strategy + ", budget: "
                        + budget + ", objective: edp}"), sample), scheduler);
                System.out.printf("mapping search %-10s budget %2d: mean EDP / scheduler's %.5f%n", strategy, budget, ratio);
                assertThat(ratio).as("%s, budget %d", strategy, budget).isLessThanOrEqualTo(1.0);
                assertThat(ratio).as("%s, budget %d against the smaller budget", strategy, budget).isLessThanOrEqualTo(previous);
                previous = ratio;
            }
        }
    }

    private static double[] edp(String sweepText, List<DesignPoint> sample) {
        PointEvaluator ev = new PointEvaluator(SweepParser.parse("sweep", sweepText), (EnergyTable) null);
        return sample.parallelStream().mapToDouble(p -> {
            PointResult r = ev.evaluate(p);
            return r.ok() ? r.metrics().value(Metric.EDP) : Double.NaN;
        }).toArray();
    }

    private static double meanRatio(double[] found, double[] scheduler) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < found.length; i++) {
            if (!Double.isNaN(found[i]) && !Double.isNaN(scheduler[i])) {
                sum += found[i] / scheduler[i];
                n++;
            }
        }
        assertThat(n).isGreaterThan(POINTS / 2);
        return sum / n;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void memeticStartsAtTheSchedulersMappingNeverRepeatsAndIsSeeded(long seed) {
        int[] sizes = {4, 3, 4, 3, 3, 1, 4};
        // A separable cost with a known optimum at (3, 2, 3, 2, 2, 0, 3).
        java.util.function.ToDoubleFunction<int[]> cost = p -> {
            double c = 0;
            for (int i = 0; i < p.length; i++) {
                c += Math.abs(p[i] - (sizes[i] - 1)) * (i + 1);
            }
            return c;
        };
        List<int[]> a = SearchStrategyTest.drain(new MemeticSearch(sizes, 300, seed), cost, 300);
        List<int[]> b = SearchStrategyTest.drain(new MemeticSearch(sizes, 300, seed), cost, 300);
        assertThat(a).zipSatisfy(b, (x, y) -> assertThat(x).isEqualTo(y));
        assertThat(a.get(0)).containsOnly(0);
        Set<String> distinct = new HashSet<>();
        a.forEach(p -> assertThat(distinct.add(Arrays.toString(p))).as("repeated %s", Arrays.toString(p)).isTrue());
        double best = a.stream().mapToDouble(cost).min().orElseThrow();
        // Hill climbing finishes the search: on a separable cost with one minimum per choice, one-choice moves reach
        // the optimum from wherever the genetic phase ends, and stop there (well inside the budget).
        assertThat(a.size()).isLessThan(300);
        assertThat(best).isZero();
        Optional<int[]> none = drainedEmpty(new MemeticSearch(new int[] {1, 1}, 10, seed));
        assertThat(none).isEmpty();
    }

    /** A one-point space: the scheduler's mapping, then nothing. */
    private static Optional<int[]> drainedEmpty(SearchStrategy s) {
        assertThat(s.next()).hasValueSatisfying(p -> assertThat(p).containsOnly(0));
        s.report(1);
        return s.next();
    }

    private static String resource(String name) throws java.io.IOException {
        try (InputStream in = MappingStrategyComparisonTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
