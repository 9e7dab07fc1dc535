package io.sparcade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DseCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void quickPresetSweepWritesPointsParetoAndPlots() {
        Path o = dir.resolve("out");
        assertThat(run("dse", "--sweep", "quick", "--out", o.toString(), "--jobs", "2", "--no-progress")).isZero();
        assertThat(o.resolve("points.csv")).exists();
        assertThat(o.resolve("pareto.csv")).exists();
        assertThat(o.resolve("pareto-d0-sat-vcu1525-mlp-train-nm.png")).exists();
        assertThat(out.toString()).contains("36 points").contains("best EDP, sat-vcu1525 on mlp-train-nm").contains("mapping:");
        // Running into the same directory again without --resume is refused; with --resume it has nothing to do.
        assertThat(run("dse", "--sweep", "quick", "--out", o.toString(), "--no-progress")).isEqualTo(2);
        assertThat(err.toString()).contains("--resume");
        assertThat(run("dse", "--sweep", "quick", "--out", o.toString(), "--resume", "--no-progress")).isZero();
        assertThat(out.toString()).contains("0 evaluated now");
        // A point's best mapping prints as a mapping YAML that simulate --mapping accepts.
        assertThat(run("dse", "--out", o.toString(), "--show-mapping", "5")).isZero();
        String text = out.toString();
        String yaml = text.substring(text.indexOf("# point 5"));
        assertThat(yaml).contains("sat-vcu1525 on mlp-train-nm").contains("units.array.rows").containsPattern("(?m)^operators:");
        io.sparcade.model.spec.Specs.fromYaml("shown", yaml, io.sparcade.model.mapping.Mapping.class);
        assertThat(run("dse", "--out", o.toString(), "--show-mapping", "999")).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'designs: [{arch: sat-vcu1525, workloads: [mlp-train-nm], axes: {units.array.rows: []}}]' | designs[0].axes.units.array.rows: empty axis",
        "'designs: [{arch: sat-vcu1525, workloads: [mlp-train-nm], axes: {units.array.rowz: [8]}}]' | designs[0].axes.units.array.rowz: value 8 is invalid",
        "'designs: [{arch: sat-vcu1525, workloads: [mlp-train-nm], axes: {units.array.rows: [8, -1]}}]' | designs[0].axes.units.array.rows: value -1 is invalid",
        "'designs: [{arch: sat-vcu1525, workloads: [mlp-train-nm], axes: {units.array.rows: [8' | malformed YAML",
    })
    void badSweepIsOneLineAndExitTwoWithNothingWritten(String yaml, String message) throws Exception {
        Path sweep = dir.resolve("bad.yaml");
        Files.writeString(sweep, yaml);
        Path o = dir.resolve("out");
        assertThat(run("dse", "--sweep", sweep.toString(), "--out", o.toString(), "--no-progress")).isEqualTo(2);
        assertThat(err.toString()).startsWith("sparcade: error: " + sweep).contains(message);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(o.resolve("points.csv")).doesNotExist();
    }

    @Test
    void unknownPresetAndBadClusterAddressAreBadInput() {
        assertThat(run("dse", "--sweep", "nope", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown sweep preset 'nope'");
        assertThat(run("dse", "--sweep", "quick", "--cluster", "localhost", "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("expected host:port");
        assertThat(run("dse", "--sweep", "quick", "--cluster", "127.0.0.1:5701", "--jobs", "2", "--out",
                dir.resolve("y").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--jobs applies to local runs");
    }

    @Test
    void aSweepOverTheLimitIsRefusedWithItsCountAndTheWayToExploreIt() throws Exception {
        Path sweep = dir.resolve("huge.yaml");
        Files.writeString(sweep, """
                designs:
                  - arch: sat-vcu1525
                    workloads: [mlp-train-nm]
                    axes:
                      units.array.rows: {from: 1, to: 10000, step: 1}
                      units.array.cols: {from: 1, to: 10000, step: 1}
                      units.glb.capacity_kib: [512, 1024]
                """);
        Path o = dir.resolve("out");
        assertThat(run("dse", "--sweep", sweep.toString(), "--out", o.toString(), "--no-progress")).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("sparcade: error: " + sweep + ": the sweep has 200,000,000 points, more than "
                + "the 100,000,000").contains("--explore nsga2 --budget");
        assertThat(out.toString()).isEmpty();
        assertThat(o).doesNotExist();
    }

    @Test
    void exploreOnTheCommandLineRunsNsga2WithinItsBudgetAndResumesOnlyWithTheSameSettings() {
        Path o = dir.resolve("out");
        assertThat(run("dse", "--sweep", "quick", "--out", o.toString(), "--explore", "nsga2", "--budget", "32",
                "--seed", "3", "--jobs", "2", "--no-progress")).isZero();
        assertThat(out.toString()).contains("36 points, exploring at most 32 with nsga2 budget 32 seed 3");
        assertThat(o.resolve("pareto.csv")).exists();
        // Resuming without the exploration is another sweep.
        assertThat(run("dse", "--sweep", "quick", "--out", o.toString(), "--resume", "--no-progress")).isEqualTo(2);
        assertThat(err.toString()).contains("another sweep");
        assertThat(run("dse", "--sweep", "quick", "--out", o.toString(), "--explore", "nsga2", "--budget", "32",
                "--seed", "3", "--resume", "--no-progress")).isZero();
        assertThat(out.toString()).contains("0 evaluated now");
        assertThat(run("dse", "--sweep", "quick", "--out", dir.resolve("x").toString(), "--explore", "nsga2")).isEqualTo(2);
        assertThat(err.toString()).contains("--explore needs --budget");
        assertThat(run("dse", "--sweep", "quick", "--out", dir.resolve("y").toString(), "--explore", "sa", "--budget", "40"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("unknown exploration strategy 'sa'");
    }

    @Test
    void theClusterNeedsItsToken() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("SPARCADE_CLUSTER_TOKEN") == null);
        assertThat(run("dse", "--sweep", "quick", "--cluster", "127.0.0.1:5701", "--out", dir.resolve("z").toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("dse --cluster needs the cluster's token: --token <token> or SPARCADE_CLUSTER_TOKEN");
        assertThat(run("worker", "--join", "127.0.0.1:5701")).isEqualTo(2);
        assertThat(err.toString()).contains("worker --join needs the cluster's token");
        assertThat(run("worker", "--token", "short")).isEqualTo(2);
        assertThat(err.toString()).contains("a cluster token is at least 16 characters");
    }
}
