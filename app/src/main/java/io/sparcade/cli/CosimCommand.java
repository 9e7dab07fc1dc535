package io.sparcade.cli;

import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.block.BlockConfig;
import io.sparcade.model.block.BlockConfigs;
import io.sparcade.model.block.BlockKind;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.spec.Override;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Workload;
import io.sparcade.verilator.CrossCheck;
import io.sparcade.verilator.RtlSimulator;
import io.sparcade.verilator.Tolerances;
import io.sparcade.verilator.layer.LayerCosim;
import io.sparcade.verilator.layer.LayerCosimRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparcade cosim}: cross-checks the RTL against Sparcade's models, either a workload's layers on an
 * architecture's layer engines ({@code --arch --workload}) or one block with seeded vectors ({@code --block}).
 */
@Command(name = "cosim", mixinStandardHelpOptions = true,
        description = {"Cross-check the RTL against Sparcade's models.",
            "Layers: --arch A --workload W [--op NAME ...] runs the operators (default: every operator an RTL engine "
                    + "runs) through simulate's model and through the RTL layer engine of their unit, with the same tile "
                    + "plan and seeded integer data; writes <out>/layer-cosim.csv (op, unit, simulator, model_cycles, "
                    + "rtl_cycles, model_compute_cycles, rtl_compute_cycles, model_stall_cycles, rtl_stall_cycles, "
                    + "model_dram_bytes, rtl_dram_bytes, outputs_match, cycle_error_pct).",
            "Blocks: --block B [--param k=v ...] --vectors N runs seeded vectors through the block model and the "
                    + "RTL; writes <out>/cosim.csv (and a VCD per failing vector).",
            "Exit 0 when everything matches within the tolerances, 1 otherwise, 2 on bad input."})
final class CosimCommand implements Callable<Integer> {
    @Option(names = "--block", paramLabel = "<nm-array|topk|dsp-chain>", description = "Block family (block mode).")
    String block;

    @Option(names = "--arch", paramLabel = "<preset|file.yaml>", description = "Architecture (layer mode).")
    String arch;

    @Option(names = "--workload", paramLabel = "<preset|file.yaml>", description = "Workload (layer mode).")
    String workload;

    @Option(names = "--mapping", paramLabel = "<file.yaml>", description = "Optional mapping (layer mode).")
    Path mapping;

    @Option(names = "--op", paramLabel = "NAME",
            description = "An operator or pass to run (repeatable; an operator name stands for all its passes). "
                    + "Default: every operator an RTL engine runs.")
    List<String> ops = new ArrayList<>();

    @Option(names = "--param", paramLabel = "key=value",
            description = "Layer mode: a workload preset parameter. Block mode: a block parameter "
                    + "(nm-array: rows, cols, n, m, width, depth; topk: p, len, k, width; dsp-chain: groups, n, m, pack, "
                    + "width, outputs). Repeatable.")
    List<String> params = new ArrayList<>();

    @Option(names = "--set", paramLabel = "path=value",
            description = "Layer mode: override a spec field, e.g. --set units.array.rows=8 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--dense", description = "Layer mode: remove the workload's sparsity overlay.")
    boolean dense;

    @Option(names = "--vectors", defaultValue = "100", paramLabel = "N", description = "Block mode: vectors (default 100).")
    int vectors;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Data seed (default 1).")
    long seed;

    @Option(names = "--simulator", defaultValue = "verilator", paramLabel = "<verilator|icarus>",
            description = "RTL simulator (default verilator).")
    String simulator;

    @Option(names = "--jobs", paramLabel = "N", description = "Layer mode: simulations at a time (default: cores).")
    Integer jobs;

