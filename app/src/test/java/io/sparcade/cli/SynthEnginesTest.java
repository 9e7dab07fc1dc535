package io.sparcade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code synth --arch}: a layer engine's compute core through Yosys beside the analytical estimate. */
class SynthEnginesTest {
    /**
     * A 2x2 WS engine of sat-16x16-ws (8-bit operands, M up to 8), about 12 s of Yosys. Expected by hand, not
     * from Resources: each PE has one 8 x 8 multiplier, which synth_xilinx maps to one DSP48E1 (25 x 18), so
     * 4 DSP48; the PE grid alone is at least 4 x 56 LUT (the PE measured alone in Yosys, README "The one N:M PE":
     * sc_pe_ws M = 8, W = 8: 56 LUT), so the core (grid + sequencer) has at least 224 LUTs, and the estimate,
     * which counts the PEs only, is below Yosys (a negative error).
     */
    @Test
    void arrayEngineCoreDspsMatchOnePerPe(@TempDir Path dir) throws Exception {
        RtlCommandsTest.Run r = RtlCommandsTest.run("synth", "--arch", "sat-16x16-ws", "--unit", "array",
                "--set", "units.array.rows=2", "--set", "units.array.cols=2", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> csv = Files.readAllLines(dir.resolve("synth.csv"));
        assertThat(csv.get(0)).isEqualTo(String.join(",", SynthCommand.ENGINE_COLUMNS));
        assertThat(csv).hasSize(2);
        String[] f = csv.get(1).split(",");
        assertThat(f[0]).isEqualTo("array");
        assertThat(f[2]).isEqualTo("nm_array_core");
        assertThat(Long.parseLong(f[3])).as("dsp48 yosys").isEqualTo(4);
        assertThat(Long.parseLong(f[4])).as("dsp48 estimate").isEqualTo(4);
        assertThat(Double.parseDouble(f[5])).isZero();
        long lutYosys = Long.parseLong(f[6]);
        assertThat(lutYosys).isGreaterThanOrEqualTo(4 * 56);
        assertThat(Long.parseLong(f[7])).as("lut estimate: 4 PEs x (32 + 8 x ceil(7/3))").isEqualTo(4 * (32 + 8 * 3));
        assertThat(Double.parseDouble(f[8])).isNegative();
        assertThat(r.out()).contains("error = (estimate - yosys) / yosys");
    }
}
