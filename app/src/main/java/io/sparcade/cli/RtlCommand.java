package io.sparcade.cli;

import io.sparcade.rtl.Design;
import io.sparcade.rtl.RtlGenerators;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparcade rtl}: writes the Verilog of one block configuration. */
@Command(name = "rtl", mixinStandardHelpOptions = true,
        description = "Generate the SystemVerilog of a block (top module plus its leaf modules).")
final class RtlCommand implements Callable<Integer> {
    @Mixin
    BlockOptions block;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Directory for the .sv files.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public Integer call() throws Exception {
        Design d = RtlGenerators.generate(block.config());
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out: " + out + " is a file, not a directory");
        }
        Files.createDirectories(out);
        for (Map.Entry<String, String> f : d.files().entrySet()) {
            Files.writeString(out.resolve(f.getKey()), f.getValue());
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println("wrote " + d.files().size() + " files for " + d.label() + " (top " + d.top() + ") to " + out
                + ": " + String.join(", ", d.files().keySet()));
        return 0;
    }
}