    @Option(names = "--timeout", defaultValue = "3600", paramLabel = "<seconds>",
            description = "Wall-clock bound of each simulation process (default 3600 s); each run is also bounded by "
                    + "20x its model cycles + 100,000 (layers) or + 1000 (blocks).")
    long timeoutSeconds;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Directory for the CSV and logs.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public Integer call() throws Exception {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout: must be >= 1 second, got " + timeoutSeconds);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out: " + out + " is a file, not a directory");
        }
        RtlSimulator sim = RtlSimulator.named(simulator);
        if (block != null) {
            if (arch != null || workload != null || !ops.isEmpty() || !sets.isEmpty() || mapping != null || dense) {
                throw new IllegalArgumentException("--block runs one block: --arch, --workload, --op, --set, --mapping and "
                        + "--dense are for layer runs");
            }
            return blocks(sim);
        }
        if (arch == null || workload == null) {
            throw new IllegalArgumentException("give --arch and --workload (layer runs) or --block (block vectors)");
        }
        return layers(sim);
    }

    private int blocks(RtlSimulator sim) throws Exception {
        BlockConfig config = BlockConfigs.parse(BlockKind.of(block), params);
        if (vectors < 1) {
            throw new IllegalArgumentException("--vectors: must be >= 1, got " + vectors);
        }
        return ToolErrors.run(spec.commandLine().getErr(), () -> {
            CrossCheck.Report r = CrossCheck.run(sim, config, vectors, seed, out, Duration.ofSeconds(timeoutSeconds));
            Path csv = r.writeCsv(out);
            spec.commandLine().getOut().println(r.verdict() + "; " + csv);
            return r.passed() ? 0 : 1;
        });
    }

    private int layers(RtlSimulator sim) throws Exception {
        Specs.RoutedOverrides routed = Specs.RoutedOverrides.route(Override.parseAll(sets));
        Architecture a = Specs.architecture(arch, routed.arch());
        Map<String, String> p = new LinkedHashMap<>();
        for (String kv : params) {
            int eq = kv.indexOf('=');
            if (eq <= 0 || eq == kv.length() - 1) {
                throw new SpecException("--param", kv, "expected key=value");
            }
            p.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        Workload w = Specs.workload(workload, p, routed.workload());
        if (dense) {
            w = w.dense();
        }
        Mapping m = mapping == null ? Mapping.NONE : Specs.mapping(mapping, routed.mapping());
        if (mapping == null && !routed.mapping().isEmpty()) {
            throw new SpecException("--set", routed.mapping().get(0).path(), "mapping.* overrides need --mapping");
        }
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (threads < 1) {
            throw new IllegalArgumentException("--jobs: must be >= 1, got " + threads);
        }
        String source = workload.contains(":") || workload.endsWith(".yaml") ? workload : "preset " + workload;
        LayerCosimRun run = new LayerCosimRun(a, w, m, source, mapping == null ? "mapping" : mapping.toString(), ops);
        Progress progress = new Progress(spec.commandLine().getErr());
        PrintWriter o = spec.commandLine().getOut();
        Workload wl = w;
        return ToolErrors.run(spec.commandLine().getErr(), () -> {
            sim.checkInstalled();
            if (!run.skipped().isEmpty()) {
                progress.step("not run (no RTL engine): " + String.join("; ", run.skipped()));
            }
            progress.step("running " + run.selected().size() + " operator(s) of " + wl.name() + " on " + a.name()
                    + " through the model and " + sim.name() + " (" + threads + " at a time; builds are cached)");
            List<LayerCosim.Row> rows = run.run(sim, seed, out.resolve("runs"), Duration.ofSeconds(timeoutSeconds), threads,
                    r -> progress.step(String.format(Locale.ROOT, "%s on %s: cycles model %d rtl %d (%.3f%%), outputs %s "
                                    + "(%s ran %.1f s)", r.op(), r.unit(), r.modelCycles(), r.rtlCycles(), r.cycleErrorPct(),
                            r.outputsMatch() ? "match" : "DIFFER", r.simulator(), r.rtlSeconds())));
            Path csv = LayerCosimRun.writeCsv(out, rows);
            o.print(LayerCosimRun.table(rows));
            long failed = rows.stream().filter(r -> !r.passed()).count();
            double worst = rows.stream().mapToDouble(LayerCosim.Row::cycleErrorPct).max().orElse(0);
            o.printf(Locale.ROOT, "%s: %d operator(s) of %s on %s (%s): %d outside the tolerances (outputs bit-exact, "
                            + "compute cycles exact, cycles within %.1f%%, DRAM bytes exact); worst cycle error %.4f%%; %s%n",
                    failed == 0 ? "PASS" : "FAIL", rows.size(), wl.name(), a.name(), sim.name(), failed,
                    Tolerances.LAYER_CYCLES_PCT, worst, csv);
            return failed == 0 ? 0 : 1;
        });
    }
}
