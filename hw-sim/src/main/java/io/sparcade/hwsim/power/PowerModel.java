package io.sparcade.hwsim.power;

import io.sparcade.hwsim.energy.EnergyTable;
import io.sparcade.hwsim.resources.Resources;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.BufferSpec;

/**
 * Always-on power of a design, W: what it draws whether or not it computes, charged over the whole run. It
 * follows the design a point builds:
 * <ul>
 *   <li>FPGA: the device's static power (leakage; a function of the device, voltage and temperature, not of
 *       utilisation: AMD UG1556), plus the clock power of the resources the design uses (DSP48, BRAM36,
 *       URAM288, LUTs, each priced per cycle at the accelerator clock by the energy table), plus the memory's
 *       background power (refresh, standby) per channel.</li>
 *   <li>ASIC: leakage of its MAC units and SRAM (per unit, per MiB), plus the memory's background power.</li>
 * </ul>
 * An architecture's {@code static_power_mw}, when given, replaces the whole computation (a stated figure).
 *
 * @param deviceW     FPGA device static power (0 for an ASIC)
 * @param clockW      clock power of the used FPGA resources (0 for an ASIC)
 * @param leakageW    ASIC logic and SRAM leakage (0 for an FPGA)
 * @param dramW       memory background power
 * @param statedW     the architecture's own static_power_mw / 1000, or NaN
 */
public record PowerModel(double deviceW, double clockW, double leakageW, double dramW, double statedW) {

    /** The always-on power of {@code arch} with the table's values (and the device static power) at {@code bound}. */
    public static PowerModel of(Architecture arch, EnergyTable table, EnergyTable.Bound bound) {
        if (arch.staticPowerMw() != null) {
            return new PowerModel(0, 0, 0, 0, arch.staticPowerMw() / 1000);
        }
        EnergyTable t = table.at(bound);
        double dram = t.dramBackgroundW(arch.dram());
        Resources r = Resources.estimate(arch);
        if (arch.fpga()) {
            double device = switch (bound) {
                case LOW -> arch.device().staticLowW();
                case HIGH -> arch.device().staticHighW();
                case NOMINAL -> arch.device().staticW();
            };
            double pjPerCycle = r.dsp48() * t.value("clock_pj_per_dsp48_cycle")
                    + r.bram36() * t.value("clock_pj_per_bram36_cycle")
                    + r.uram288() * t.value("clock_pj_per_uram288_cycle")
                    + r.lut() / 1000.0 * t.value("clock_pj_per_klut_cycle");
            return new PowerModel(device, pjPerCycle * arch.clockMhz() * 1e-6, 0, dram, Double.NaN);
        }
        double sramMib = 0;
        for (BufferSpec b : arch.unitsOf(BufferSpec.class).values()) {
            sramMib += b.totalKib() / 1024;
        }
        double leakageMw = r.macUnits() * t.value("leakage_mw_per_mac_unit") + sramMib * t.value("leakage_mw_per_mib_sram");
        return new PowerModel(0, 0, leakageMw / 1000, dram, Double.NaN);
    }

    /** Total always-on power, W. */
    public double totalW() {
        return Double.isNaN(statedW) ? deviceW + clockW + leakageW + dramW : statedW;
    }
}
