package io.sparcade.model.arch;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Off-chip memory standards with their datasheet per-channel peak bandwidth, so an architecture names its
 * memory by technology and channel count and the model converts bandwidth to bytes per accelerator cycle
 * (memory runs in its own clock domain: {@code clock_mhz} never changes GB/s). A channel is the unit the
 * standard's bandwidth is quoted per: a 64-bit DIMM channel (DDR4), a 64-bit pseudo-channel (HBM2/HBM2e), a
 * 16-bit channel (LPDDR4/5), a 16-bit channel (GDDR6). Energy per byte is not here: the energy table prices
 * each technology's {@code dram_byte_<id>} action, with its source.
 */
public enum DramTechnology {
    /** JEDEC DDR4-2400: 2400 MT/s x 8 B = 19.2 GB/s per 64-bit channel (JESD79-4 speed bin arithmetic). */
    DDR4_2400("ddr4-2400", 19.2, 80, 64, "JESD79-4 DDR4-2400: 2400 MT/s x 64 bit"),
    /** JEDEC DDR4-3200: 3200 MT/s x 8 B = 25.6 GB/s per 64-bit channel. */
    DDR4_3200("ddr4-3200", 25.6, 80, 64, "JESD79-4 DDR4-3200: 3200 MT/s x 64 bit"),
    /** HBM2 at 2.0 Gb/s per pin: 16 GB/s per 64-bit pseudo-channel (JESD235; FGDRAM, MICRO 2017, Table 2). */
    HBM2("hbm2", 16.0, 110, 32, "JESD235 HBM2 at 2.0 Gb/s/pin: 64-bit pseudo-channel"),
    /** HBM2e at 3.2 Gb/s per pin: 25.6 GB/s per 64-bit pseudo-channel (AMD DS960, Versal HBM line rate 3200 Mb/s). */
    HBM2E("hbm2e", 25.6, 110, 32, "AMD DS960 Versal HBM2e 3200 Mb/s: 64-bit pseudo-channel"),
    /** LPDDR4-4266: 4266 MT/s x 2 B = 8.5 GB/s per 16-bit channel (JESD209-4). */
    LPDDR4("lpddr4", 8.53, 100, 32, "JESD209-4 LPDDR4-4266: 16-bit channel"),
    /** LPDDR5-6400: 6400 MT/s x 2 B = 12.8 GB/s per 16-bit channel (JESD209-5). */
    LPDDR5("lpddr5", 12.8, 100, 32, "JESD209-5 LPDDR5-6400: 16-bit channel"),
    /** GDDR6 at 16 Gb/s per pin: 32 GB/s per 16-bit channel (JESD250). */
    GDDR6("gddr6", 32.0, 90, 32, "JESD250 GDDR6 at 16 Gb/s/pin: 16-bit channel"),
    /**
     * A memory described only by its bandwidth ({@code gb_per_s_per_channel} required), priced as generic DRAM
     * (e.g. a SCALE-Sim configuration's interface).
     */
    GENERIC("generic", 0, 0, 64, "no standard: bandwidth and latency as given");

    private final String id;
    private final double gbPerSecPerChannel;
    private final double latencyNs;
    private final int burstBytes;
    private final String source;

    /**
     * @param latencyNs idle read latency seen by an accelerator on an FPGA/ASIC memory controller, ns. Estimate:
     *                  DRAM core tRCD + CL is 25-30 ns, the controller and PHY add 40-100 ns (Shuhai, FCCM 2020,
     *                  measured ~100+ ns page-hit latency on U280 HBM); plausible range 50-200 ns.
     * @param burstBytes bytes of one burst, the smallest transfer a channel makes: channel width x burst length.
     *                  DDR4: 64 bit x BL8 = 64 B (JESD79-4); HBM2/HBM2e pseudo-channel: 64 bit x BL4 = 32 B
     *                  (JESD235); LPDDR4/LPDDR5: 16 bit x BL16 = 32 B (JESD209-4/-5); GDDR6: 16 bit x BL16 = 32 B
     *                  (JESD250); generic: 64 B, an estimate (a cache line)
     */
    DramTechnology(String id, double gbPerSecPerChannel, double latencyNs, int burstBytes, String source) {
        this.id = id;
        this.gbPerSecPerChannel = gbPerSecPerChannel;
        this.latencyNs = latencyNs;
        this.burstBytes = burstBytes;
        this.source = source;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Datasheet peak GB/s per channel (10^9 bytes per second); 0 for {@link #GENERIC}. */
    public double gbPerSecPerChannel() {
        return gbPerSecPerChannel;
    }

    /** Default idle latency, ns (an estimate, see the constructor). */
    public double latencyNs() {
        return latencyNs;
    }

    /** Bytes of one burst (channel width x burst length, see the constructor). */
    public int burstBytes() {
        return burstBytes;
    }

    public String source() {
        return source;
    }

    public static DramTechnology of(String id) {
        for (DramTechnology t : values()) {
            if (t.id.equalsIgnoreCase(id)) {
                return t;
            }
        }
        return null;
    }

    /** The ids, for messages. */
    public static String ids() {
        return String.join(", ", java.util.Arrays.stream(values()).map(DramTechnology::id).toList());
    }
}
