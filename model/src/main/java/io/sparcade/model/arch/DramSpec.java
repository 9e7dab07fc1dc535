package io.sparcade.model.arch;

import io.sparcade.model.Checks;

/**
 * Off-chip memory (DDR or HBM): {@code channels} channels of {@code bytesPerCyclePerChannel} bytes per
 * accelerator clock cycle each, of which a fraction {@code efficiency} is achieved on streaming access.
 *
 * @param channels                number of channels in use
 * @param bytesPerCyclePerChannel peak bytes per accelerator cycle per channel
 * @param efficiency              achieved fraction of peak, in (0, 1]
 */
public record DramSpec(int channels, double bytesPerCyclePerChannel, double efficiency) implements UnitSpec {
    public static final String TYPE = "dram";

    public DramSpec {
        Checks.positive(channels, "channels");
        Checks.positive(bytesPerCyclePerChannel, "bytes_per_cycle_per_channel");
        if (efficiency == 0) {
            efficiency = 1.0;
        }
        Checks.fraction(efficiency, "efficiency");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Achieved bytes per accelerator cycle over all channels. */
    public double effectiveBytesPerCycle() {
        return channels * bytesPerCyclePerChannel * efficiency;
    }
}
