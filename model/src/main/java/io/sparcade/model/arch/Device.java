package io.sparcade.model.arch;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * FPGA devices an architecture can be built on: the resources they offer, their static power and the power
 * the board may draw. Static power depends on process, voltage and junction temperature, not on utilisation
 * (AMD UG1556, "Device Static Power"); each number names its source or says estimate, with its range.
 */
public enum Device {
    /**
     * Alveo U280 (XCU280, 16 nm UltraScale+ with 2 HBM2 stacks). Resources: AMD DS963 (Alveo U280 data sheet):
     * 1,304K LUTs, 9,024 DSP48E2, 2,016 BRAM36, 960 URAM288; maximum total card power 225 W (DS963). Static
     * 3.6 W: a Vivado 2020.2 report_power of a routed xcu280-2L design at Tj 34 °C (secondary source, see
     * README energy section); plausible range 3-12 W over Tj 25-100 °C.
     */
    XCU280("xcu280", "Alveo U280 (XCU280)", "fpga-16nm", 1_304_000, 9_024, 2_016, 960, 3.6, 3, 12, 225),
    /**
     * VCU1525 (XCVU9P, 16 nm UltraScale+). Resources: AMD DS923 (Virtex UltraScale+ data sheet): 1,182K LUTs,
     * 6,840 DSP48E2, 2,160 BRAM36, 960 URAM288. Static: estimate 3.5 W, the same 16 nm 3-SLR class as XCU280
     * without HBM (range 3-12 W). Board power limit: estimate 225 W, a PCIe x16 card with auxiliary power like
     * the Alveo cards.
     */
    XCVU9P("xcvu9p", "VCU1525 (XCVU9P)", "fpga-16nm", 1_182_000, 6_840, 2_160, 960, 3.5, 3, 12, 225),
    /**
     * VHK158 (XCVH1582, 7 nm Versal HBM). Resource counts are not stated here (not verified against a data
     * sheet: 0 = unknown, no limit checked). Static: estimate 8 W (larger 7 nm die with HBM2e; range 4-15 W),
     * no public number found. Board power: unknown (0 = not checked).
     */
    XCVH1582("xcvh1582", "VHK158 (XCVH1582)", "fpga-7nm", 0, 0, 0, 0, 8, 4, 15, 0);

    private final String id;
    private final String description;
    private final String energyFamily;
    private final long luts;
    private final long dsp48;
    private final long bram36;
    private final long uram288;
    private final double staticW;
    private final double staticLowW;
    private final double staticHighW;
    private final double maxPowerW;

    Device(String id, String description, String energyFamily, long luts, long dsp48, long bram36, long uram288,
           double staticW, double staticLowW, double staticHighW, double maxPowerW) {
        this.id = id;
        this.description = description;
        this.energyFamily = energyFamily;
        this.luts = luts;
        this.dsp48 = dsp48;
        this.bram36 = bram36;
        this.uram288 = uram288;
        this.staticW = staticW;
        this.staticLowW = staticLowW;
        this.staticHighW = staticHighW;
        this.maxPowerW = maxPowerW;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Which energy table prices this device's actions by default (e.g. {@code fpga-16nm}). */
    public String energyFamily() {
        return energyFamily;
    }

    /** LUTs, DSP48s, BRAM36s and URAM288s the device offers (0 = not known). */
    public long luts() {
        return luts;
    }

    public long dsp48() {
        return dsp48;
    }

    public long bram36() {
        return bram36;
    }

    public long uram288() {
        return uram288;
    }

    /** Device static power, W, at a typical junction temperature. */
    public double staticW() {
        return staticW;
    }

    /** The plausible range of the static power, W. */
    public double staticLowW() {
        return staticLowW;
    }

    public double staticHighW() {
        return staticHighW;
    }

    /** The most power the device's board may draw, W (0 = not known: not checked). */
    public double maxPowerW() {
        return maxPowerW;
    }

    public static Device of(String id) {
        for (Device d : values()) {
            if (d.id.equalsIgnoreCase(id)) {
                return d;
            }
        }
        return null;
    }
}
