package io.sparcade.cli;

import io.sparcade.hwsim.block.BlockResources;
import io.sparcade.model.block.BlockConfig;
import io.sparcade.rtl.RtlGenerators;
import io.sparcade.verilator.YosysSynth;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparcade synth}: Yosys synth_xilinx counts beside Sparcade's analytical estimate. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Synthesise a block with Yosys (synth_xilinx -family xc7) and print LUT, FF, DSP48 and BRAM "
                + "beside Sparcade's analytical estimate, as CSV (also written to <out>/synth.csv).")
final class SynthCommand implements Callable<Integer> {
    @Mixin
    BlockOptions block;

    @Option(names = "--out", paramLabel = "<dir>",
            description = "Directory for synth.csv, the Verilog and yosys.log (default sparcade-out/synth-<block>).")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public Integer call() throws Exception {
        BlockConfig config = block.config();
        Path dir = out != null ? out : Path.of("sparcade-out", "synth-" + config.label());
        return ToolErrors.run(spec.commandLine().getErr(), () -> {
            YosysSynth.Result y = YosysSynth.run(RtlGenerators.generate(config), dir);
            BlockResources e = BlockResources.estimate(config);
            String csv = "block,source,lut,ff,dsp48,bram\n"
                    + String.format(Locale.ROOT, "%s,yosys synth_xilinx xc7,%d,%d,%d,%s%n", config.label(), y.lut(), y.ff(),
                    y.dsp48(), y.bram())
                    + String.format(Locale.ROOT, "%s,sparcade estimate,,,%d,%s%n", config.label(), e.dsp48(), e.bram());
            Files.writeString(dir.resolve("synth.csv"), csv);
            PrintWriter o = spec.commandLine().getOut();
            o.print(csv);
            o.println("DSP48: yosys " + y.dsp48() + ", estimate " + e.dsp48() + (y.dsp48() == e.dsp48() ? " (match)" : " (DIFFER)")
                    + "; LUT/FF are not estimated; wrote " + dir.resolve("synth.csv") + ", log " + y.log());
            return 0;
        });
    }
}
