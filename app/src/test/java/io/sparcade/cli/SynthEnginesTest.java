package io.sparcade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code synth --arch}: a layer engine's compute core through Yosys (the independent reference) beside the
 * analytical estimate. Small cores only (10-40 s of Yosys each).
 */
class SynthEnginesTest {
    private static String[] row(Path dir, RtlCommandsTest.Run r) throws Exception {
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> csv = Files.readAllLines(dir.resolve("synth.csv"));
        assertThat(csv.get(0)).isEqualTo(String.join(",", SynthCommand.ENGINE_COLUMNS));
        assertThat(csv).hasSize(2);
        return csv.get(1).split(",");
    }

    /**
     * A 2x2 WS engine of sat-16x16-ws (8-bit operands, M up to 8), about 12 s of Yosys. By hand: each PE has one
     * 8 x 8 multiplier, one DSP48E1 (25 x 18), so 4 DSP48; the estimate's LUT count (1,212, derived term by term
     * in ResourcesTest) is within 30% of what Yosys builds (measured 1,435: the sequencer's state decode and
     * glue are not counted, so the estimate is below).
     */
    @Test
    void arrayEngineCoreMatchesYosys(@TempDir Path dir) throws Exception {
        RtlCommandsTest.Run r = RtlCommandsTest.run("synth", "--arch", "sat-16x16-ws", "--unit", "array",
                "--set", "units.array.rows=2", "--set", "units.array.cols=2", "--out", dir.toString());
        String[] f = row(dir, r);
        assertThat(f[0]).isEqualTo("array");
        assertThat(f[2]).isEqualTo("nm_array_core");
        assertThat(Long.parseLong(f[3])).as("dsp48 yosys").isEqualTo(4);
        assertThat(Long.parseLong(f[4])).as("dsp48 estimate").isEqualTo(4);
        assertThat(Double.parseDouble(f[5])).isZero();
        long lutYosys = Long.parseLong(f[6]);
        long lutEstimate = Long.parseLong(f[7]);
        assertThat(lutEstimate).isEqualTo(1212);
        assertThat((double) lutEstimate).isBetween(0.7 * lutYosys, 1.3 * lutYosys);
        assertThat(Double.parseDouble(f[8])).isBetween(-30.0, 30.0);
        assertThat(f[13]).as("dsp48 estimate on the device (DSP48E2)").isEqualTo("4");
        assertThat(r.out()).contains("error = (estimate - yosys) / yosys");
    }

    /**
     * One chain of one group (two stages) of flightllm-u280, about 20 s. By hand: the stage multiplies the
     * weight by the 27-bit pre-adder operand (hi * 2^18 + lo); a DSP48E1's A port takes 25 bits, so each stage
     * takes two: 4 DSP48 (on the U280's DSP48E2, 27 x 18, one each: 2). The LUT estimate is within 30% of Yosys.
     */
    @Test
    void chainEngineCoreMatchesYosys(@TempDir Path dir) throws Exception {
        RtlCommandsTest.Run r = RtlCommandsTest.run("synth", "--arch", "flightllm-u280", "--set", "units.dsp.chains=1",
                "--set", "units.dsp.groups_per_chain=1", "--out", dir.toString());
        String[] f = row(dir, r);
        assertThat(f[2]).isEqualTo("csd_core");
        assertThat(Long.parseLong(f[3])).as("dsp48 yosys").isEqualTo(4);
        assertThat(Long.parseLong(f[4])).as("dsp48 estimate, DSP48E1").isEqualTo(4);
        assertThat(f[13]).as("dsp48 estimate, DSP48E2").isEqualTo("2");
        long lutYosys = Long.parseLong(f[6]);
        assertThat((double) Long.parseLong(f[7])).isBetween(0.7 * lutYosys, 1.3 * lutYosys);
    }

    /**
     * The top-k core of spatten with 2 lanes and hi/lo row buffers of 8 scores. By hand: its one multiplier
     * (the 16-bit LFSR times the 32-bit row length, for the pivot position) exceeds a DSP48E1's 25-bit A port:
     * 2 DSP48. Yosys builds the row buffers from flip-flops and multiplexers, which the estimate does not count,
     * so Yosys's LUTs exceed the estimate.
     */
    @Test
    void topkEngineCoreSynthesises(@TempDir Path dir) throws Exception {
        RtlCommandsTest.Run r = RtlCommandsTest.run("synth", "--arch", "spatten", "--unit", "topk", "--set",
                "units.topk.lanes=2", "--topk-rows", "8", "--out", dir.toString());
        String[] f = row(dir, r);
        assertThat(f[2]).isEqualTo("sc_topk_core");
        assertThat(Long.parseLong(f[3])).as("dsp48 yosys").isEqualTo(2);
        assertThat(Long.parseLong(f[4])).as("dsp48 estimate").isEqualTo(2);
        assertThat(Long.parseLong(f[6])).isGreaterThan(Long.parseLong(f[7]));
        assertThat(Long.parseLong(f[9])).as("flip-flops: at least the two 8 x 12-bit row buffers").isGreaterThanOrEqualTo(2 * 8 * 12);
    }

    @Test
    void topkRowsOutOfRangeIsBadInput(@TempDir Path dir) {
        RtlCommandsTest.Run r = RtlCommandsTest.run("synth", "--arch", "spatten", "--unit", "topk", "--topk-rows", "12",
                "--out", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--topk-rows").doesNotContain("Exception");
        assertThat(dir.resolve("synth.csv")).doesNotExist();
    }
}
