package io.sparcade.rtl;

import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.arch.BufferSpec;

/**
 * The layer engine of an N:M array unit, as the RTL builds it from the architecture: a rows x cols array of
 * the one N:M PE ({@code sc_nm_mac}: one multiplier, an M:1 activation multiplexer with M the largest
 * supported group size, log2(M) index bits, 32-bit partial sums) in the unit's dataflow, its A, B and C
 * buffers, a DMA on the DRAM port and the tile-program controller.
 *
 * @param rows        PE rows
 * @param cols        PE columns
 * @param dataflow    os, ws or is
 * @param width       operand bits (the unit's precision)
 * @param mux         multiplexer width: the largest supported M, 1 for a dense-only array
 * @param bufferBytes capacity of the unit's buffer; each of the A, B and C memories can hold it whole
 * @param shell       the DRAM port and program sizes
 */
public record ArrayEngineConfig(int rows, int cols, Dataflow dataflow, int width, int mux, long bufferBytes,
                                EngineShell shell) {
    /** Accumulator (partial sum) bits of the PEs and of the C buffer. */
    public static final int ACC_BITS = 32;
    /** Largest array the generator builds. */
    public static final int MAX_DIM = 128;

    public ArrayEngineConfig {
        if (rows < 1 || rows > MAX_DIM || cols < 1 || cols > MAX_DIM) {
            throw new SpecException("rows", "the RTL array engine is built up to " + MAX_DIM + "x" + MAX_DIM + ", got "
                    + rows + "x" + cols);
        }
        if (width < 2 || width > 16) {
            throw new SpecException("precision_bits", "the RTL array engine takes 2..16-bit operands, got " + width);
        }
        if (mux < 1 || mux > 16 || Integer.bitCount(mux) != 1) {
            throw new SpecException("supported_m", "the RTL multiplexer takes M up to 16, got " + mux);
        }
        if (bufferBytes < 64 || bufferBytes > (64L << 20)) {
            throw new SpecException("capacity_kib", "the RTL engine's buffers are built from 64 B to 64 MiB, got "
                    + bufferBytes + " B");
        }
    }

    /** Smallest buffer memory the generator builds (smaller buffers share its build). */
    public static final long MIN_MEMORY_BYTES = 16 << 10;

    /**
     * The engine of an array unit. Its A, B and C memories are built for the buffer's capacity rounded up to a
     * power of two, at least {@link #MIN_MEMORY_BYTES} (so buffers of similar size share one build); the tile
     * program, sized by the scheduler against the capacity itself, never uses more.
     */
    public static ArrayEngineConfig of(NmArraySpec a, BufferSpec buffer, EngineShell shell) {
        int mux = a.supportedM().stream().mapToInt(Integer::intValue).max().orElse(1);
        long bytes = Math.max(MIN_MEMORY_BYTES, Long.highestOneBit(Math.max(1, buffer.capacityBytes() - 1)) << 1);
        return new ArrayEngineConfig(a.rows(), a.cols(), a.dataflow(), a.precisionBits(), mux, bytes, shell);
    }

    public int indexBits() {
        return RtlGenerators.clog2(mux);
    }

    /** Bits of a B buffer word: a weight and its index. */
    public int weightBits() {
        return width + indexBits();
    }

    /** Words of the A (activation) buffer. */
    public long aDepth() {
        return bufferBytes * 8 / width;
    }

    /** Words of the B (weight + index) buffer. */
    public long bDepth() {
        return bufferBytes * 8 / weightBits();
    }

    /** Words of the C (32-bit accumulator) buffer. */
    public long cDepth() {
        return bufferBytes * 8 / ACC_BITS;
    }

    public String label() {
        return "nm-array-engine_" + rows + "x" + cols + "_" + dataflow.id() + "_w" + width + "_m" + mux + "_buf"
                + bufferBytes + "_lanes" + shell.lanes() + "_prog" + shell.programDepth();
    }
}
