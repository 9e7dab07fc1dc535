package io.sparcade.hwsim.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.BufferKind;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.DramSpec;
import io.sparcade.model.arch.DramTechnology;
import io.sparcade.model.arch.UnitSpec;
import io.sparcade.model.arch.VectorUnitSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The shipped energy tables against the published numbers they cite. */
class EnergyTableTest {
    private static Architecture asic(double nm, BufferSpec glb, DramTechnology dram) {
        Map<String, UnitSpec> u = new LinkedHashMap<>();
        u.put("vec", new VectorUnitSpec(4, 16, "glb"));
        u.put("glb", glb);
        u.put("dram", new DramSpec(dram, 1, dram == DramTechnology.GENERIC ? 1 : 0, 1, 0));
        return new Architecture("a", "", 1000, null, null, nm, u);
    }

    @ParameterizedTest
    @ValueSource(strings = {"asic-45nm.csv", "fpga-16nm.csv"})
    void everyEntryHasASourceAndARangeAroundItsValue(String file) {
        EnergyTable t = EnergyTable.builtIn(file);
        for (EnergyTable.Entry e : t.entries()) {
            assertThat(e.source()).as(e.id()).isNotBlank();
            assertThat(e.low()).as(e.id()).isLessThanOrEqualTo(e.value());
            assertThat(e.high()).as(e.id()).isGreaterThanOrEqualTo(e.value());
        }
        assertThat(t.entries()).hasSize(EnergyTable.REQUIRED.size());
    }

    /** Horowitz, ISSCC 2014, 45 nm: 64-bit reads of an 8 KB, 32 KB and 1 MB SRAM cost 10, 20 and 100 pJ. */
    @Test
    void sramCurveReproducesHorowitzsThreePoints() {
        EnergyTable t = EnergyTable.builtIn("asic-45nm.csv");
        double[][] points = {{8, 10}, {32, 20}, {1024, 100}};
        for (double[] p : points) {
            BufferSpec b = new BufferSpec(p[0], 8, 1, true, BufferKind.SRAM); // one 64-bit bank
            Architecture a = asic(45, b, DramTechnology.HBM2);
            assertThat(t.bufferPjPerByte(b, false, a) * 8).as("%s KiB", p[0]).isCloseTo(p[1], within(p[1] * 0.1));
        }
        // writes cost more than reads (CACTI), wider banks less per byte
        BufferSpec narrow = new BufferSpec(32, 8, 1, true, BufferKind.SRAM);
        BufferSpec wide = new BufferSpec(32, 64, 1, true, BufferKind.SRAM);
        Architecture a = asic(45, narrow, DramTechnology.HBM2);
        assertThat(t.bufferPjPerByte(narrow, true, a)).isGreaterThan(t.bufferPjPerByte(narrow, false, a));
        assertThat(t.bufferPjPerByte(wide, false, a)).isLessThan(t.bufferPjPerByte(narrow, false, a));
    }

    /**
     * Jouppi et al., ISCA 2021, Table 2 (7 nm): int8 mult 0.07 pJ + int32 add 0.03 pJ = 0.10 pJ per MAC; the
     * 45 nm table scaled to 7 nm should land there (within 25%).
     */
    @Test
    void nodeScalingLandsOnPublishedSevenNanometreNumbers() {
        EnergyTable t = EnergyTable.builtIn("asic-45nm.csv");
        Architecture a7 = asic(7, new BufferSpec(32, 8, 1, true), DramTechnology.HBM2);
        assertThat(t.actionPj(Action.MAC_8B, a7)).isCloseTo(0.10, within(0.025));
        Architecture a45 = asic(45, new BufferSpec(32, 8, 1, true), DramTechnology.HBM2);
        assertThat(t.actionPj(Action.MAC_8B, a45)).isEqualTo(0.3, within(1e-12)); // Horowitz 0.2 mult + 0.1 add
    }

    /**
     * Off-chip energy follows the memory technology: HBM2 3.6 pJ/bit streaming (O'Connor et al., MICRO 2017), DDR
     * 1.3-2.6 nJ per 64 bits (Horowitz): HBM costs several times less per byte than DDR4.
     */
    @Test
    void dramEnergyFollowsTheTechnology() {
        EnergyTable t = EnergyTable.builtIn("asic-45nm.csv");
        double hbm = t.dramPjPerByte(new DramSpec(DramTechnology.HBM2, 1, 0, 1, 0));
        double ddr = t.dramPjPerByte(new DramSpec(DramTechnology.DDR4_2400, 1, 0, 1, 0));
        assertThat(hbm).isCloseTo(3.6 * 8, within(0.5));
        assertThat(ddr / hbm).isBetween(4.0, 10.0);
        assertThat(ddr).isBetween(1300.0 / 8 * 0.9, 2600.0 / 8);
    }

    @Test
    void pricesCountedActionsAndBufferBytes() {
        EnergyTable t = EnergyTable.builtIn("asic-45nm.csv");
        BufferSpec glb = new BufferSpec(8, 8, 1, true); // one 8 KiB, 64-bit SRAM
        Architecture a = asic(45, glb, DramTechnology.GENERIC);
        ActionCounts c = ActionCounts.builder().add(Action.MAC_8B, 1000).add(Action.DRAM_BYTE, 8)
                .buffer(glb, 80, 0).build();
        double sram = (1.96 + 3.07 * Math.sqrt(8)) / 8; // Horowitz fit, pJ per byte read
        assertThat(t.price(c, a)).isCloseTo(1000 * 0.3 + 8 * 244 + 80 * sram, within(1e-6));
    }

    @Test
    void boundsMoveEveryEntryToTheEndOfItsRange() {
        EnergyTable t = EnergyTable.builtIn("fpga-16nm.csv");
        assertThat(t.at(EnergyTable.Bound.LOW).value("mac_8b")).isEqualTo(2.5);
        assertThat(t.at(EnergyTable.Bound.HIGH).value("mac_8b")).isEqualTo(12);
        assertThat(t.with("mac_8b", EnergyTable.Bound.HIGH).value("mac_8b")).isEqualTo(12);
        assertThat(t.with("mac_8b", EnergyTable.Bound.HIGH).value("compare")).isEqualTo(t.value("compare"));
    }

    @Test
    void aBadTableIsRejectedWithFileLineAndField() {
        String header = "action,unit,energy_pj,low_pj,high_pj,source\n";
        assertThatThrownBy(() -> EnergyTable.parse("t.csv", header + "mac_8b,MAC,0.3,0.3,0.3,\n"))
                .hasMessageContaining("t.csv:2").hasMessageContaining("source");
        assertThatThrownBy(() -> EnergyTable.parse("t.csv", header + "mac_8b,MAC,0.3,0.3,0.3,Horowitz\n"))
                .hasMessageContaining("no energy for 'mac_8b_packed'");
        assertThatThrownBy(() -> EnergyTable.parse("t.csv", header + "warp_drive,MAC,0.3,0.3,0.3,x\n"))
                .hasMessageContaining("unknown 'warp_drive'");
        assertThatThrownBy(() -> EnergyTable.parse("t.csv", header + "mac_8b,MAC,cheap,0,1,x\n"))
                .hasMessageContaining("energy_pj");
        assertThatThrownBy(() -> EnergyTable.parse("t.csv", header + "mac_8b,MAC,0.3,0.4,0.5,x\n"))
                .hasMessageContaining("low_pj <= energy_pj <= high_pj");
        assertThatThrownBy(() -> EnergyTable.parse("t.csv", "action,unit,energy_pj,source\n"))
                .hasMessageContaining("header must be");
    }
}
