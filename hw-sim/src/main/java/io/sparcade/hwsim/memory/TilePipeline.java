package io.sparcade.hwsim.memory;

import java.util.Arrays;

/**
 * The timeline of a node's tile program on a decoupled access/execute engine, cycle by cycle as the RTL layer
 * engines run it (sc_eng_ctrl.sv, sc_dma.sv, sc_dram_model.sv), but computed per transfer and per tile.
 *
 * <p>Transfers (loads and stores) go through one DMA in program order: a transfer is requested once the tile
 * it waits for has retired (the tile that last used the buffer half it overwrites, or that produced the sums
 * it stores), at most one request per cycle and at most {@link #QUEUE} outstanding; the request reaches the
 * DRAM one cycle later ({@link #REQUEST_CYCLES}); a load's data may start after the DRAM latency, a store's
 * (posted) right away; data moves in request order, each transfer taking {@link DramModel#cycles} of the
 * channel. Tiles compute in order: a tile starts when the unit is free and the loads (and the store of the
 * accumulators it will overwrite) it waits for have finished, one cycle after they have when the unit is
 * idle ({@link #START_CYCLES}); it retires {@code tail} cycles after its last compute cycle (its last sums
 * reach the accumulator buffer), and not before the tile before it. The node ends {@link #DONE_CYCLES} after the first cycle in which the DMA is
 * idle and every tile has retired. Times are cycles from the node's start.
 */
public final class TilePipeline {
    /** Transfers the DMA keeps outstanding (sc_dma.sv Q). */
    public static final int QUEUE = 4;
    /** Cycles from a DMA request to the DRAM seeing it (the request register). */
    public static final int REQUEST_CYCLES = 1;
    /** Cycles from a compute instruction's wait being met to its first compute cycle when the unit is idle. */
    public static final int START_CYCLES = 1;
    /** Cycles from the last activity to the done flag. */
    public static final int DONE_CYCLES = 1;

    private final DramModel dram;
    private final long latency;
    private long lastIssue = -1;
    private long channelFree;
    private final long[] queueEnds = new long[QUEUE];
    private int transfers;
    private long[] tileRetired = new long[16];
    private int tiles;
    private long[] loadEnd = new long[16];
    private int loads;
    private long[] storeEnd = new long[16];
    private int stores;
    private long unitFree;
    private long idle;
    private long computeSum;
    private long memorySum;

    /** @param latency DRAM read latency, cycles (from the request reaching the DRAM to its first data) */
    public TilePipeline(DramModel dram, long latency) {
        this.dram = dram;
        this.latency = latency;
    }

    /** A load of {@code bytes} that waits for {@code waitTiles} tiles to have retired; returns its end. */
    public long load(long bytes, long waitTiles) {
        long end = transfer(bytes, waitTiles, latency);
        if (loads == loadEnd.length) {
            loadEnd = Arrays.copyOf(loadEnd, loads * 2);
        }
        loadEnd[loads++] = end;
        return end;
    }

    /** A store of {@code bytes} that waits for {@code waitTiles} tiles to have retired; returns its end. */
    public long store(long bytes, long waitTiles) {
        long end = transfer(bytes, waitTiles, 0);
        if (stores == storeEnd.length) {
            storeEnd = Arrays.copyOf(storeEnd, stores * 2);
        }
        storeEnd[stores++] = end;
        return end;
    }

    private long transfer(long bytes, long waitTiles, long latency) {
        long issue = Math.max(lastIssue + 1, waitTiles > 0 ? tileRetired[(int) waitTiles - 1] : 0);
        if (transfers >= QUEUE) {
            issue = Math.max(issue, queueEnds[transfers % QUEUE]);
        }
        long n = dram.cycles(bytes);
        long start = Math.max(issue + REQUEST_CYCLES + latency, channelFree);
        long end = start + Math.max(1, n);
        lastIssue = issue;
        channelFree = end;
        queueEnds[transfers % QUEUE] = end;
        transfers++;
        memorySum += Math.max(1, n);
        idle = Math.max(idle, end);
        return end;
    }

    /**
     * A tile of {@code cycles} compute cycles that waits for {@code waitLoads} loads and {@code waitStores}
     * stores to have finished and retires {@code tail} cycles after its last compute cycle.
     */
    public void compute(long cycles, long waitLoads, long waitStores, long tail) {
        long visible = 0;
        if (waitLoads > 0) {
            visible = Math.max(visible, loadEnd[(int) waitLoads - 1]);
        }
        if (waitStores > 0) {
            visible = Math.max(visible, storeEnd[(int) waitStores - 1]);
        }
        long start = Math.max(unitFree, visible + START_CYCLES);
        unitFree = start + cycles;
        if (tiles == tileRetired.length) {
            tileRetired = Arrays.copyOf(tileRetired, tiles * 2);
        }
        // tiles retire in order (the engines count retired tiles)
        long retired = Math.max(unitFree + tail, tiles > 0 ? tileRetired[tiles - 1] : 0);
        tileRetired[tiles++] = retired;
        idle = Math.max(idle, retired);
        computeSum += cycles;
    }

    /** Cycles from the node's start to its done flag. */
    public long total() {
        return idle + DONE_CYCLES;
    }

    public long computeCycles() {
        return computeSum;
    }

    /** Cycles the DRAM channel was busy with this node's transfers. */
    public long memoryCycles() {
        return memorySum;
    }

    public long stallCycles() {
        return total() - computeSum;
    }

    public int tiles() {
        return tiles;
    }
}
