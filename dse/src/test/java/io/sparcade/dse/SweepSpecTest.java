package io.sparcade.dse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.dse.eval.PointEvaluator;
import io.sparcade.dse.sweep.DesignPoint;
import io.sparcade.dse.sweep.SweepParser;
import io.sparcade.dse.sweep.SweepSpec;
import io.sparcade.dse.sweep.Sweeps;
import io.sparcade.hwsim.energy.EnergyTable;
import io.sparcade.model.SpecException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SweepSpecTest {
    static final String BASE = """
            designs:
              - arch: sat-vcu1525
                workloads: [mlp-train-nm]
                axes:
                  AXIS
            """;

    static SweepSpec parse(String axisLines) {
        return SweepParser.parse("bad.yaml", BASE.replace("AXIS", axisLines));
    }

    @Test
    void rangesAndListsEnumerateInOrderFirstAxisOutermost() {
        SweepSpec s = parse("units.array.rows: {from: 8, to: 32, times: 2}\n      workload.nm: [dense, \"2:8\"]\n"
                + "      clock_mhz: {from: 100, to: 200, step: 50}");
        assertThat(s.size()).isEqualTo(18);
        List<DesignPoint> pts = s.points().toList();
        assertThat(pts.get(0).values()).containsExactly("8", "\"dense\"", "100");
        assertThat(pts.get(1).values()).containsExactly("8", "\"dense\"", "150");
        assertThat(pts.get(17).values()).containsExactly("32", "\"2:8\"", "200");
        assertThat(pts).extracting(DesignPoint::id).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 18).boxed().toList());
    }

    @Test
    void theDefaultSweepHasAtLeastTenThousandPointsOverTheThreeSeedAccelerators() {
        SweepSpec s = Sweeps.load(Sweeps.DEFAULT);
        assertThat(s.size()).isGreaterThanOrEqualTo(10_000);
        assertThat(s.designs()).extracting(d -> d.arch()).containsExactly("sat-vcu1525", "spatten", "flightllm-u280");
        new PointEvaluator(s, (EnergyTable) null).validate();
    }

    @Test
    void pointsAreNumberedNotListedSoAMillionPointSweepCostsNothingUntilUsed() {
        SweepSpec s = Sweeps.load("million");
        assertThat(s.size()).isEqualTo(1_000_000);
        new PointEvaluator(s, (EnergyTable) null).validate();
        // Mixed-radix numbering, last axis fastest: id 123456 is digit by digit the value index of each axis.
        DesignPoint p = s.point(123_456);
        assertThat(p.values()).containsExactly("4", "6", "16", "10", "384", "0.7");
        SweepSpec.Group g = s.groups().get(0);
        assertThat(s.id(g, new int[] {0, 1, 2, 3, 4, 5})).isEqualTo(12_345);
        assertThat(s.point(999_999).values()).containsExactly("20", "20", "40", "20", "640", "1");
        // Larger than can be numbered: refused when built, naming the count.
        assertThatThrownBy(() -> parse("units.array.rows: {from: 1, to: 10000, step: 1}\n"
                + "      units.array.cols: {from: 1, to: 10000, step: 1}\n"
                + "      units.glb.capacity_kib: {from: 1, to: 10000, step: 1}\n"
                + "      clock_mhz: {from: 1, to: 10000, step: 1}\n"
                + "      units.dram.channels: {from: 1, to: 10000, step: 1}"))
                .hasMessageContaining("the sweep has 100000000000000000000 points, more than can be numbered");
    }

    /** Malformed sweeps fail while parsing, naming the field. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "units.array.rows: []                      | designs[0].axes.units.array.rows: empty axis",
        "units.array.rows: {from: 8, to: 4, step: 1} | designs[0].axes.units.array.rows: empty range",
        "units.array.rows: {from: 8, to: 64}        | designs[0].axes.units.array.rows: a range needs from, to and exactly one",
        "units.array.rows: {from: 8, to: 64, times: 1} | designs[0].axes.units.array.rows: a geometric range needs times > 1",
        "units.array.rows: [8, 8]                  | designs[0].axes.units.array.rows: value 8 is listed twice",
        "units.array.rows: [8, 16\\n      oops: [   | bad.yaml:",
    })
    void malformedSweepsFailWhileParsing(String axis, String message) {
        assertThatThrownBy(() -> parse(axis.replace("\\n", "\n")))
                .isInstanceOf(SpecException.class).hasMessageContaining(message);
    }

    /** Values and paths the architecture or workload rejects fail before any point runs, naming the axis. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "units.array.rows: [8, 0]              | designs[0].axes.units.array.rows: value 0 is invalid",
        "units.array.rowz: [8]                 | designs[0].axes.units.array.rowz: value 8 is invalid",
        "units.nope.rows: [8]                  | designs[0].axes.units.nope.rows: value 8 is invalid",
        "units.array.dataflow: [ws, diagonal]  | designs[0].axes.units.array.dataflow: value diagonal is invalid",
        "workload.nm: [\"2:8\", \"3:x\"]       | designs[0].axes.workload.nm: value 3:x is invalid",
        "workload.bogus: [1]                   | designs[0].axes.workload.bogus: value 1 is invalid",
    })
    void invalidAxisValuesFailBeforeAnyPointRuns(String axis, String message) {
        SweepSpec s = parse(axis);
        assertThatThrownBy(() -> new PointEvaluator(s, (EnergyTable) null).validate())
                .isInstanceOf(SpecException.class).hasMessageStartingWith("bad.yaml: " + message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void unknownKeysAndMetricsAreNamed() {
        assertThatThrownBy(() -> SweepParser.parse("s.yaml", "designz: []"))
                .hasMessageContaining("s.yaml: designz: unknown key 'designz'");
        assertThatThrownBy(() -> SweepParser.parse("s.yaml", "objectives: [speed]\n" + BASE.replace("AXIS", "clock_mhz: [100]")))
                .hasMessageContaining("objectives[0]: unknown metric 'speed'");
        assertThatThrownBy(() -> SweepParser.parse("s.yaml", "search: {strategy: annealing}\n" + BASE.replace("AXIS", "clock_mhz: [100]")))
                .hasMessageContaining("search.strategy: unknown search strategy 'annealing'");
    }
}
