package io.sparcade.model.arch;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;

/**
 * Off-chip memory (DDR, HBM, LPDDR, GDDR), in its own clock domain: {@code channels} channels of a named
 * {@link DramTechnology}, each at the standard's peak GB/s (or {@code gbPerSecPerChannel} when the part runs at
 * another rate, e.g. the U280's HBM2 at 14.375 GB/s per pseudo-channel), of which a fraction
 * {@code efficiency} is achieved on streaming access. The model converts GB/s to bytes per accelerator cycle
 * with the architecture's clock, so a faster accelerator clock never makes memory faster.
 *
 * @param technology         the memory standard
 * @param channels           channels in use
 * @param gbPerSecPerChannel   peak GB/s per channel (10^9 B/s); 0 = the technology's datasheet value
 * @param efficiency         achieved fraction of peak on streaming access, in (0, 1]; 0 = 0.85 (estimate:
 *                           Shuhai, FCCM 2020, measured 425 of 460 GB/s on U280 HBM with the best pattern,
 *                           0.92; mixed access 0.65-0.85)
 * @param latencyNs          idle read latency, ns, paid once per node before its first data arrives; 0 = the
 *                           technology's default (an estimate)
 * @param sized              the bandwidth is whatever compute needs, so memory never stalls it (SCALE-Sim's
 *                           {@code InterfaceBandwidth: CALC}); the run reports the bandwidth it implied. No GB/s is
 *                           given then (stored as 0)
 */
public record DramSpec(DramTechnology technology, int channels,
                       @JsonProperty("gb_per_s_per_channel") double gbPerSecPerChannel, double efficiency,
                       double latencyNs, Boolean sized) implements UnitSpec {
    public static final String TYPE = "dram";
    /** Default streaming efficiency (estimate, see {@link #efficiency}). */
    public static final double DEFAULT_EFFICIENCY = 0.85;

    public DramSpec(DramTechnology technology, int channels, double gbPerSecPerChannel, double efficiency,
                    double latencyNs) {
        this(technology, channels, gbPerSecPerChannel, efficiency, latencyNs, null);
    }

    public DramSpec {
        if (technology == null) {
            throw new SpecException("technology", "missing: one of " + DramTechnology.ids()
                    + " (memory bandwidth is given per technology in GB/s, never per accelerator cycle)");
        }
        Checks.positive(channels, "channels");
        Checks.nonNegative(gbPerSecPerChannel, "gb_per_s_per_channel");
        sized = Boolean.TRUE.equals(sized) ? Boolean.TRUE : null;
        if (sized != null) {
            if (gbPerSecPerChannel != 0) {
                throw new SpecException("gb_per_s_per_channel", "a sized memory has the bandwidth compute needs: "
                        + "give no GB/s (or drop sized)");
            }
        } else if (gbPerSecPerChannel == 0) {
            if (technology == DramTechnology.GENERIC) {
                throw new SpecException("gb_per_s_per_channel", "required for technology generic");
            }
            gbPerSecPerChannel = technology.gbPerSecPerChannel();
        }
        if (efficiency == 0) {
            efficiency = DEFAULT_EFFICIENCY;
        }
        Checks.fraction(efficiency, "efficiency");
        Checks.nonNegative(latencyNs, "latency_ns");
        if (latencyNs == 0) {
            latencyNs = technology.latencyNs();
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Whether the bandwidth is sized to what compute needs (never a bottleneck). */
    public boolean sizedBandwidth() {
        return sized != null;
    }

    /** Peak bandwidth over all channels, GB/s (infinite for a sized memory). */
    public double peakGbPerSec() {
        return sized != null ? Double.POSITIVE_INFINITY : channels * gbPerSecPerChannel;
    }

    /** Achieved bandwidth on streaming access, GB/s. */
    public double effectiveGbPerSec() {
        return peakGbPerSec() * efficiency;
    }

    /** Peak bytes per cycle of an accelerator clocked at {@code clockMhz}. */
    public double peakBytesPerCycle(double clockMhz) {
        return peakGbPerSec() * 1e3 / clockMhz;
    }

    /** Achieved bytes per cycle of an accelerator clocked at {@code clockMhz}. */
    public double effectiveBytesPerCycle(double clockMhz) {
        return effectiveGbPerSec() * 1e3 / clockMhz;
    }
}
