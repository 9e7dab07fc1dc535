package io.sparcade.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.dataflow.GraphBuilder;
import io.sparcade.hwsim.OperatorModel;
import io.sparcade.hwsim.SimulationResult;
import io.sparcade.hwsim.Simulator;
import io.sparcade.hwsim.energy.EnergyTable;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Workload;
import io.sparcade.scheduler.ListScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer puts every report in place or none, and its CSVs have the documented columns. */
class ReportWriterTest {
    @TempDir
    Path tmp;

    private static RunReport report() {
        Architecture arch = Specs.architecture("sat-vcu1525", List.of());
        Workload w = Specs.workload("mlp-train-nm", Map.of("layers", "2", "batch", "32", "hidden", "64"), List.of());
        return new RunReport("run1", w, simulate(arch, w), simulate(arch, w.dense()));
    }

    private static SimulationResult simulate(Architecture arch, Workload w) {
        OperatorModel model = new OperatorModel();
        return new Simulator(model, (EnergyTable) null).run(new ListScheduler(model, "m")
                .schedule(new GraphBuilder("w").build(w), arch, Mapping.NONE));
    }

    @Test
    void writesBothCsvsTheHtmlPageAndThreePlotsPerRunAndLeavesNoScratch() throws IOException {
        RunReport r = report();
        List<Path> files = new ReportWriter().write(tmp, List.of(r));
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder("summary.csv",
                "ops.csv", "report.html", "timeline-run1.png", "latency-run1.png", "energy-run1.png");
        try (Stream<Path> all = Files.list(tmp)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".partial"));
        }
        List<String> summary = Files.readAllLines(tmp.resolve("summary.csv"));
        assertThat(summary.get(0).split(",")).containsExactlyElementsOf(CsvReports.SUMMARY_COLUMNS);
        assertThat(summary).hasSize(2);
        List<String> ops = Files.readAllLines(tmp.resolve("ops.csv"));
        assertThat(ops.get(0).split(",")).containsExactlyElementsOf(CsvReports.OPS_COLUMNS);
        // one row per node of the sparse run and of its dense baseline
        assertThat(ops).hasSize(1 + r.result().ops().size() + r.dense().ops().size());
        assertThat(r.speedupVsDense()).isGreaterThan(1);
    }

    @Test
    void anUnwritableOutputLeavesNothingBehind() throws IOException {
        Path blocker = tmp.resolve("out");
        Files.writeString(blocker, "a file where the directory should be");
        assertThatThrownBy(() -> new ReportWriter().write(blocker, List.of(report())))
                .isInstanceOf(IOException.class);
        assertThat(Files.readString(blocker)).startsWith("a file");
        try (Stream<Path> all = Files.list(tmp)) {
            assertThat(all.toList()).containsExactly(blocker);
        }
    }

    @Test
    void numbersArePlainWithSevenSignificantDigitsAndNaNIsEmpty() {
        assertThat(CsvReports.num(Double.NaN)).isEmpty();
        assertThat(CsvReports.num(42.0)).isEqualTo("42");
        assertThat(CsvReports.num(1.0 / 3)).isEqualTo("0.3333333");
        assertThat(CsvReports.num(1.5e-9)).isEqualTo("0.0000000015");
    }
}
