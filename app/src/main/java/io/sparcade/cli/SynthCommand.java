package io.sparcade.cli;

import io.sparcade.hwsim.block.BlockResources;
import io.sparcade.hwsim.resources.Resources;
import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.ComputeUnitSpec;
import io.sparcade.model.arch.DspChainSpec;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.arch.TopkEngineSpec;
import io.sparcade.model.arch.UnitSpec;
import io.sparcade.model.block.BlockConfig;
import io.sparcade.model.block.BlockConfigs;
import io.sparcade.model.block.BlockKind;
import io.sparcade.model.spec.Override;
import io.sparcade.model.spec.Specs;
import io.sparcade.rtl.ArrayEngineConfig;
import io.sparcade.rtl.ChainEngineConfig;
import io.sparcade.rtl.Design;
import io.sparcade.rtl.EngineGenerators;
import io.sparcade.rtl.EngineShell;
import io.sparcade.rtl.RtlGenerators;
import io.sparcade.rtl.TopkEngineConfig;
import io.sparcade.verilator.YosysSynth;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparcade synth}: Yosys synth_xilinx counts beside Sparcade's analytical estimate, for a block
 * ({@code --block}) or for the layer engines of an architecture's compute units ({@code --arch}).
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Synthesise with Yosys (synth_xilinx -family xc7) and print the counts beside Sparcade's analytical "
                + "estimate, as CSV (also written to <out>/synth.csv).",
            "Blocks: --block B [--param k=v ...]: LUT, FF, DSP48 and BRAM of the block top.",
            "Layer engines: --arch A [--unit NAME ...] [--set path=v ...]: the compute core of each array, DSP-chain or "
                    + "top-k unit's layer engine (PEs, chains or comparator lanes and their sequencer; the A/B/C buffers, "
                    + "DMA and program controller are not synthesised) against Resources for xc7's DSP48E1, with the "
                    + "error in %, and Resources for the architecture's device (the estimate dse charges)."})
final class SynthCommand implements Callable<Integer> {
    @Option(names = "--block", paramLabel = "<nm-array|topk|dsp-chain>", description = "Block family (block mode).")
    String block;

    @Option(names = "--param", paramLabel = "key=value",
            description = "Block parameter (repeatable). nm-array: rows, cols, n, m, width, depth; "
                    + "topk: p, len, k, width; dsp-chain: groups, n, m, pack, width, outputs.")
    List<String> params = new ArrayList<>();

    @Option(names = "--arch", paramLabel = "<preset|file.yaml>", description = "Architecture (layer-engine mode).")
    String arch;

    @Option(names = "--unit", paramLabel = "NAME",
            description = "Compute unit whose engine to synthesise (repeatable; default every array and DSP-chain unit).")
    List<String> units = new ArrayList<>();

    @Option(names = "--set", paramLabel = "path=value",
            description = "Override an architecture field, e.g. --set units.array.rows=4 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--topk-rows", paramLabel = "N",
            description = "Top-k engines: synthesise the core with hi/lo row buffers of N scores (a power of two, "
                    + "default ${DEFAULT-VALUE}); the engine builds them of half its A memory's words, thousands, which "
                    + "Yosys builds from flip-flops.")
    int topkRows = 32;

    @Option(names = "--out", paramLabel = "<dir>",
            description = "Directory for synth.csv, the Verilog and yosys.log (default sparcade-out/synth-<block|arch>).")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Columns of synth.csv in layer-engine mode. */
    static final List<String> ENGINE_COLUMNS = List.of("unit", "engine", "top", "dsp48_yosys", "dsp48_estimate",
            "dsp48_error_pct", "lut_yosys", "lut_estimate", "lut_error_pct", "ff_yosys", "bram36_yosys",
            "bram36_estimate", "yosys_seconds", "dsp48_estimate_device", "lut_estimate_device");

    @java.lang.Override
    public Integer call() throws Exception {
        if (block != null) {
            if (arch != null || !units.isEmpty() || !sets.isEmpty()) {
                throw new IllegalArgumentException("--block synthesises one block: --arch, --unit and --set are for layer engines");
            }
            return block();
        }
        if (arch == null) {
            throw new IllegalArgumentException("give --block (a block) or --arch (the layer engines of an architecture)");
        }
        if (!params.isEmpty()) {
            throw new IllegalArgumentException("--param is a block parameter; change an architecture with --set");
        }
        return engines();
    }

