package io.sparcade.cli;

import io.sparcade.dse.eval.PointEvaluator;
import io.sparcade.dse.eval.PointResult;
import io.sparcade.dse.sweep.DesignPoint;
import io.sparcade.dse.sweep.SearchSpec;
import io.sparcade.dse.sweep.SearchStrategyKind;
import io.sparcade.dse.sweep.SweepSpec;
import io.sparcade.dse.sweep.Sweeps;
import io.sparcade.hwsim.energy.EnergyTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparcade bench mapping}: the mapping-search strategies side by side at equal budgets, on points drawn from a
 * sweep: the mean over the points of the best objective each finds divided by the scheduler's own mapping's, and the
 * time each takes.
 */
@Command(name = "mapping", mixinStandardHelpOptions = true,
        description = "Compare mapping-search strategies at equal budgets on --points points drawn from a sweep "
                + "(default: the default sweep): mean of best objective / the scheduler's mapping's (lower is better).")
final class BenchMapping implements Callable<Integer> {
    @Option(names = "--points", defaultValue = "300", paramLabel = "<n>", description = "Points drawn (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--budgets", defaultValue = "6,24", split = ",", paramLabel = "<b>",
            description = "Budgets, mappings per point (default: ${DEFAULT-VALUE}).")
    List<Integer> budgets;

    @Option(names = "--strategies", defaultValue = "hill-climb,random,genetic,memetic", split = ",", paramLabel = "<s>",
            description = "Strategies (default: ${DEFAULT-VALUE}).")
    List<String> strategies;

    @picocli.CommandLine.Mixin
    BenchSweepOptions options;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public Integer call() throws Exception {
        if (points < 1) {
            throw new IllegalArgumentException("--points: expected at least 1, got " + points);
        }
        List<SearchStrategyKind> kinds = new ArrayList<>();
        for (String k : strategies) {
            kinds.add(SearchStrategyKind.parse("--strategies", null, k));
        }
        for (int b : budgets) {
            if (b < 1) {
                throw new IllegalArgumentException("--budgets: expected budgets of at least 1, got " + b);
            }
        }
        SweepSpec s = Sweeps.load(options.sweep).withExplore(null);
        SplittableRandom rng = new SplittableRandom(options.seed);
        List<DesignPoint> sample = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            sample.add(s.point(rng.nextLong(s.size())));
        }
        ForkJoinPool pool = new ForkJoinPool(options.threads());
        PrintWriter o = spec.commandLine().getOut();
        try {
            double[] scheduler = measure(pool, s, new SearchSpec(SearchStrategyKind.HILL_CLIMB, 1, s.search().objective()), sample);
            o.printf(Locale.ROOT, "%s: %d points drawn (seed %d); mean over the points of the best %s found / the "
                    + "scheduler's mapping's (lower is better), and seconds%n", s.name(), points, options.seed, s.search().objective().id());
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-7s", "budget"));
            kinds.forEach(k -> head.append(String.format(Locale.ROOT, " %22s", k.id())));
            o.println(head);
            for (int b : budgets) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-7d", b));
                for (SearchStrategyKind k : kinds) {
                    long t = System.nanoTime();
                    double[] found = measure(pool, s, new SearchSpec(k, b, s.search().objective()), sample);
                    double sec = (System.nanoTime() - t) / 1e9;
                    double sum = 0;
                    int n = 0;
                    for (int i = 0; i < found.length; i++) {
                        if (!Double.isNaN(found[i]) && !Double.isNaN(scheduler[i])) {
                            sum += found[i] / scheduler[i];
                            n++;
                        }
                    }
                    line.append(String.format(Locale.ROOT, " %13.5f (%5.1f s)", sum / n, sec));
                }
                o.println(line);
                o.flush();
            }
        } finally {
            pool.shutdown();
        }
        return 0;
    }

    /** The search objective each point reaches with this search (NaN where it fails). */
    private static double[] measure(ForkJoinPool pool, SweepSpec s, SearchSpec search, List<DesignPoint> sample)
            throws Exception {
        SweepSpec withSearch = new SweepSpec(s.name(), s.source(), s.text(), s.seed(), search, s.objectives(), s.designs(), null);
        PointEvaluator ev = new PointEvaluator(withSearch, (EnergyTable) null);
        return pool.submit(() -> sample.parallelStream().mapToDouble(p -> {
            PointResult r = ev.evaluate(p);
            return r.ok() ? r.metrics().value(search.objective()) : Double.NaN;
        }).toArray()).get();
    }
}
