package io.sparcade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparcade demo}: the three seed accelerators on their workloads, with reports a person can open. */
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesSummaryOpsAndThreePlotsPerRun() throws IOException {
        Path out = tmp.resolve("sparcade-out");
        CliRunner r = CliRunner.run("demo", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<CSVRecord> summary = SimulateCommandTest.read(out.resolve("summary.csv"));
        assertThat(summary).extracting(s -> s.get("arch") + "/" + s.get("workload")).containsExactly(
                "sat-vcu1525/mlp-train-nm", "spatten/bert-base-attention", "flightllm-u280/llama2-7b-decode");
        for (CSVRecord s : summary) {
            assertThat(Double.parseDouble(s.get("speedup_vs_dense"))).as(s.get("run")).isGreaterThan(1.0);
        }
        assertThat(summary.get(2).get("tokens_per_s")).isNotEmpty();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).toList()).hasSize(9);
        }
        assertThat(r.err()).contains("[1/3]", "[3/3]");
    }
}