    private int block() throws Exception {
        BlockConfig config = BlockConfigs.parse(BlockKind.of(block), params);
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

    /** One engine to synthesise: its unit, the design, the module synthesised and parameters set on it. */
    record Engine(String unit, Design design, String top, ComputeUnitSpec spec, Map<String, Long> params) {
        Engine(String unit, Design design, String top, ComputeUnitSpec spec) {
            this(unit, design, top, spec, Map.of());
        }
    }

    /** The engines of the selected units; a unit without a synthesisable engine is bad input (named, with why). */
    static List<Engine> engines(Architecture a, List<String> names) {
        return engines(a, names, 32);
    }

    static List<Engine> engines(Architecture a, List<String> names, int topkRows) {
        List<String> selected = new ArrayList<>(names);
        if (selected.isEmpty()) {
            for (Map.Entry<String, UnitSpec> e : a.units().entrySet()) {
                if (e.getValue() instanceof NmArraySpec || e.getValue() instanceof DspChainSpec
                        || e.getValue() instanceof TopkEngineSpec) {
                    selected.add(e.getKey());
                }
            }
            if (selected.isEmpty()) {
                throw new SpecException("--arch", "'" + a.name() + "' has no N:M array, DSP-chain or top-k unit whose engine synth builds");
            }
        }
        // The core does not depend on the DRAM port or the program memory: 16 lanes, 256 instructions.
        EngineShell shell = new EngineShell(16, 256, EngineShell.INSTRUCTION_WORDS);
        List<Engine> out = new ArrayList<>();
        for (String n : selected) {
            UnitSpec u = a.unit(n).orElseThrow(() -> new SpecException("--unit", "no unit '" + n + "' in '" + a.name()
                    + "' (units: " + String.join(", ", a.units().keySet()) + ")"));
            if (u instanceof NmArraySpec s) {
                out.add(new Engine(n, EngineGenerators.arrayEngine(ArrayEngineConfig.of(s, a.bufferOf(s), shell)),
                        "nm_array_core", s));
            } else if (u instanceof DspChainSpec s) {
                out.add(new Engine(n, EngineGenerators.chainEngine(ChainEngineConfig.of(s, a.bufferOf(s), shell)),
                        "csd_core", s));
            } else if (u instanceof TopkEngineSpec s) {
                TopkEngineConfig c = TopkEngineConfig.of(s, a.bufferOf(s), shell);
                if (topkRows < 2 || Integer.bitCount(topkRows) != 1 || topkRows > c.rowCapacity()) {
                    throw new SpecException("--topk-rows", "must be a power of two from 2 to the engine's row capacity "
                            + c.rowCapacity() + ", got " + topkRows);
                }
                // the core alone, with its hi/lo row buffers shrunk to topkRows scores (the rest as the engine builds it)
                out.add(new Engine(n, EngineGenerators.topkEngine(c), "sc_topk_core", s, Map.of("P", (long) c.lanes(),
                        "W", (long) c.width(), "NMAX", (long) topkRows, "AWA", (long) EngineGenerators.bits(c.aDepth()),
                        "AWC", (long) EngineGenerators.bits(c.cDepth()), "IW", (long) EngineShell.INSTRUCTION_WORDS)));
            } else {
                throw new SpecException("--unit", "'" + n + "' is a " + u.type() + ": synth builds the engines of N:M "
                        + "array, DSP-chain and top-k units");
            }
        }
        return out;
    }

    static double errorPct(double estimate, double yosys) {
        return yosys == 0 ? (estimate == 0 ? 0 : 100) : 100.0 * (estimate - yosys) / yosys;
    }

    private int engines() throws Exception {
        Specs.RoutedOverrides routed = Specs.RoutedOverrides.route(Override.parseAll(sets));
        if (!routed.workload().isEmpty() || !routed.mapping().isEmpty()) {
            throw new SpecException("--set", "synth takes architecture fields only (units.<name>.<field>, clock_mhz, ...)");
        }
        Architecture a = Specs.architecture(arch, routed.arch());
        List<Engine> list = engines(a, units, topkRows);
        Path dir = out != null ? out : Path.of("sparcade-out", "synth-" + a.name());
        PrintWriter o = spec.commandLine().getOut();
        return ToolErrors.run(spec.commandLine().getErr(), () -> {
            StringBuilder csv = new StringBuilder(String.join(",", ENGINE_COLUMNS)).append('\n');
            o.print(csv);
            o.flush();
            for (Engine e : list) {
                long t0 = System.nanoTime();
                YosysSynth.Result y = YosysSynth.run(e.design(), e.top(), e.params(), dir.resolve(e.unit()));
                double secs = (System.nanoTime() - t0) / 1e9;
                // Yosys maps to xc7's DSP48E1: the estimate for that family is the one compared; the device's (what
                // dse charges) is printed beside it
                Resources est = Resources.of(e.spec(), a.bufferOf(e.spec()), Resources.DspFamily.DSP48E1);
                Resources device = Resources.of(e.spec(), a);
                Resources buf = Resources.of(a.bufferOf(e.spec()), a);
                String row = String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%.1f,%d,%d,%.1f,%d,%s,%d,%.1f,%d,%d%n", e.unit(),
                        e.design().label(), e.top(), y.dsp48(), est.dsp48(), errorPct(est.dsp48(), y.dsp48()), y.lut(),
                        est.lut(), errorPct(est.lut(), y.lut()), y.ff(), y.bram(), buf.bram36(), secs, device.dsp48(),
                        device.lut());
                csv.append(row);
                o.print(row);
                o.flush();
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("synth.csv"), csv.toString());
            o.println("synthesised the compute core of each engine (Yosys 'synth_xilinx -family xc7 -noiopad -flatten'); "
                    + "error = (estimate - yosys) / yosys, the estimate for xc7's DSP48E1 (the *_device columns: for the "
                    + "architecture's device, what dse charges); bram36_estimate is the unit's buffer, which the core does "
                    + "not contain (bram36_yosys counts the core's own block RAM); a top-k core is built with hi/lo row "
                    + "buffers of " + topkRows + " scores (--topk-rows), which the estimate does not count; wrote "
                    + dir.resolve("synth.csv"));
            return 0;
        });
    }
}
