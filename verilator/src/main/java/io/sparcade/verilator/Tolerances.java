package io.sparcade.verilator;

import io.sparcade.model.block.BlockKind;

/**
 * Tolerances between the RTL and Sparcade's models.
 *
 * <p>Blocks: |RTL cycles - model cycles| per query; all three are exact (0): N:M array T + R + C - 2 with
 * T the steps of the one multiplier per PE; DSP chain ceil(ceil(rows/PF)/segments) + L; top-k sum of
 * ceil(|seq|/P) + 3 per round plus ceil(len/P).
 *
 * <p>Layers ({@code cosim --arch --workload}): compute cycles exactly; total cycles and DRAM bytes within the
 * percentages below, of the RTL's count.
 */
public final class Tolerances {
    /** Compute cycles of a layer: exact. */
    public static final double LAYER_COMPUTE_PCT = 0;
    /** Total cycles of a layer, percent of the RTL's. */
    public static final double LAYER_CYCLES_PCT = 1.0;
    /** DRAM bytes of a layer, percent of the RTL's. */
    public static final double LAYER_DRAM_BYTES_PCT = 0;

    private Tolerances() {
    }

    public static long cycles(BlockKind kind) {
        return switch (kind) {
            case NM_ARRAY -> 0;
            case TOPK -> 0;
            case DSP_CHAIN -> 0;
        };
    }

    /** Whether {@code model} is within {@code pct} percent of {@code rtl}. */
    public static boolean layerWithin(long model, long rtl, double pct) {
        return Math.abs(model - rtl) <= pct / 100.0 * Math.abs(rtl);
    }
}
