package io.sparcade.hwsim.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.model.arch.Architecture;
import io.sparcade.model.spec.Override;
import io.sparcade.model.spec.Specs;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourcesTest {
    /** The estimate's arithmetic on the seed presets, worked by hand from Resources' stated rules. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        // 32x32 PEs + 32 vector lanes; 4 MiB / 36 Kb = 910.2 -> 911 BRAM36; LUT: 1,024 PEs x (32-bit adder +
        // 8 bits x 5 LUT of a 16:1 mux = 72) + 32 x 200
        "sat-vcu1525    | clock_mhz=200                | 1056 | 911  | 0   | 80128",
        // 64x32 PEs + 32 lanes: 2,048 x 72 + 6,400
        "sat-vcu1525    | units.array.rows=64          | 2080 | 911  | 0   | 153856",
        // 3 cores x 128 chains x 8 x 2 DSPs + 48 lanes; 28,512 KiB of URAM / 288 Kb = 792 URAM288 (the paper's 792);
        // 6,144 DSP x 2 (packing) x 8 bit x 5 LUT (16:1 mux) + 48 x 200
        "flightllm-u280 | clock_mhz=225                | 6192 | 0    | 792 | 501120",
        // two dense 8x64 arrays + 8 softmax lanes; 256 KiB -> 57; 1,024 x 32 (adder, no mux) + top-k 2 x 16 x 12
        // + 8 x 200
        "spatten        | clock_mhz=1000               | 1032 | 57   | 0   | 34752",
    })
    void estimatesFollowTheStatedRules(String preset, String set, long dsp, long bram, long uram, long lut) {
        Architecture a = Specs.architecture(preset, List.of(Override.parse(set)));
        Resources r = Resources.estimate(a);
        assertThat(new long[] {r.dsp48(), r.bram36(), r.uram288(), r.lut()}).containsExactly(dsp, bram, uram, lut);
    }
}
