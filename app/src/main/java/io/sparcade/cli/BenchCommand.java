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
        subcommands = {BenchCommand.Cosim.class, BenchExplore.class, BenchMapping.class, BenchScaleSim.class})
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
}
