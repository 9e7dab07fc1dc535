package io.sparcade.cli;

import io.sparcade.dse.ProgressListener;
import io.sparcade.dse.RunSummary;
import io.sparcade.dse.SweepRun;
import io.sparcade.dse.exec.LocalSweepExecutor;
import io.sparcade.dse.output.FrontQuality;
import io.sparcade.dse.output.Pareto;
import io.sparcade.dse.output.PointsCsv;
import io.sparcade.dse.sweep.ExploreSpec;
import io.sparcade.dse.sweep.ExploreStrategyKind;
import io.sparcade.dse.sweep.SweepSpec;
import io.sparcade.dse.sweep.Sweeps;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparcade bench explore}: a sweep evaluated whole against the same sweep explored by NSGA-II with a fraction
 * of the points, side by side: evaluation time, and per design group the share of the exhaustive front's
 * hypervolume the exploration recovers, next to a uniformly random sample of the same size.
 */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = "Evaluate a sweep (default: the default sweep) point by point and explore it with NSGA-II at "
                + "--percent of its points; print times and, per design group, the hypervolume recovered (normalised to "
                + "the exhaustive front, reference point 1.1) by NSGA-II and by a random sample of the same size.")
final class BenchExplore implements Callable<Integer> {
    @Option(names = "--percent", defaultValue = "15", paramLabel = "<p>",
            description = "Exploration budget in percent of the sweep's points (default: ${DEFAULT-VALUE}).")
    double percent;

    @picocli.CommandLine.Mixin
    BenchSweepOptions options;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public Integer call() throws Exception {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("--percent: expected a number in (0, 100], got " + percent);
        }
        SweepSpec s = Sweeps.load(options.sweep).withExplore(null);
        SweepRun.checkSize(s);
        long budget = Math.max(1, Math.round(s.size() * percent / 100));
        SweepSpec explored = s.withExplore(new ExploreSpec(ExploreStrategyKind.NSGA2, budget, options.seed));
        LocalSweepExecutor executor = new LocalSweepExecutor(options.threads());
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%s: %,d points, mapping search %s x%d, %s; NSGA-II budget %,d (%.3g %%), seed %d%n",
                s.name(), s.size(), s.search().strategy().id(), s.search().budget(), executor.describe(), budget, percent, options.seed);
        o.flush();
        Path work = Files.createTempDirectory("sparcade-bench-explore-");
        RunSummary full = new SweepRun(work.resolve("exhaustive"), false, ProgressListener.NONE).run(s, executor);
        RunSummary nsga = new SweepRun(work.resolve("nsga2"), false, ProgressListener.NONE).run(explored, executor);
        Map<Long, double[]> all = new HashMap<>();
        PointsCsv.forEach(work.resolve("exhaustive").resolve(PointsCsv.FILE), r -> {
            if ("ok".equals(r.get("status")) && "true".equals(r.get("feasible"))) {
                all.put(Long.parseLong(r.get("id")), objectives(s, r));
            }
        });
        Set<Long> explorePoints = new LinkedHashSet<>();
        PointsCsv.forEach(work.resolve("nsga2").resolve(PointsCsv.FILE), r -> explorePoints.add(Long.parseLong(r.get("id"))));
        o.printf(Locale.ROOT, "exhaustive: %,d points evaluated in %.2f s; NSGA-II: %,d points in %.2f s (%.1fx less time)%n",
                full.evaluated(), full.seconds(), nsga.evaluated(), nsga.seconds(), full.seconds() / nsga.seconds());
        o.printf(Locale.ROOT, "%-44s %9s %7s %9s %12s %12s%n", "group", "points", "front", "explored", "HV nsga2", "HV random");
        SplittableRandom rng = new SplittableRandom(options.seed);
        for (SweepSpec.Group g : s.groups()) {
            List<double[]> feasible = new ArrayList<>();
            List<double[]> fromNsga = new ArrayList<>();
            long asked = 0;
            for (long id = g.first(); id < g.first() + g.size(); id++) {
                double[] v = all.get(id);
                if (explorePoints.contains(id)) {
                    asked++;
                    if (v != null) {
                        fromNsga.add(v);
                    }
                }
                if (v != null) {
                    feasible.add(v);
                }
            }
            List<double[]> front = front(feasible);
            List<double[]> fromRandom = new ArrayList<>();
            Set<Long> drawn = new LinkedHashSet<>();
            while (drawn.size() < asked) {
                drawn.add(g.first() + rng.nextLong(g.size()));
            }
            drawn.forEach(id -> {
                if (all.containsKey(id)) {
                    fromRandom.add(all.get(id));
                }
            });
            String name = s.designs().get(g.design()).arch() + " on " + g.workload();
            if (front.isEmpty()) {
                o.printf(Locale.ROOT, "%-44s %,9d %7d %,9d %12s %12s%n", name, g.size(), 0, asked, "-", "-");
                continue;
            }
            o.printf(Locale.ROOT, "%-44s %,9d %7d %,9d %11.2f%% %11.2f%%%n", name, g.size(), front.size(), asked,
                    100 * FrontQuality.hypervolumeRatio(front(fromNsga), front),
                    100 * FrontQuality.hypervolumeRatio(front(fromRandom), front));
        }
        o.println("(hypervolume: objectives " + String.join(", ", s.objectives().stream().map(m -> m.id()).toList())
                + " normalised to the exhaustive front's range, reference point " + FrontQuality.REFERENCE
                + " in each; outputs in " + work + ")");
        return 0;
    }

    private static double[] objectives(SweepSpec s, Map<String, String> row) {
        return s.objectives().stream().mapToDouble(m -> Double.parseDouble(row.get(m.column()))).toArray();
    }

    private static List<double[]> front(List<double[]> points) {
        return Pareto.front(points).stream().map(points::get).toList();
    }
}
