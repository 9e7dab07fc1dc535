package io.sparcade.verilator.layer;

import io.sparcade.hwsim.OperatorModel;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.spec.Override;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Workload;
import io.sparcade.scheduler.Firing;
import io.sparcade.verilator.RtlSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code bench cosim-layers}: the layer cross-check at the sizes users simulate (32 x 32 arrays in all three
 * dataflows, a 4,096-score top-k at 16 and 32 lanes, FlightLLM's DSP chains), with the speed of the op-level
 * model against the RTL simulator on the same layers: wall time to the same cycle count (the model's time per
 * layer is the mean of repeated evaluations; the simulator's is its process, load and dump included, build
 * excluded).
 */
public final class LayerBench {
    /**
     * One bench case.
     *
     * @param name     short name for the table
     * @param arch     architecture preset or file
     * @param sets     spec overrides ({@code path=value})
     * @param workload workload preset or file
     * @param params   workload preset parameters
     * @param ops      operators to run (empty: every one an RTL engine runs)
     */
    public record Case(String name, String arch, List<String> sets, String workload, Map<String, String> params,
                       List<String> ops) {
    }

    /** The top-k example, relative to the repository root (where the bench runs). */
    static final String TOPK_EXAMPLE = "examples/topk-4096.yaml";

    /**
     * The built-in cases. Sizes are those of the presets, except the chain case: one FlightLLM core (128 chains;
     * the preset models three as one unit) without the MV weight feed, which the RTL does not have.
     */
    public static List<Case> cases() {
        Map<String, String> mlp = Map.of("batch", "128", "hidden", "256", "layers", "2");
        return List.of(
                new Case("32x32 ws 2:8", "sat-vcu1525", List.of(), "mlp-train-nm", mlp, List.of()),
                new Case("32x32 os 2:8", "sat-vcu1525", List.of("units.array.dataflow=os"), "mlp-train-nm", mlp, List.of()),
                new Case("32x32 is 2:8", "sat-vcu1525", List.of("units.array.dataflow=is"), "mlp-train-nm", mlp, List.of()),
                // the top-k alone: in bert-base-attention it is fused with the softmax that feeds it, and fused
                // operands of a top-k are not in the RTL layer runs (the file is the repository's example)
                new Case("top-k 4096", "spatten", List.of(), TOPK_EXAMPLE, Map.of(), List.of()),
                new Case("top-k 4096, 32 lanes", "spatten", List.of("units.topk.lanes=32"), TOPK_EXAMPLE, Map.of(),
                        List.of()),
                // one FlightLLM core (the preset is three cores as one unit), chains without the MV weight feed
                new Case("128 chains decode", "flightllm-u280",
                        List.of("units.dsp.chains=128", "units.dsp.weight_bytes_per_cycle=0"), "llama2-7b-decode", Map.of(),
                        List.of()));
    }

    /**
     * A measured row: the cross-check and the two speeds.
     *
     * @param modelSeconds mean wall time of one op-level evaluation of the layer
     */
    public record Result(String caseName, LayerCosim.Row row, double modelSeconds) {
        /** Wall time of the RTL simulation over that of the model, for the same layer. */
        public double ratio() {
            return row.rtlSeconds() / modelSeconds;
        }
    }

    public static List<Result> run(List<Case> cases, RtlSimulator sim, Path work, int threads, Duration timeout,
                                   Consumer<String> progress) {
        List<Result> out = new ArrayList<>();
        for (Case c : cases) {
            Specs.RoutedOverrides routed = Specs.RoutedOverrides.route(Override.parseAll(c.sets()));
            Architecture arch = Specs.architecture(c.arch(), routed.arch());
            Workload w = Specs.workload(c.workload(), c.params(), routed.workload());
            LayerCosimRun run = new LayerCosimRun(arch, w, Mapping.NONE, "preset " + c.workload(), "mapping", c.ops());
            progress.accept(c.name() + ": " + run.selected().size() + " operator(s) of " + w.name() + " on " + arch.name());
            List<LayerCosim.Row> rows = run.run(sim, 1, work.resolve(c.name().replaceAll("[^A-Za-z0-9]+", "-")), timeout,
                    threads, r -> progress.accept(String.format(Locale.ROOT, "  %s: cycles model %d rtl %d, outputs %s, %s %.1f s",
                            r.op(), r.modelCycles(), r.rtlCycles(), r.outputsMatch() ? "match" : "DIFFER", r.simulator(),
                            r.rtlSeconds())));
            for (int i = 0; i < rows.size(); i++) {
                out.add(new Result(c.name(), rows.get(i), modelSeconds(run.selected().get(i), arch)));
            }
        }
        return out;
    }

    /**
     * Mean wall time of the op-level model for one layer, over at least 0.2 s of repetitions; without the cost cache,
     * so every repetition walks the layer's tiles.
     */
    static double modelSeconds(Firing f, Architecture arch) {
        OperatorModel m = new OperatorModel(false);
        long reps = 0;
        long sink = 0;
        long t0 = System.nanoTime();
        double s;
        do {
            sink += m.cost(f.node(), f.placement(), arch).cycles();
            reps++;
            s = (System.nanoTime() - t0) / 1e9;
        } while (s < 0.2 && reps < 100_000);
        if (sink == 0 && reps > 0 && m.cost(f.node(), f.placement(), arch).cycles() != 0) {
            throw new IllegalStateException("unreachable");
        }
        return s / reps;
    }

    public static String table(List<Result> results) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-22s %-16s %-6s %11s %11s %9s %7s %12s %12s %10s%n",
                "case", "op", "unit", "model_cyc", "rtl_cyc", "err_%", "match", "simulate_s", "rtl_s", "rtl/sim"));
        for (Result r : results) {
            LayerCosim.Row row = r.row();
            sb.append(String.format(Locale.ROOT, "%-22s %-16s %-6s %11d %11d %9.4f %7s %12.3g %12.3g %10.3g%n", r.caseName(),
                    row.op(), row.unit(), row.modelCycles(), row.rtlCycles(), row.cycleErrorPct(), row.passed() ? "yes" : "NO",
                    r.modelSeconds(), row.rtlSeconds(), r.ratio()));
        }
        long cycles = results.stream().mapToLong(r -> r.row().rtlCycles()).sum();
        double model = results.stream().mapToDouble(Result::modelSeconds).sum();
        double rtl = results.stream().mapToDouble(r -> r.row().rtlSeconds()).sum();
        sb.append(String.format(Locale.ROOT, "all %d layers, %d cycles: simulate %.3g s (%.3g cycles/s), RTL %.3g s (%.3g cycles/s): "
                + "simulate is %.3gx faster%n", results.size(), cycles, model, cycles / model, rtl, cycles / rtl, rtl / model));
        return sb.toString();
    }
}
