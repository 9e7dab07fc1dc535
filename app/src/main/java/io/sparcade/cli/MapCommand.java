package io.sparcade.cli;

import io.sparcade.app.Sparcade;
import io.sparcade.dse.map.MapConstraints;
import io.sparcade.dse.map.MapOutputs;
import io.sparcade.dse.map.MapResult;
import io.sparcade.dse.map.Mapper;
import io.sparcade.dse.sweep.Metric;
import io.sparcade.dse.sweep.SearchStrategyKind;
import io.sparcade.hwsim.energy.EnergyTable;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.spec.Override;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Workload;
import io.sparcade.reports.RunReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparcade map}: the best mapping of one workload on one architecture, and why. */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = "Search the mapping of every operator (unit, tile sizes, loop order, the dataflow of a "
                + "reconfigurable array) and of the workload (which candidates to combine, which fusion groups to "
                + "fuse) under simulate's cost model. Writes mapping.yaml (for simulate --mapping), map.csv, "
                + "mapspace.csv, summary.csv, convergence.png, gain.png and report.html.")
final class MapCommand implements Callable<Integer> {
    static final String DEFAULT_STRATEGIES = "hill-climb,random,genetic,memetic";
    static final int DEFAULT_BUDGET = 48;
    static final int DEFAULT_GRAPH_BUDGET = 24;

    @Mixin
    SpecOptions specs;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Directory for the outputs.")
    Path out;

    @Option(names = "--strategy", defaultValue = DEFAULT_STRATEGIES, split = ",", paramLabel = "<s>",
            description = "Search strategies (exhaustive, random, hill-climb, genetic, memetic), comma-separated; each "
                    + "runs on its own and the best mapping wins (default: ${DEFAULT-VALUE}).")
    List<String> strategies;

    @Option(names = "--budget", defaultValue = "" + DEFAULT_BUDGET, paramLabel = "<n>",
            description = "Mappings each strategy evaluates per operator (default: ${DEFAULT-VALUE}).")
    int budget;

    @Option(names = "--graph-budget", defaultValue = "" + DEFAULT_GRAPH_BUDGET, paramLabel = "<n>",
            description = "Whole-workload simulations each strategy runs to combine the operators' mappings and "
                    + "choose fusion (default: ${DEFAULT-VALUE}).")
    int graphBudget;

    @Option(names = "--objective", defaultValue = "edp", paramLabel = "<latency|energy|edp>",
            description = "What the search minimises over the whole workload (default: ${DEFAULT-VALUE}).")
    String objective;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "<seed>",
            description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tile-min", paramLabel = "[op.]<m|k|n>=<size>",
            description = "Smallest tile size along a dimension, for every operator or one (repeatable).")
    List<String> tileMin = new ArrayList<>();

    @Option(names = "--tile-max", paramLabel = "[op.]<m|k|n>=<size>",
            description = "Largest tile size along a dimension, for every operator or one (repeatable).")
    List<String> tileMax = new ArrayList<>();

    @Option(names = "--forbid-unit", paramLabel = "<unit>", description = "A unit no operator may use (repeatable).")
    List<String> forbid = new ArrayList<>();

    @Option(names = "--energy", paramLabel = "<file.csv>", description = "Energy table, as for simulate.")
    Path energy;

    @Option(names = "--jobs", paramLabel = "<n>", description = "Threads (default: all cores).")
    Integer jobs;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        List<SearchStrategyKind> kinds = new ArrayList<>();
        for (String s : strategies) {
            kinds.add(SearchStrategyKind.parse("--strategy", null, s.trim()));
        }
        if (Mapper.Settings.OBJECTIVES.stream().noneMatch(m -> m.id().equals(objective))) {
            throw new IllegalArgumentException("--objective: '" + objective + "' is not a mapping objective (use "
                    + "latency, energy or edp)");
        }
        Metric metric = Metric.parse("--objective", null, objective);
        Mapper.Settings settings = new Mapper.Settings(kinds, budget, graphBudget, metric, seed,
                jobs == null ? Runtime.getRuntime().availableProcessors() : jobs);
        Progress progress = new Progress(spec.commandLine().getErr());
        Architecture arch = specs.architecture();
        Workload workload = specs.workload();
        List<Override> mappingSets = Specs.RoutedOverrides.route(Override.parseAll(specs.sets)).mapping();
        MapConstraints constraints = MapPins.constraints(specs.mapping, mappingSets, tileMin, tileMax, forbid, arch, workload);
        EnergyTable table = energy == null ? null : EnergyTable.load(energy);
        Mapper mapper = new Mapper(arch, workload, specs.workloadSource(), constraints, table, settings);
        mapper.check(); // bad constraints are refused before anything is printed or written
        progress.step(String.format(Locale.ROOT, "mapping %s on %s: %s, %d mappings per operator, %d whole-workload "
                        + "simulations, minimising %s", workload.name(), arch.name(),
                String.join(", ", kinds.stream().map(SearchStrategyKind::id).toList()), budget, graphBudget, metric.id()));
        Bar bar = new Bar(!noProgress, "map " + workload.name());
        MapResult result;
        try {
            result = mapper.run(bar);
        } finally {
            bar.close();
        }
        Mapping best = result.best().best().mapping();
        progress.step("simulating the default and the best mapping as simulate does");
        Sparcade sparcade = new Sparcade(table);
        RunReport defaultRun = sparcade.run(arch, workload, Mapping.NONE, specs.workloadSource(), "default mapping");
        RunReport bestRun = sparcade.run(arch, workload, best, specs.workloadSource(), MapOutputs.MAPPING_FILE);
        MapOutputs.checkSame(result.defaults(), defaultRun);
        MapOutputs.checkSame(result.best().best(), bestRun);
        progress.step("writing " + out);
        List<Path> files = MapOutputs.write(out, result, defaultRun, bestRun, Text.commandLine(spec));
        MapOutputs.summary(o, result, defaultRun, bestRun);
        o.println("  wrote " + files.size() + " files to " + out + ": "
                + String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList()));
        return 0;
    }

    /** The progress bar on stderr: operators searched and whole-workload simulations. */
    private static final class Bar implements Mapper.Listener {
        private final boolean show;
        private final String name;
        private ProgressBar bar;

        Bar(boolean show, String name) {
            this.show = show;
            this.name = name;
        }

        @java.lang.Override
        public synchronized void started(long steps) {
            if (show) {
                bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(steps)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).setUnit(" steps", 1)
                        .startsFrom(0, Duration.ZERO).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            }
        }

        @java.lang.Override
        public synchronized void step() {
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
