package io.sparcade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparcade study} as a user runs it: the columns, plots, directions of the results, bad input. */
class StudyCommandTest {
    @TempDir
    Path tmp;

    @Test
    void seedsOnFlightLlmWriteEveryColumnAndPlotAndMoveInThePhysicalDirections() throws IOException {
        Path out = tmp.resolve("s");
        CliRunner r = CliRunner.run("study", "--arch", "flightllm-u280", "--workload", "llama2-7b", "--methods", "seeds",
                "--densities", "0.25", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(out.resolve("study.csv"))) {
            var parsed = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in);
            assertThat(parsed.getHeaderNames()).startsWith("method", "family", "density", "granularity", "cycles",
                    "speedup_vs_dense", "energy", "energy_saving_vs_dense", "dram_bytes", "metadata_bytes", "selector_cycles");
            rows = parsed.getRecords();
        }
        for (String png : List.of("speedup-prefill.png", "speedup-decode.png", "energy-prefill.png", "energy-decode.png")) {
            assertThat(Files.size(out.resolve(png))).as(png).isGreaterThan(10_000);
        }
        Map<String, CSVRecord> by = new HashMap<>();
        rows.forEach(x -> by.put(x.get("phase") + "/" + x.get("method"), x));
        // every family appears; KV methods only in decode, attention patterns only in prefill
        assertThat(rows.stream().map(x -> x.get("family")).distinct())
                .contains("dense", "weight", "activation", "attention", "kv", "tokens", "moe");
        assertThat(by).containsKeys("decode/kv-evict", "prefill/attn-block").doesNotContainKeys("prefill/kv-evict", "decode/attn-block");
        // batch-1 decode is bandwidth bound: 25% of the neurons fetched is a large gain; in a 1024-token prefill the
        // union of the tokens' neurons is all of them, so only the selector's cost remains
        assertThat(speedup(by, "decode/act-threshold")).isGreaterThan(2);
        assertThat(speedup(by, "prefill/act-threshold")).isLessThanOrEqualTo(1.0);
        // granularity: at equal density, tile-aligned blocks beat unstructured zeros the chain cannot skip
        assertThat(speedup(by, "prefill/block-64x64")).isGreaterThan(2);
        assertThat(speedup(by, "prefill/unstructured-bitmap")).isLessThan(1.1);
        // a bitmap costs one bit per weight: 1/8 of the 8-bit weights' bytes in decode
        double denseBytes = Double.parseDouble(by.get("decode/dense").get("dram_bytes"));
        double meta = Double.parseDouble(by.get("decode/unstructured-bitmap").get("metadata_bytes"));
        assertThat(meta).isGreaterThan(0).isLessThan(denseBytes / 8);
        assertThat(Long.parseLong(by.get("prefill/attn-block").get("selector_cycles"))).isPositive();
        assertThat(Long.parseLong(by.get("prefill/block-64x64").get("macs_issued")))
                .isLessThan(Long.parseLong(by.get("prefill/unstructured-bitmap").get("macs_issued")));
    }

    private static double speedup(Map<String, CSVRecord> by, String key) {
        return Double.parseDouble(by.get(key).get("speedup_vs_dense"));
    }

    @Test
    void badDensitiesAndMisappliedMethodsExitTwoWithOneLineAndWriteNothing() throws IOException {
        Path methods = tmp.resolve("m.yaml");
        Files.writeString(methods, """
                methods:
                  - name: kv-on-a-gemm
                    family: kv
                    ops: [q_proj]
                    sparsity: {kv: {method: evict}}
                """);
        for (List<String> c : List.of(
                List.of("--methods", "seeds", "--densities", "0,0.5", "|--densities|(0, 1]"),
                List.of("--methods", "seeds", "--densities", "1.5", "|--densities|1.5"),
                List.of("--methods", methods.toString(), "--densities", "0.5", "|kv-on-a-gemm|q_proj|sparsity.q_proj.kv"))) {
            Path out = tmp.resolve("bad" + c.hashCode());
            CliRunner r = CliRunner.run("study", "--arch", "flightllm-u280", "--workload", "llama2-7b", c.get(0), c.get(1),
                    c.get(2), c.get(3), "--out", out.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            List<String> lines = r.err().lines().filter(l -> !l.startsWith("[")).toList();
            assertThat(lines).as(r.err()).hasSize(1);
            for (String s : c.get(4).substring(1).split("\\|")) {
                assertThat(lines.get(0)).contains(s);
            }
            if (Files.exists(out)) {
                try (Stream<Path> f = Files.list(out)) {
                    assertThat(f.toList()).isEmpty();
                }
            }
        }
    }
}
