package io.sparcade.dse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sparcade.dse.eval.PointEvaluator;
import io.sparcade.dse.eval.PointResult;
import io.sparcade.dse.exec.LocalSweepExecutor;
import io.sparcade.dse.exec.SweepExecutor;
import io.sparcade.dse.output.FrontQuality;
import io.sparcade.dse.output.PointsCsv;
import io.sparcade.dse.search.Nsga2Search;
import io.sparcade.dse.search.ParetoSearch;
import io.sparcade.dse.sweep.DesignPoint;
import io.sparcade.dse.sweep.ExploreSpec;
import io.sparcade.dse.sweep.ExploreStrategyKind;
import io.sparcade.dse.sweep.SweepParser;
import io.sparcade.dse.sweep.SweepSpec;
import io.sparcade.dse.sweep.Sweeps;
import io.sparcade.hwsim.energy.EnergyTable;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ExplorationTest {
    @TempDir
    Path dir;

    /**
     * NSGA-II on the default sweep recovers at least 95 % of each design group's exhaustive hypervolume with 15 % of
     * the evaluations.
     *
     * <p>To fit the suite's time, every point's mapping is the scheduler's own (the default sweep with
     * {@code search.budget: 1} instead of 6: same designs, axes, objectives and constraints; 10,912 points, a few
     * seconds on two cores). The exhaustive answer is every point evaluated; its front per group is computed here by
     * the definition (pairwise dominance over the feasible points). The exploration runs through {@link SweepRun}
     * (points.csv, pareto.csv) with an executor that serves the exhaustive results, so both see the same numbers.
     *
     * <p>Hypervolume: objectives latency, energy and DSP48 normalised per group to the exhaustive front's box
     * (0 = the front's best value, 1 = the front's worst), reference point (1.1, 1.1, 1.1), computed exactly by
     * {@link Hypervolume}.
     */
    @Test
    @Timeout(600)
    void nsga2RecoversNinetyFivePercentOfEachGroupsHypervolumeWithFifteenPercentOfThePoints() throws Exception {
        String text = resource("/io/sparcade/dse/sweeps/default.yaml").replace("budget: 6", "budget: 1");
        assertThat(text).contains("budget: 1, objective: edp");
        SweepSpec exhaustive = SweepParser.parse("default.yaml", text);
        PointEvaluator evaluator = new PointEvaluator(exhaustive, (EnergyTable) null);
        Map<Long, PointResult> all = new ConcurrentHashMap<>();
        LongStream.range(0, exhaustive.size()).parallel().forEach(id -> all.put(id, evaluator.evaluate(exhaustive.point(id))));

        long budget = exhaustive.size() * 15 / 100;
        SweepSpec explored = exhaustive.withExplore(new ExploreSpec(ExploreStrategyKind.NSGA2, budget, 20260101));
        RunSummary run = new SweepRun(dir, false, ProgressListener.NONE).run(explored, oracle(all));
        assertThat(run.evaluated()).isLessThanOrEqualTo(budget).isEqualTo(run.total());

        List<Map<String, String>> pareto = PointsCsv.read(dir.resolve(SweepRun.PARETO_FILE));
        for (SweepSpec.Group g : exhaustive.groups()) {
            List<double[]> feasible = new ArrayList<>();
            for (long id = g.first(); id < g.first() + g.size(); id++) {
                PointResult r = all.get(id);
                if (r.feasible()) {
                    feasible.add(exhaustive.objectives().stream().mapToDouble(m -> r.metrics().value(m)).toArray());
                }
            }
            List<double[]> front = ParetoTest.bruteForce(feasible).stream().map(feasible::get).toList();
            List<double[]> found = pareto.stream().filter(r -> g.contains(Long.parseLong(r.get("id"))))
                    .map(r -> exhaustive.objectives().stream().mapToDouble(m -> Double.parseDouble(r.get(m.column()))).toArray())
                    .toList();
            double[] reference = new double[exhaustive.objectives().size()];
            Arrays.fill(reference, 1.1);
            double full = Hypervolume.of(Hypervolume.normalised(front, front), reference);
            double got = Hypervolume.of(Hypervolume.normalised(found, front), reference);
            assertThat(full).as("group %s", g).isPositive();
            assertThat(got / full).as("hypervolume of group %s (%d of %d front points found)", g, found.size(), front.size())
                    .isGreaterThanOrEqualTo(0.95);
            // jMetal's WFG hypervolume, which 'bench explore' reports, agrees with the computation written out here.
            assertThat(FrontQuality.hypervolumeRatio(found, front)).isCloseTo(got / full, within(1e-9));
        }
    }

    @Test
    void theHypervolumeIsTheAreaOrVolumeDominated() {
        // A staircase in 2-D below (4, 4): columns 1 wide and 1, 2, 3 high.
        assertThat(Hypervolume.of(List.of(new double[] {1, 3}, new double[] {2, 2}, new double[] {3, 1}),
                new double[] {4, 4})).isEqualTo(6.0);
        // One box in 3-D: 1 x 2 x 3.
        assertThat(Hypervolume.of(List.<double[]>of(new double[] {1, 1, 1}), new double[] {2, 3, 4})).isEqualTo(6.0);
        // Two half-unit slabs of the unit cube overlap in a quarter: 0.5 + 0.5 - 0.25.
        assertThat(Hypervolume.of(List.of(new double[] {0.5, 0, 0}, new double[] {0, 0.5, 0}), new double[] {1, 1, 1}))
                .isEqualTo(0.75);
        // A dominated point and a point beyond the reference add nothing.
        assertThat(Hypervolume.of(List.of(new double[] {1, 3}, new double[] {2, 2}, new double[] {3, 1},
                new double[] {3, 3}, new double[] {5, 0}), new double[] {4, 4})).isEqualTo(6.0);
        // The library's ratio: a front against itself is 1; the middle point alone of the staircase (0,1), (0.5,0.5),
        // (1,0) below (1.1, 1.1) covers 0.6 x 0.6 of the staircase's 0.05 + 0.3 + 0.11.
        List<double[]> stairs = List.of(new double[] {0, 1}, new double[] {0.5, 0.5}, new double[] {1, 0});
        assertThat(FrontQuality.hypervolumeRatio(stairs, stairs)).isCloseTo(1.0, within(1e-12));
        assertThat(FrontQuality.hypervolumeRatio(List.<double[]>of(new double[] {0.5, 0.5}), stairs))
                .isCloseTo(0.36 / 0.46, within(1e-12));
    }

    /** The same seed asks the same points; a resumed run replays the search and ends with the same points. */
    @Test
    @Timeout(300)
    void explorationIsDeterministicAndAResumedRunEndsWithTheSamePoints() throws Exception {
        SweepSpec sweep = SweepParser.parse("long.yaml", TestSweeps.LONG)
                .withExplore(new ExploreSpec(ExploreStrategyKind.NSGA2, 120, 5));
        Path a = dir.resolve("a");
        RunSummary first = new SweepRun(a, false, ProgressListener.NONE).run(sweep, new LocalSweepExecutor(2));
        assertThat(first.total()).isEqualTo(120);
        List<String> rowsA = sortedRows(a);

        // An interrupted run: the first 50 rows are in points.csv, the state still says running.
        Path b = dir.resolve("b");
        Files.createDirectories(b);
        List<String> lines = Files.readAllLines(a.resolve(PointsCsv.FILE));
        Files.writeString(b.resolve(PointsCsv.FILE), String.join("\n", lines.subList(0, 51)) + "\n");
        Files.copy(a.resolve(SweepRun.STATE_FILE), b.resolve(SweepRun.STATE_FILE));
        RunSummary resumed = new SweepRun(b, true, ProgressListener.NONE).run(sweep, new LocalSweepExecutor(1));
        assertThat(resumed.resumed()).isEqualTo(50);
        assertThat(resumed.evaluated()).isEqualTo(70);
        assertThat(sortedRows(b)).isEqualTo(rowsA);
        Properties state = new Properties();
        state.load(Files.newBufferedReader(b.resolve(SweepRun.STATE_FILE)));
        assertThat(state.getProperty("state")).isEqualTo("complete");

        // Another seed explores other points; resuming with it is another sweep.
        SweepSpec other = sweep.withExplore(new ExploreSpec(ExploreStrategyKind.NSGA2, 120, 6));
        assertThat(other.fingerprint()).isNotEqualTo(sweep.fingerprint());
        assertThatThrownBy(() -> new SweepRun(b, true, ProgressListener.NONE).run(other, new LocalSweepExecutor(1)))
                .hasMessageContaining("another sweep");
    }

    @Test
    void nsga2AsksTheSamePointsForTheSameSeedAndKeepsTheProtocol() {
        int[] sizes = {5, 1, 4, 3};
        List<List<String>> a = generations(new Nsga2Search(sizes, 2, 8, 42, List.of()), 6);
        List<List<String>> b = generations(new Nsga2Search(sizes, 2, 8, 42, List.of()), 6);
        assertThat(a).isEqualTo(b).hasSize(6);
        assertThat(a.get(0)).hasSize(8);
        assertThat(a.stream().flatMap(List::stream)).allSatisfy(p -> assertThat(p).matches("\\[[0-4], 0, [0-3], [0-2]\\]"));
        assertThat(generations(new Nsga2Search(sizes, 2, 8, 43, List.of()), 6)).isNotEqualTo(a);
        Nsga2Search s = new Nsga2Search(sizes, 2, 8, 1, List.of(new int[] {4, 0, 3, 2}));
        assertThat(s.ask().get(0)).containsExactly(4, 0, 3, 2);
        assertThatThrownBy(s::ask).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.tell(List.of())).hasMessageContaining("told 0 outcomes for 8 points");
    }

    /** Each generation's points, told a two-objective trade-off (sum of indices against its negation plus a bias). */
    private static List<List<String>> generations(Nsga2Search s, int n) {
        List<List<String>> out = new ArrayList<>();
        for (int g = 0; g < n; g++) {
            List<int[]> pts = s.ask();
            out.add(pts.stream().map(Arrays::toString).toList());
            s.tell(pts.stream().map(p -> new ParetoSearch.Outcome(new double[] {p[0] + p[2], 10 - p[0] + p[3]},
                    p[3] == 2 ? 0.5 : 0)).toList());
        }
        return out;
    }

    @Test
    void theBudgetIsSharedByGroupSizeAndTooSmallABudgetIsRefused() {
        SweepSpec quick = Sweeps.load("quick");
        assertThat(new Exploration(quick.withExplore(new ExploreSpec(ExploreStrategyKind.NSGA2, 32, 1))).shares())
                .containsExactly(16L, 16L);
        assertThat(new Exploration(quick.withExplore(new ExploreSpec(ExploreStrategyKind.NSGA2, 1000, 1))).shares())
                .containsExactly(18L, 18L);
        SweepSpec def = Sweeps.load(Sweeps.DEFAULT);
        List<Long> shares = new Exploration(def.withExplore(new ExploreSpec(ExploreStrategyKind.NSGA2, 1091, 1))).shares();
        assertThat(shares).containsExactly(400L, 432L, 259L);
        assertThatThrownBy(() -> new Exploration(quick.withExplore(new ExploreSpec(ExploreStrategyKind.NSGA2, 20, 1))))
                .hasMessageContaining("too small for 2 design groups: give at least 32");
    }

    /** An executor that answers from results computed beforehand (as a cache would). */
    private static SweepExecutor oracle(Map<Long, PointResult> results) {
        return new SweepExecutor() {
            @Override
            public void execute(SweepSpec sweep, Iterator<DesignPoint> points, Sink sink) throws Exception {
                while (points.hasNext()) {
                    sink.accept(results.get(points.next().id()));
                }
            }

            @Override
            public String describe() {
                return "precomputed results";
            }
        };
    }

    private static List<String> sortedRows(Path run) throws java.io.IOException {
        List<String> lines = Files.readAllLines(run.resolve(PointsCsv.FILE));
        return lines.subList(1, lines.size()).stream().sorted().toList();
    }

    private static String resource(String name) throws java.io.IOException {
        try (InputStream in = ExplorationTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
