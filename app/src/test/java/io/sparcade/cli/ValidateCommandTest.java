package io.sparcade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparcade validate}: every published comparison is a row with an honest verdict. */
class ValidateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesEveryRowWithRatioAndVerdict() throws IOException {
        CliRunner r = CliRunner.run("validate", "--out", tmp.toString(), "--traces",
                Path.of("..", "data", "spatten-traces").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<CSVRecord> rows = SimulateCommandTest.read(tmp.resolve("validation.csv"));
        assertThat(rows).extracting(x -> x.get("id")).containsExactly("sat-bdwp-speedup", "spatten-dram-reduction",
                "flightllm-u280-tokens", "flightllm-u280-bandwidth", "flightllm-vhk158-latency-256",
                "flightllm-vhk158-latency-512", "flightllm-vhk158-latency-1024");
        assertThat(rows).extracting(x -> x.get("paper"))
                .containsExactly("1.75", "10", "55", "65.9", "9.43", "9.81", "10.62");
        for (CSVRecord row : rows) {
            double paper = Double.parseDouble(row.get("paper"));
            double ours = Double.parseDouble(row.get("sparcade"));
            double ratio = Double.parseDouble(row.get("ratio"));
            assertThat(ratio).as(row.get("id")).isCloseTo(ours / paper, within(1e-4));
            boolean within = Math.abs(ratio - 1) <= Double.parseDouble(row.get("tolerance"));
            assertThat(row.get("result")).as(row.get("id")).isEqualTo(within ? "pass" : "fail");
            assertThat(row.get("claim")).isNotBlank();
            assertThat(row.get("source")).contains("papers.md");
        }
        assertThat(r.out()).contains("rows within tolerance");
    }

    @Test
    void aMissingTraceDirectoryIsBadInput() {
        CliRunner r = CliRunner.run("validate", "--out", tmp.toString(), "--traces", tmp.resolve("nope").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--traces").contains("no such directory");
    }
}
