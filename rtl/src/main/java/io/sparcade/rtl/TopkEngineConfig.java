package io.sparcade.rtl;

import io.sparcade.model.SpecException;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.TopkAlgorithm;
import io.sparcade.model.arch.TopkEngineSpec;

/**
 * The layer engine of a quick-select top-k unit: sc_topk_core with {@code lanes} comparator lanes over rows of
 * scores held in the A buffer, its hi and lo compaction buffers of {@link #rowCapacity()} scores each, the C
 * buffer for the indices, the DMA and the tile-program controller.
 *
 * @param lanes       elements per cycle through the comparators (P)
 * @param width       score bits
 * @param bufferBytes buffer memory built (A and C each hold it whole)
 * @param shell       the DRAM port and program sizes
 */
public record TopkEngineConfig(int lanes, int width, long bufferBytes, EngineShell shell) {
    public TopkEngineConfig {
        if (lanes < 1 || lanes > 64) {
            throw new SpecException("lanes", "the RTL top-k engine is built with 1..64 lanes, got " + lanes);
        }
        if (width < 2 || width > 31) {
            throw new SpecException("precision_bits", "the RTL top-k engine takes 2..31-bit scores, got " + width);
        }
    }

    public static TopkEngineConfig of(TopkEngineSpec t, BufferSpec buffer, EngineShell shell) {
        if (t.algorithm() != TopkAlgorithm.QUICK_SELECT) {
            throw new SpecException("algorithm", "the RTL top-k engine is quick-select, not " + t.algorithm());
        }
        long bytes = Math.max(ArrayEngineConfig.MIN_MEMORY_BYTES, Long.highestOneBit(Math.max(1, buffer.capacityBytes() - 1)) << 1);
        return new TopkEngineConfig(t.lanes(), t.precisionBits(), bytes, shell);
    }

    /** Words of the A (score) buffer. */
    public long aDepth() {
        return bufferBytes * 8 / width;
    }

    /** Words of the C (index) buffer. */
    public long cDepth() {
        return bufferBytes / 4;
    }

    /** Longest row: the compaction buffers hold half the score buffer's words (a power of two). */
    public long rowCapacity() {
        return Long.highestOneBit(aDepth() / 2);
    }

    public String label() {
        return "topk-engine_p" + lanes + "_w" + width + "_buf" + bufferBytes + "_lanes" + shell.lanes() + "_prog"
                + shell.programDepth();
    }
}
