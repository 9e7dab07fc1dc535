package io.sparcade.model.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.model.SpecException;
import io.sparcade.model.spec.Specs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Architecture-level validation: buffer references and the single off-chip memory. */
class ArchitectureTest {
    static Map<String, UnitSpec> units() {
        Map<String, UnitSpec> u = new LinkedHashMap<>();
        u.put("array", new NmArraySpec(4, 4, Dataflow.OS, 8, List.of(4), "glb"));
        u.put("glb", new BufferSpec(1, 4, 1, true));
        u.put("dram", new DramSpec(DramTechnology.GENERIC, 1, 4, 1, 0));
        return u;
    }

    @Test
    void validArchitectureExposesItsUnits() {
        Architecture a = new Architecture("a", null, 200, 0, units());
        assertThat(a.description()).isEmpty();
        assertThat(a.dramName()).isEqualTo("dram");
        assertThat(a.unitsOf(ComputeUnitSpec.class)).containsOnlyKeys("array");
        assertThat(a.bufferOf((ComputeUnitSpec) a.units().get("array")).capacityBytes()).isEqualTo(1024);
        assertThat(a.cycleNs()).isEqualTo(5.0);
    }

    @Test
    void bufferReferenceToANonBufferUnitFails() {
        Map<String, UnitSpec> u = units();
        u.put("array", new NmArraySpec(4, 4, Dataflow.OS, 8, List.of(), "dram"));
        assertThatThrownBy(() -> new Architecture("a", "", 200, 0, u))
                .isInstanceOf(SpecException.class)
                .hasMessage("units.array.buffer: 'dram' is not a unit of type buffer (buffers: glb)");
        u.put("array", new NmArraySpec(4, 4, Dataflow.OS, 8, List.of(), "nowhere"));
        assertThatThrownBy(() -> new Architecture("a", "", 200, 0, u))
                .hasMessageContaining("units.array.buffer: 'nowhere' is not a unit of type buffer");
    }

    @Test
    void bufferReferenceInAFileNamesTheFile() {
        String yaml = """
                name: a
                clock_mhz: 100
                units:
                  vec: {type: vector-unit, lanes: 8, buffer: array}
                  array: {type: nm-array, rows: 4, cols: 4, buffer: glb}
                  glb: {type: buffer, capacity_kib: 1, bytes_per_cycle: 4}
                  dram: {type: dram, technology: ddr4-2400, channels: 1}
                """;
        assertThatThrownBy(() -> Specs.fromYaml("a.yaml", yaml, Architecture.class))
                .hasMessage("a.yaml: units.vec.buffer: 'array' is not a unit of type buffer (buffers: glb)");
    }

    @Test
    void zeroOrTwoDramUnitsFail() {
        Map<String, UnitSpec> none = units();
        none.remove("dram");
        assertThatThrownBy(() -> new Architecture("a", "", 200, 0, none))
                .hasMessage("units: exactly one unit of type dram is required, found 0");
        Map<String, UnitSpec> two = units();
        two.put("hbm", new DramSpec(DramTechnology.HBM2, 2, 0, 0.5, 0));
        assertThatThrownBy(() -> new Architecture("a", "", 200, 0, two))
                .hasMessage("units: exactly one unit of type dram is required, found 2");
    }

    @Test
    void architectureWithoutComputeOrUnitsFails() {
        Map<String, UnitSpec> u = units();
        u.remove("array");
        assertThatThrownBy(() -> new Architecture("a", "", 200, 0, u)).hasMessageContaining("at least one compute unit");
        assertThatThrownBy(() -> new Architecture("a", "", 200, 0, Map.of())).hasMessage("units: at least one unit is required");
    }

    @Test
    void defaultsAreFilledIn() {
        NmArraySpec a = new NmArraySpec(2, 2, null, 0, null, "b");
        assertThat(a.dataflow()).isEqualTo(Dataflow.WS);
        assertThat(a.precisionBits()).isEqualTo(8);
        assertThat(a.supportedM()).isEmpty();
        assertThat(new DramSpec(DramTechnology.DDR4_2400, 2, 0, 0, 0).efficiency()).isEqualTo(DramSpec.DEFAULT_EFFICIENCY);
        // DDR4-2400: 2400 MT/s x 8 B = 19.2 GB/s per channel (JEDEC); 2 channels at half efficiency = 19.2 GB/s
        DramSpec ddr = new DramSpec(DramTechnology.DDR4_2400, 2, 0, 0.5, 0);
        assertThat(ddr.effectiveGbPerSec()).isCloseTo(19.2, org.assertj.core.data.Offset.offset(1e-9));
        // at 200 MHz that is 96 bytes per accelerator cycle; at 400 MHz only 48: memory has its own clock
        assertThat(ddr.effectiveBytesPerCycle(200)).isCloseTo(96.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ddr.effectiveBytesPerCycle(400)).isCloseTo(48.0, org.assertj.core.data.Offset.offset(1e-9));
        BufferSpec b = new BufferSpec(1.5, 4, 0, null);
        assertThat(b.banks()).isEqualTo(1);
        assertThat(b.doubleBuffered()).isTrue();
        assertThat(b.capacityBytes()).isEqualTo(1536);
        DspChainSpec d = new DspChainSpec(4, 8, 0, true, List.of(16), 0, "b");
        assertThat(d.totalDsps()).isEqualTo(4 * 8 * 2);
        assertThat(d.supportsM(16)).isTrue();
        assertThat(d.supportsM(8)).isFalse();
    }

    @Test
    void dramEfficiencyOutsideTheUnitIntervalFails() {
        assertThatThrownBy(() -> new DramSpec(DramTechnology.HBM2, 1, 4, 1.5, 0)).hasMessage("efficiency: must be in (0, 1], got 1.5");
        assertThatThrownBy(() -> new DramSpec(null, 1, 4, 1, 0)).hasMessageStartingWith("technology: missing");
        assertThatThrownBy(() -> new DramSpec(DramTechnology.GENERIC, 1, 0, 1, 0)).hasMessage("gb_per_s_per_channel: required for technology generic");
    }
}
