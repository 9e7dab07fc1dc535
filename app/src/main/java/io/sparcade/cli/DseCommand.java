package io.sparcade.cli;

import com.hazelcast.core.HazelcastInstance;
import io.sparcade.dse.ProgressListener;
import io.sparcade.dse.RunSummary;
import io.sparcade.dse.SweepRun;
import io.sparcade.dse.eval.PointResult;
import io.sparcade.dse.exec.ClusterMembers;
import io.sparcade.dse.exec.ClusterToken;
import io.sparcade.dse.exec.HazelcastSweepExecutor;
import io.sparcade.dse.exec.LocalSweepExecutor;
import io.sparcade.dse.exec.SweepExecutor;
import io.sparcade.dse.output.PointsCsv;
import io.sparcade.dse.sweep.ExploreSpec;
import io.sparcade.dse.sweep.ExploreStrategyKind;
import io.sparcade.dse.sweep.Metric;
import io.sparcade.dse.sweep.SweepSpec;
import io.sparcade.dse.sweep.Sweeps;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparcade dse}: design-space exploration over a sweep, locally or on a Hazelcast cluster. */
@Command(name = "dse", mixinStandardHelpOptions = true,
        description = "Explore a design space: evaluate every point of a sweep, or with --explore the points "
                + "NSGA-II picks (with a mapping search per point), stream points.csv, then write pareto.csv, "
                + "plots and report.html. Without --sweep, runs the built-in default sweep (N:M ratios and array sizes of the three "
                + "seed accelerators). A sweep of more than 100,000,000 points must be explored.")
final class DseCommand implements Callable<Integer> {
    @Option(names = "--sweep", defaultValue = Sweeps.DEFAULT, paramLabel = "<file.yaml|preset>",
            description = "Sweep YAML file or built-in sweep (${COMPLETION-CANDIDATES}); default: ${DEFAULT-VALUE}.",
            completionCandidates = SweepNames.class)
    String sweep;

    @Option(names = "--out", defaultValue = "dse-out", paramLabel = "<dir>",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--jobs", paramLabel = "<n>", description = "Worker threads (default: all cores).")
    Integer jobs;

    @Option(names = "--resume", description = "Finish an interrupted run in --out: evaluate only the missing points.")
    boolean resume;

    @Option(names = "--cluster", paramLabel = "<host:port>",
            description = "Join the Hazelcast cluster of a running 'sparcade worker' and spread points over its members.")
    String cluster;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "<address>",
            description = "With --cluster: this machine's address the members reach it on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "5711", paramLabel = "<port>",
            description = "With --cluster: first port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--explore", paramLabel = "<strategy>",
            description = "Explore instead of evaluating every point: a multi-objective search (nsga2) picks at most "
                    + "--budget points, towards each design group's Pareto front. Overrides the sweep's explore:.")
    String explore;

    @Option(names = "--budget", paramLabel = "<points>",
            description = "With --explore: the most points evaluated over the whole sweep.")
    Long budget;

    @Option(names = "--seed", paramLabel = "<seed>",
            description = "With --explore: the search's seed (default: the sweep's explore.seed, else its seed).")
    Long exploreSeed;

    @picocli.CommandLine.Mixin
    TokenOption token;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Option(names = "--show-mapping", paramLabel = "<id>",
            description = "Print point <id> of the run in --out and its best mapping as a mapping YAML "
                    + "(for 'simulate --mapping'), then exit.")
    Long showMapping;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    static final class SweepNames implements Iterable<String> {
        @java.lang.Override
        public java.util.Iterator<String> iterator() {
            return Sweeps.presets().iterator();
        }
    }

