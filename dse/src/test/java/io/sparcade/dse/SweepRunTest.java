package io.sparcade.dse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.dse.exec.LocalSweepExecutor;
import io.sparcade.dse.output.PointsCsv;
import io.sparcade.dse.sweep.Metric;
import io.sparcade.dse.sweep.SweepSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRunTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryPointOnceRecordsErrorsAndAParetoFrontThatIsExactlyTheNonDominatedSet() throws Exception {
        SweepSpec sweep = TestSweeps.small();
        RunSummary s = new SweepRun(dir, false, ProgressListener.NONE).run(sweep, new LocalSweepExecutor(2));
        List<Map<String, String>> rows = PointsCsv.read(dir.resolve(PointsCsv.FILE));
        assertThat(rows).extracting(r -> Long.parseLong(r.get("id")))
                .containsExactlyInAnyOrderElementsOf(sweep.points().map(p -> p.id()).toList());
        assertThat(s.total()).isEqualTo(28);
        // The 1 KiB buffer holds no tile: those points are recorded with their error and the sweep goes on.
        List<Map<String, String>> errors = rows.stream().filter(r -> r.get("status").equals("error")).toList();
        assertThat(errors).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("units.glb.capacity_kib")).isEqualTo("1");
            assertThat(r.get("error")).contains("fits");
        });
        assertThat(s.errors()).isEqualTo(errors.size());
        assertThat(rows.stream().filter(r -> r.get("units.glb.capacity_kib").equals("256"))).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("ok"));
        // 64x32 PEs + 32 vector lanes = 2,080 DSP48 > 2,000: infeasible, kept in points.csv, never on the front.
        assertThat(rows.stream().filter(r -> r.get("status").equals("ok") && r.get("feasible").equals("false")))
                .allSatisfy(r -> assertThat(r.get("violations")).startsWith("dsp48 2080 > 2000"))
                .isNotEmpty();

        List<Map<String, String>> pareto = PointsCsv.read(dir.resolve(SweepRun.PARETO_FILE));
        Map<String, List<Map<String, String>>> groups = rows.stream()
                .collect(Collectors.groupingBy(r -> r.get("design") + "|" + r.get("workload"), LinkedHashMap::new, Collectors.toList()));
        List<String> expected = new ArrayList<>();
        for (List<Map<String, String>> g : groups.values()) {
            List<Map<String, String>> cands = g.stream()
                    .filter(r -> r.get("status").equals("ok") && r.get("feasible").equals("true")).toList();
            List<double[]> v = cands.stream().map(r -> sweep.objectives().stream()
                    .mapToDouble(m -> Double.parseDouble(r.get(m.column()))).toArray()).toList();
            ParetoTest.bruteForce(v).forEach(i -> expected.add(cands.get(i).get("id")));
        }
        assertThat(pareto).extracting(r -> r.get("id")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(pareto).allSatisfy(r -> assertThat(rows).contains(r));

        for (String png : List.of("pareto-d0-sat-vcu1525-mlp-train-nm.png", "effects-d0-sat-vcu1525-mlp-train-nm.png",
                "pareto-d1-flightllm-u280-llama2-7b-decode.png", "effects-d1-flightllm-u280-llama2-7b-decode.png")) {
            assertThat(ImageIO.read(dir.resolve(png).toFile()).getWidth()).as(png).isGreaterThan(500);
        }
        Properties state = new Properties();
        state.load(Files.newBufferedReader(dir.resolve(SweepRun.STATE_FILE)));
        assertThat(state.getProperty("state")).isEqualTo("complete");
        assertThat(Metric.EDP.column()).isIn(PointsCsv.header(sweep));
    }

    @Test
    void refusesToOverwriteARunAndResumingACompleteRunAddsNothing() throws Exception {
        SweepSpec sweep = TestSweeps.small();
        new SweepRun(dir, false, ProgressListener.NONE).run(sweep, new LocalSweepExecutor(2));
        List<String> before = Files.readAllLines(dir.resolve(PointsCsv.FILE));
        assertThatThrownBy(() -> new SweepRun(dir, false, ProgressListener.NONE).run(sweep, new LocalSweepExecutor(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--resume");
        RunSummary again = new SweepRun(dir, true, ProgressListener.NONE).run(sweep, new LocalSweepExecutor(1));
        assertThat(again.evaluated()).isZero();
        assertThat(Files.readAllLines(dir.resolve(PointsCsv.FILE))).isEqualTo(before);
    }

    @Test
    void resumeDropsARowCutShortAndRefusesAnotherSweep() throws Exception {
        SweepSpec sweep = TestSweeps.small();
        new SweepRun(dir, false, ProgressListener.NONE).run(sweep, new LocalSweepExecutor(2));
        Path points = dir.resolve(PointsCsv.FILE);
        List<String> full = Files.readAllLines(points);
        // Simulate a kill: keep the header and 10 rows, then half of the 11th row without its line end.
        String cut = String.join("\n", full.subList(0, 11)) + "\n" + full.get(11).substring(0, full.get(11).length() / 2);
        Files.writeString(points, cut);
        RunSummary r = new SweepRun(dir, true, ProgressListener.NONE).run(sweep, new LocalSweepExecutor(2));
        assertThat(r.resumed()).isEqualTo(10);
        assertThat(r.evaluated()).isEqualTo(18);
        List<String> after = Files.readAllLines(points);
        assertThat(after.get(0)).isEqualTo(full.get(0));
        assertThat(after.subList(1, after.size())).containsExactlyInAnyOrderElementsOf(full.subList(1, full.size()));

        SweepSpec other = io.sparcade.dse.sweep.SweepParser.parse("other.yaml", TestSweeps.SMALL.replace("seed: 3", "seed: 4"));
        assertThatThrownBy(() -> new SweepRun(dir, true, ProgressListener.NONE).run(other, new LocalSweepExecutor(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another sweep");
    }
}
