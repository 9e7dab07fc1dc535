package io.sparcade.cli;

import io.sparcade.model.block.BlockConfig;
import io.sparcade.verilator.CrossCheck;
import io.sparcade.verilator.RtlSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparcade cosim}: cross-checks a block's RTL against its hw-sim model. Exit 0 all match, 1 any mismatch. */
@Command(name = "cosim", mixinStandardHelpOptions = true,
        description = "Run seeded vectors through the hw-sim block model and the RTL; compare outputs (bit-exact) "
                + "and cycles; write cosim.csv (and a VCD per failing vector). Exit 0 if every vector matches, "
                + "1 on any mismatch, 2 on bad input.")
final class CosimCommand implements Callable<Integer> {
    @Mixin
    BlockOptions block;

    @Option(names = "--vectors", defaultValue = "100", paramLabel = "N", description = "Vectors (default 100).")
    int vectors;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Stimulus seed (default 1).")
    long seed;

    @Option(names = "--simulator", defaultValue = "verilator", paramLabel = "<verilator|icarus>",
            description = "RTL simulator (default verilator).")
    String simulator;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "<seconds>",
            description = "Wall-clock bound of the simulation process (default 600 s); each vector is also bounded by "
                    + "20x its model cycles + 1000.")
    long timeoutSeconds;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Directory for cosim.csv and logs.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public Integer call() throws Exception {
        BlockConfig config = block.config();
        if (vectors < 1) {
            throw new IllegalArgumentException("--vectors: must be >= 1, got " + vectors);
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout: must be >= 1 second, got " + timeoutSeconds);
        }
        RtlSimulator sim = RtlSimulator.named(simulator);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out: " + out + " is a file, not a directory");
        }
        return ToolErrors.run(spec.commandLine().getErr(), () -> {
            CrossCheck.Report r = CrossCheck.run(sim, config, vectors, seed, out, java.time.Duration.ofSeconds(timeoutSeconds));
            Path csv = r.writeCsv(out);
            spec.commandLine().getOut().println(r.verdict() + "; " + csv);
            return r.passed() ? 0 : 1;
        });
    }
}
