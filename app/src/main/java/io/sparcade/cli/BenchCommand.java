package io.sparcade.cli;

import io.sparcade.model.block.BlockConfig;
import io.sparcade.verilator.CosimBench;
import io.sparcade.verilator.RtlSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparcade bench}: speed measurements. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Speed measurements.",
        subcommands = {BenchCommand.Cosim.class, BenchCommand.CosimLayers.class, BenchExplore.class,
                BenchMapping.class, BenchScaleSim.class, BenchDse.class})
final class BenchCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code sparcade bench cosim}: hw-sim block model against the RTL simulator, simulated cycles per second. */
    @Command(name = "cosim", mixinStandardHelpOptions = true,
            description = "Run the same seeded stimulus through the hw-sim block model and through Verilator; print "
                    + "simulated block cycles per second for each and their ratio (the RTL build is not timed).")
    static final class Cosim implements Callable<Integer> {
        @Mixin
        BlockOptions block;

        @Option(names = "--vectors", defaultValue = "20000", paramLabel = "N", description = "Vectors (default 20000).")
        int vectors;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Stimulus seed (default 1).")
        long seed;

        @Option(names = "--simulator", defaultValue = "verilator", paramLabel = "<verilator|icarus>",
                description = "RTL simulator (default verilator).")
        String simulator;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @java.lang.Override
        public Integer call() throws Exception {
            BlockConfig config = block.config();
            if (vectors < 1) {
                throw new IllegalArgumentException("--vectors: must be >= 1, got " + vectors);
            }
            RtlSimulator sim = RtlSimulator.named(simulator);
            return ToolErrors.run(spec.commandLine().getErr(), () -> {
                Path work = Files.createTempDirectory("sparcade-bench-");
                CosimBench.Result r = CosimBench.run(sim, config, vectors, seed, work, 1.0);
                spec.commandLine().getOut().printf(Locale.ROOT,
                        "%s, %d vectors, %d block cycles: hw-sim %.4g cycles/s, %s %.4g cycles/s, hw-sim/%s = %.3gx%s%n"
                                + "  (%s simulated %d clocks in all, loads included, in %.3g s: %.4g clocks/s)%n",
                        config.label(), r.vectors(), r.cycles(), r.modelCyclesPerSecond(), r.simulator(),
                        r.rtlCyclesPerSecond(), r.simulator(), r.ratio(), r.outputsEqual() ? "" : " (OUTPUTS DIFFER)",
                        r.simulator(), r.rtlClockCycles(), r.rtlSeconds(), r.rtlClockCycles() / r.rtlSeconds());
                return r.outputsEqual() ? 0 : 1;
            });
        }
    }

    /** {@code sparcade bench cosim-layers}: the layer cross-check at preset sizes, and simulate vs the RTL simulator. */
    @Command(name = "cosim-layers", mixinStandardHelpOptions = true,
            description = "Run the built-in large layer cases (32x32 arrays in WS, OS and IS; top-k of 4,096 and 16,384 "
                    + "scores; FlightLLM's 128 DSP chains on a decode layer) through the model and the RTL engines: print "
                    + "the cross-check table and the wall time of simulate vs the RTL simulator on the same layers. Slow "
                    + "(large engines take minutes to build; builds are cached).")
    static final class CosimLayers implements Callable<Integer> {
        @Option(names = "--simulator", defaultValue = "verilator", paramLabel = "<verilator|icarus>",
                description = "RTL simulator (default verilator).")
        String simulator;

        @Option(names = "--case", paramLabel = "NAME",
                description = "Run only the cases whose name contains NAME (repeatable).")
        java.util.List<String> only = new java.util.ArrayList<>();

        @Option(names = "--jobs", paramLabel = "N", description = "Simulations at a time (default: cores).")
        Integer jobs;

        @Option(names = "--out", paramLabel = "<dir>", defaultValue = "sparcade-out/bench-cosim-layers",
                description = "Work directory and bench.csv (default sparcade-out/bench-cosim-layers).")
        Path out;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @java.lang.Override
        public Integer call() throws Exception {
            RtlSimulator sim = RtlSimulator.named(simulator);
            java.util.List<io.sparcade.verilator.layer.LayerBench.Case> cases = io.sparcade.verilator.layer.LayerBench.cases()
                    .stream().filter(c -> only.isEmpty() || only.stream().anyMatch(o -> c.name().contains(o))).toList();
            if (cases.isEmpty()) {
                throw new IllegalArgumentException("--case: no built-in case matches " + only + " (cases: "
                        + io.sparcade.verilator.layer.LayerBench.cases().stream().map(c -> c.name()).toList() + ")");
            }
            int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
            Progress progress = new Progress(spec.commandLine().getErr());
            return ToolErrors.run(spec.commandLine().getErr(), () -> {
                sim.checkInstalled();
                var results = io.sparcade.verilator.layer.LayerBench.run(cases, sim, out, threads,
                        java.time.Duration.ofHours(4), progress::step);
                String table = io.sparcade.verilator.layer.LayerBench.table(results);
                spec.commandLine().getOut().print(table);
                Files.createDirectories(out);
                Files.writeString(out.resolve("bench.txt"), table);
                io.sparcade.verilator.layer.LayerCosimRun.writeCsv(out, results.stream().map(r -> r.row()).toList());
                return results.stream().allMatch(r -> r.row().passed()) ? 0 : 1;
            });
        }
    }
}
