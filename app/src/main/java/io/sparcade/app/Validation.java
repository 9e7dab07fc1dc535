package io.sparcade.app;

import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Workload;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.reports.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The published comparisons Sparcade checks itself against (papers.md): each row runs the presets and says
 * how close the simulator comes to the paper's number. Nothing here is tuned to the papers: a row that misses
 * says so.
 */
public final class Validation {
    /** Relative tolerance unless a row states its own (the issue's ±15%). */
    public static final double DEFAULT_TOLERANCE = 0.15;

    /**
     * One validated claim.
     *
     * @param id        short id
     * @param claim     what is compared, including the subset that was run
     * @param source    where the published number comes from
     * @param paper     the published number
     * @param sparcade  Sparcade's number for the same claim
     * @param unit      unit of both numbers
     * @param tolerance allowed relative deviation
     * @param low       the row's result with its estimated inputs at the ends of their plausible ranges that give
     *                  the lowest value ({@code sparcade} when the row depends on no estimate)
     * @param high      the same, highest value
     */
    public record Row(String id, String claim, String source, double paper, double sparcade, String unit,
                      double tolerance, double low, double high) {
        /** A row that depends on no estimate: its band is its value. */
        public Row(String id, String claim, String source, double paper, double sparcade, String unit, double tolerance) {
            this(id, claim, source, paper, sparcade, unit, tolerance, sparcade, sparcade);
        }

        public double ratio() {
            return sparcade / paper;
        }

        public boolean pass() {
            return Math.abs(ratio() - 1) <= tolerance;
        }
    }

    private final Sparcade sparcade;
    private final Path traces;

    /** @param traces the directory holding SpAtten's GPT-2 traces ({@code data/spatten-traces}) */
    public Validation(Sparcade sparcade, Path traces) {
        this.sparcade = sparcade;
        this.traces = traces;
    }

    /** Runs every comparison, reporting progress per row. */
    public List<Row> run(Consumer<String> progress) {
        List<Row> rows = new ArrayList<>();
        progress.accept("SAT: 2:8 BDWP vs dense training on resnet18-train, bert-base-train, mlp-train-nm");
        List<String> training = List.of("resnet18-train", "bert-base-train", "mlp-train-nm");
        double speedups = 0;
        for (String w : training) {
            speedups += run("sat-vcu1525", w, Map.of()).speedupVsDense();
        }
        rows.add(new Row("sat-bdwp-speedup", "SAT: mean speedup of 2:8 BDWP over dense training, over "
                + String.join(", ", training), "papers.md §1 (paper): 1.75x average at 2:8", 1.75,
                speedups / training.size(), "x", DEFAULT_TOLERANCE));

        List<String> pruned = List.of("summary-gpt2-medium-wikitext2-per0-hp-step5+dedic+glob_p+local_p+hp+topk+quant.csv",
                "summary-gpt2-small-wikitext2-per8.csv");
        progress.accept("SpAtten: DRAM reduction on the pruned GPT-2 traces");
        double reductions = 0;
        for (String t : pruned) {
            Workload w = Specs.workload(Specs.SPATTEN_TRACE + traces.resolve(t), Map.of(), List.of());
            reductions += sparcade.run(Specs.architecture("spatten", List.of()), w, Mapping.NONE, t, "mapping")
                    .dramReductionVsDense();
        }
        rows.add(new Row("spatten-dram-reduction", "SpAtten: DRAM-access reduction from cascade pruning + progressive "
                + "quantisation, mean over the 2 GPT-2 traces that prune (medium wikitext2 hp+topk+quant; small "
                + "wikitext2 per8); the paper averages 30 benchmarks", "papers.md §2 (paper): 10.0x average", 10.0,
                reductions / pruned.size(), "x", DEFAULT_TOLERANCE));

        progress.accept("FlightLLM U280: LLaMA2-7B decode");
        RunReport u280 = run("flightllm-u280", "llama2-7b", Map.of("phase", "decode"));
        rows.add(new Row("flightllm-u280-tokens", "FlightLLM U280: LLaMA2-7B decode tokens/s (llama2-7b, phase=decode, "
                + "context 1024, batch 1)", "papers.md §3 (paper): 55 tokens/s", 55, u280.tokensPerSecond(), "tokens/s",
                DEFAULT_TOLERANCE));
        rows.add(new Row("flightllm-u280-bandwidth", "FlightLLM U280: decode HBM bandwidth utilisation (same run)",
                "papers.md §3 (paper): 65.9%", 65.9, 100 * u280.dramBandwidthUtilisation(), "%", DEFAULT_TOLERANCE));

        for (long[] c : new long[][] {{256, 943}, {512, 981}, {1024, 1062}}) {
            progress.accept("FlightLLM VHK158: LLaMA2-7B decode at context " + c[0]);
            RunReport r = run("flightllm-vhk158", "llama2-7b", Map.of("phase", "decode", "context", String.valueOf(c[0])));
            rows.add(new Row("flightllm-vhk158-latency-" + c[0], "FlightLLM VHK158: LLaMA2-7B decode per-token latency at "
                    + "context " + c[0] + " (llama2-7b, phase=decode, batch 1)",
                    "papers.md §3 (artifact: the authors' released simulator output)", c[1] / 100.0, r.tokenLatencyMs(),
                    "ms", DEFAULT_TOLERANCE));
        }
        return rows;
    }

    private RunReport run(String arch, String workload, Map<String, String> params) {
        return sparcade.run(Specs.architecture(arch, List.of()), Specs.workload(workload, params, List.of()),
                Mapping.NONE, "preset " + workload, "mapping");
    }
}
