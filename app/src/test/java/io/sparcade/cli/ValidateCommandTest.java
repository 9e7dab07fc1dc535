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

    /**
     * The cheaper rows (the full table takes minutes: `./sparcade validate`): each row carries its estimates, a band
     * around its nominal result, a verdict consistent with its ratio and tolerance.
     */
    @Test
    void writesRowsWithTheirBandEstimatesAndVerdict() throws IOException {
        CliRunner r = CliRunner.run("validate", "--out", tmp.toString(), "--traces",
                Path.of("..", "data", "spatten-traces").toString(), "--rows", "spatten,flightllm-u280");
        assertThat(r.exit()).as(r.err()).isZero();
        List<CSVRecord> rows = SimulateCommandTest.read(tmp.resolve("validation.csv"));
        assertThat(rows).extracting(x -> x.get("id")).containsExactly("spatten-dram-reduction",
                "flightllm-u280-tokens", "flightllm-u280-bandwidth");
        assertThat(rows).extracting(x -> x.get("paper")).containsExactly("10", "55", "65.9");
        for (CSVRecord row : rows) {
            double paper = Double.parseDouble(row.get("paper"));
            double ours = Double.parseDouble(row.get("sparcade"));
            double low = Double.parseDouble(row.get("low"));
            double high = Double.parseDouble(row.get("high"));
            double ratio = Double.parseDouble(row.get("ratio"));
            assertThat(ratio).as(row.get("id")).isCloseTo(ours / paper, within(1e-4));
            assertThat(low).as(row.get("id")).isLessThanOrEqualTo(ours * (1 + 1e-5));
            assertThat(high).as(row.get("id")).isGreaterThanOrEqualTo(ours * (1 - 1e-5)).isGreaterThan(low);
            boolean within = Math.abs(ratio - 1) <= Double.parseDouble(row.get("tolerance"));
            assertThat(row.get("result")).as(row.get("id")).isEqualTo(within ? "pass" : "fail");
            assertThat(row.get("paper_within_band")).isEqualTo(paper >= low && paper <= high ? "yes" : "no");
            assertThat(row.get("estimates")).as(row.get("id")).contains("[").contains("..");
            assertThat(row.get("claim")).isNotBlank();
            assertThat(row.get("note")).isNotBlank();
            assertThat(row.get("source")).contains("papers.md");
        }
        // decode streams weights: with 4-bit weights the U280 is faster than with 8-bit, so the band must be wide
        CSVRecord tokens = rows.get(1);
        assertThat(Double.parseDouble(tokens.get("high")) / Double.parseDouble(tokens.get("low"))).isGreaterThan(1.5);
        assertThat(r.out()).contains("rows within tolerance");
    }

    @Test
    void anUnknownRowIsBadInput() {
        CliRunner r = CliRunner.run("validate", "--out", tmp.toString(), "--traces",
                Path.of("..", "data", "spatten-traces").toString(), "--rows", "gpt5");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--rows").contains("sat-bdwp-speedup");
    }

    @Test
    void aMissingTraceDirectoryIsBadInput() {
        CliRunner r = CliRunner.run("validate", "--out", tmp.toString(), "--traces", tmp.resolve("nope").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--traces").contains("no such directory");
    }
}