    @java.lang.Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (showMapping != null) {
            return showMapping(o);
        }
        SweepSpec s = withExplore(Sweeps.load(sweep));
        SweepRun.checkSize(s);
        if (jobs != null && jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
        }
        ClusterToken clusterToken = null;
        if (cluster != null) {
            ClusterMembers.parse(cluster);
            if (jobs != null) {
                throw new IllegalArgumentException("--jobs applies to local runs; with --cluster every member uses "
                        + "one thread per core");
            }
            clusterToken = token.required("dse --cluster");
        }
        long planned = SweepRun.planned(s);
        HazelcastInstance member = null;
        Bar bar = new Bar(!noProgress, s.name());
        try {
            SweepExecutor executor;
            if (cluster != null) {
                member = ClusterMembers.start(cluster, bind, port, clusterToken);
                executor = new HazelcastSweepExecutor(member);
            } else {
                executor = jobs == null ? LocalSweepExecutor.allCores() : new LocalSweepExecutor(jobs);
            }
            String what = s.explore() == null ? String.format(Locale.ROOT, "%,d points", s.size())
                    : String.format(Locale.ROOT, "%,d points, exploring at most %,d with %s", s.size(), planned,
                    s.explore().describe());
            String again = "sparcade dse --sweep " + sweep + " --out " + out + (explore == null && budget == null
                    && exploreSeed == null ? "" : " --explore " + s.explore().strategy().id() + " --budget "
                    + s.explore().budget() + " --seed " + s.explore().seed()) + (cluster == null ? "" : " --cluster "
                    + cluster) + " --resume";
            o.printf("sweep '%s' (%s): %s, mapping search %s x%d on %s, into %s/%n", s.name(), s.source(), what,
                    s.search().strategy().id(), s.search().budget(), executor.describe(), out);
            o.flush();
            // On Ctrl-C the finished rows are already in points.csv: say how to finish the run.
            Thread hint = new Thread(() -> {
                bar.close();
                System.err.println(System.lineSeparator() + "sparcade: interrupted; the finished points are in " + out
                        + "/points.csv; finish with: " + again);
            });
            Runtime.getRuntime().addShutdownHook(hint);
            RunSummary r;
            try {
                r = new SweepRun(out, resume, bar, Text.commandLine(spec)).run(s, executor);
            } finally {
                removeHook(hint);
            }
            bar.close();
            o.printf(Locale.ROOT, "%,d points: %,d evaluated now (%.1f s, %.0f points/s), %,d from an earlier run; "
                            + "%,d errors, %,d infeasible; %,d on the Pareto fronts%n", r.total(), r.evaluated(),
                    r.seconds(), r.pointsPerSecond(), r.resumed(), r.errors(), r.infeasible(), r.pareto());
            printBest(o, s);
            o.println("wrote " + String.join(", ", r.files().stream().map(p -> p.getFileName().toString()).toList()));
            return 0;
        } finally {
            bar.close();
            if (member != null) {
                member.shutdown();
            }
        }
    }

    /** The sweep with --explore/--budget/--seed applied. */
    private SweepSpec withExplore(SweepSpec s) {
        if (explore == null) {
            if (budget != null || exploreSeed != null) {
                if (s.explore() == null) {
                    throw new IllegalArgumentException("--budget and --seed go with --explore (e.g. --explore nsga2 --budget 2000)");
                }
                return s.withExplore(new ExploreSpec(s.explore().strategy(), budget != null ? budget : s.explore().budget(),
                        exploreSeed != null ? exploreSeed : s.explore().seed()));
            }
            return s;
        }
        ExploreStrategyKind kind = ExploreStrategyKind.parse("--explore", null, explore);
        long b = budget != null ? budget : s.explore() != null ? s.explore().budget() : -1;
        if (b < 0) {
            throw new IllegalArgumentException("--explore needs --budget <points> (the most points to evaluate)");
        }
        if (b < 1 || b > ExploreSpec.MAX_BUDGET) {
            throw new IllegalArgumentException("--budget: expected 1.." + ExploreSpec.MAX_BUDGET + ", got " + b);
        }
        long seed = exploreSeed != null ? exploreSeed : s.explore() != null ? s.explore().seed() : s.seed();
        return s.withExplore(new ExploreSpec(kind, b, seed));
    }

    private int showMapping(PrintWriter o) throws java.io.IOException {
        Path points = out.resolve(PointsCsv.FILE);
        if (!java.nio.file.Files.exists(points)) {
            throw new IllegalArgumentException(points + ": no such file (give the run's --out)");
        }
        String id = Long.toString(showMapping);
        java.util.concurrent.atomic.AtomicReference<Map<String, String>> found = new java.util.concurrent.atomic.AtomicReference<>();
        PointsCsv.forEach(points, r -> {
            if (found.get() == null && r.get("id").equals(id)) {
                found.set(r);
            }
        });
        Map<String, String> r = found.get();
        if (r != null) {
            o.println("# point " + showMapping + " of " + out + ": " + r.get("arch") + " on " + r.get("workload")
                    + ", " + r.get("status") + (r.get("error").isEmpty() ? "" : " (" + r.get("error") + ")"));
            r.forEach((k, v) -> {
                if (k.contains(".") && !v.isEmpty()) {
                    o.println("#   " + k + " = " + v);
                }
            });
            o.println("#   latency " + r.get("latency_s") + " s, energy " + r.get("energy_j") + " J");
            o.print(io.sparcade.model.spec.Yaml.write(io.sparcade.dse.search.MappingText.parse(r.get("mapping"))));
            o.flush();
            return 0;
        }
        throw new IllegalArgumentException(points + ": no point " + showMapping);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting: the hook runs and prints its hint.
        }
    }

    /** Per group, the Pareto point with the lowest energy-delay product, with its mapping. */
    private void printBest(PrintWriter o, SweepSpec s) throws java.io.IOException {
        Map<String, Map<String, String>> best = new LinkedHashMap<>();
        for (Map<String, String> r : PointsCsv.read(out.resolve(SweepRun.PARETO_FILE))) {
            String g = r.get("arch") + " on " + r.get("workload");
            Comparator<Map<String, String>> byEdp = Comparator.comparingDouble(x -> Double.parseDouble(x.get(Metric.EDP.column())));
            best.merge(g, r, (a, b) -> byEdp.compare(a, b) <= 0 ? a : b);
        }
        best.forEach((g, r) -> {
            StringBuilder axes = new StringBuilder();
            for (String a : s.axisColumns()) {
                if (!r.get(a).isEmpty()) {
                    axes.append(axes.length() == 0 ? "" : ", ").append(a).append('=').append(r.get(a));
                }
            }
            o.printf(Locale.ROOT, "  best EDP, %s: point %s (%s): %.4g s, %.4g J, %s DSP48%n    mapping: %s%n", g,
                    r.get("id"), axes, Double.parseDouble(r.get("latency_s")), Double.parseDouble(r.get("energy_j")),
                    r.get("dsp48"), r.get("mapping"));
        });
    }

    /** The progress bar on stderr: points done, rate, ETA. */
    private static final class Bar implements ProgressListener {
        private final boolean show;
        private final String name;
        private ProgressBar bar;

        Bar(boolean show, String name) {
            this.show = show;
            this.name = name;
        }

        @java.lang.Override
        public synchronized void started(long total, long alreadyDone) {
            if (show) {
                bar = new ProgressBarBuilder().setTaskName("dse " + name).setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).setUnit(" pts", 1)
                        .showSpeed().startsFrom(alreadyDone, Duration.ZERO)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            }
        }

        @java.lang.Override
        public synchronized void finished(PointResult result) {
            if (bar != null) {
                bar.step();
            }
        }

        synchronized void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
