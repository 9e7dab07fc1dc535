package io.sparcade.hwsim.memory;

/**
 * Overlaps the memory transfer of tile i+1 with the compute of tile i when the buffer is double buffered
 * (the slower one bounds each step); otherwise every tile loads, then computes. Cycles the compute unit
 * waits for memory are the stall cycles.
 */
public final class TilePipeline {
    private final boolean doubleBuffered;
    private long total;
    private long pendingCompute = -1;
    private long computeSum;
    private long memorySum;

    public TilePipeline(boolean doubleBuffered) {
        this.doubleBuffered = doubleBuffered;
    }

    /** Adds the next tile: its transfer cycles and compute cycles. */
    public void add(long memoryCycles, long computeCycles) {
        memorySum += memoryCycles;
        computeSum += computeCycles;
        if (!doubleBuffered) {
            total += memoryCycles + computeCycles;
            return;
        }
        total += pendingCompute < 0 ? memoryCycles : Math.max(memoryCycles, pendingCompute);
        pendingCompute = computeCycles;
    }

    /** Adds {@code count} identical tiles. */
    public void add(long memoryCycles, long computeCycles, long count) {
        if (count <= 0) {
            return;
        }
        add(memoryCycles, computeCycles);
        long rest = count - 1;
        if (rest > 0) {
            memorySum += memoryCycles * rest;
            computeSum += computeCycles * rest;
            total += doubleBuffered ? Math.max(memoryCycles, computeCycles) * rest : (memoryCycles + computeCycles) * rest;
        }
    }

    /** Total cycles from the first transfer to the end of the last compute. */
    public long total() {
        return doubleBuffered && pendingCompute >= 0 ? total + pendingCompute : total;
    }

    public long computeCycles() {
        return computeSum;
    }

    public long memoryCycles() {
        return memorySum;
    }

    public long stallCycles() {
        return total() - computeSum;
    }
}
