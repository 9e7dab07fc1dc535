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
    private long transfers;
    private long tiles;
    private long loads;
    private long stores;
    /** The last tile's retirement (-1 before any tile). */
    private long lastRetired = -1;
    /**
     * Per-index ends, kept only for the index-based calls ({@link #load}, {@link #store}, {@link #compute});
     * allocated by the first of them.
     */
    private long[] tileRetired;
    private long[] loadEnd;
    private long[] storeEnd;
    /** Whether the index-based ends are complete (no time-based call or skip has happened). */
    private boolean indexed = true;
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
        checkIndexed();
        long end = transfer(bytes, waitTiles > 0 ? tileRetired[(int) waitTiles - 1] : 0, latency);
        loadEnd = put(loadEnd, loads, end);
        loads++;
        return end;
    }

    /** A store of {@code bytes} that waits for {@code waitTiles} tiles to have retired; returns its end. */
    public long store(long bytes, long waitTiles) {
        checkIndexed();
        long end = transfer(bytes, waitTiles > 0 ? tileRetired[(int) waitTiles - 1] : 0, 0);
        storeEnd = put(storeEnd, stores, end);
        stores++;
        return end;
    }

    /**
     * A tile of {@code cycles} compute cycles that waits for {@code waitLoads} loads and {@code waitStores}
     * stores to have finished and retires {@code tail} cycles after its last compute cycle.
     */
    public void compute(long cycles, long waitLoads, long waitStores, long tail) {
        checkIndexed();
        long visible = 0;
        if (waitLoads > 0) {
            visible = Math.max(visible, loadEnd[(int) waitLoads - 1]);
        }
        if (waitStores > 0) {
            visible = Math.max(visible, storeEnd[(int) waitStores - 1]);
        }
        long retired = computeAfter(cycles, visible, tail);
        tileRetired = put(tileRetired, tiles - 1, retired);
    }

    /**
     * A load of {@code bytes} whose buffer half is free at {@code ready} (the retirement of the tile that last used
     * it; 0: free from the start); returns its end. The same timing as {@link #load}, with the wait given as a
     * time: a walk that keeps the times it waits for needs no per-tile record.
     */
    long loadAfter(long bytes, long ready) {
        indexed = false;
        loads++;
        return transfer(bytes, ready, latency);
    }

    /** A store whose tile retired at {@code ready}; returns its end ({@link #store} with the wait as a time). */
    long storeAfter(long bytes, long ready) {
        indexed = false;
        stores++;
        return transfer(bytes, ready, 0);
    }

    /**
     * A tile whose loads and stores waited for are visible at {@code visible} (the latest of their ends; 0: none);
     * returns its retirement ({@link #compute} with the waits as a time).
     */
    long computeAt(long cycles, long visible, long tail) {
        indexed = false;
        return computeAfter(cycles, visible, tail);
    }

    private void checkIndexed() {
        if (!indexed) {
            throw new IllegalStateException("an index-based wait on a timeline walked by time");
        }
    }

    private static long[] put(long[] a, long index, long value) {
        int i = Math.toIntExact(index);
        if (a == null) {
            a = new long[Math.max(16, i + 1)];
        } else if (i >= a.length) {
            a = Arrays.copyOf(a, Math.max(i + 1, a.length * 2));
        }
        a[i] = value;
        return a;
    }

    private long transfer(long bytes, long ready, long latency) {
        long issue = Math.max(lastIssue + 1, ready);
        if (transfers >= QUEUE) {
            issue = Math.max(issue, queueEnds[(int) (transfers % QUEUE)]);
        }
        long n = dram.cycles(bytes);
        long start = Math.max(issue + REQUEST_CYCLES + latency, channelFree);
        long end = start + Math.max(1, n);
        lastIssue = issue;
        channelFree = end;
        queueEnds[(int) (transfers % QUEUE)] = end;
        transfers++;
        memorySum += Math.max(1, n);
        idle = Math.max(idle, end);
        return end;
    }

    private long computeAfter(long cycles, long visible, long tail) {
        long start = Math.max(unitFree, visible + START_CYCLES);
        unitFree = start + cycles;
        // tiles retire in order (the engines count retired tiles)
        long retired = Math.max(unitFree + tail, lastRetired >= 0 ? lastRetired : 0);
        tiles++;
        lastRetired = retired;
        idle = Math.max(idle, retired);
        computeSum += cycles;
        return retired;
    }

    // --- steady-state skipping (PeriodicTileWalk): the timeline's state relative to its last retired tile ---

    /** Time every relative time of {@link #state} is taken from: the last tile's retirement; -1 before any tile. */
    long base() {
        return tiles > 0 ? lastRetired : -1;
    }

    /**
     * Whether the timeline can be shifted in time: every queue slot is in use (so the queue's wait is a real
     * transfer's end, not the absolute 0 of an empty slot) and the unit has run (a tile waiting for nothing starts
     * at the unit's free time, not at cycle 1).
     */
    boolean shiftable() {
        return transfers >= QUEUE && unitFree >= 1 && tiles > 0;
    }

    /**
     * The timeline's own state relative to {@link #base}: last issue, channel, the queue's slots oldest first,
     * the unit's free time and the last activity. Two timelines with equal states (and equal times the walk waits
     * for, relative to their bases) go on identically, shifted by the difference of their bases, when fed the
     * same program.
     */
    void state(LongList key) {
        long b = base();
        key.add(lastIssue - b);
        key.add(channelFree - b);
        for (int q = 0; q < QUEUE; q++) {
            key.add(queueEnds[(int) ((transfers + q) % QUEUE)] - b);
        }
        key.add(unitFree - b);
        key.add(idle - b);
    }

    long lastIssue() {
        return lastIssue;
    }

    long unitFree() {
        return unitFree;
    }

    long transfers() {
        return transfers;
    }

    /**
     * Skips ahead: {@code tiles}, {@code loads}, {@code stores} and {@code transfers} more of each, every time
     * {@code shift} cycles later, the channel and unit sums grown by {@code compute} and {@code memory}. The
     * caller keeps (and shifts) the times it waits for; the index-based calls are refused from here on.
     */
    void skip(long tiles, long loads, long stores, long transfers, long shift, long compute, long memory) {
        indexed = false;
        long[] queue = new long[QUEUE];
        for (int q = 0; q < QUEUE; q++) {
            queue[q] = queueEnds[(int) ((this.transfers + q) % QUEUE)] + shift;
        }
        this.transfers = Math.addExact(this.transfers, transfers);
        for (int q = 0; q < QUEUE; q++) {
            queueEnds[(int) ((this.transfers + q) % QUEUE)] = queue[q];
        }
        lastIssue += shift;
        channelFree += shift;
        unitFree += shift;
        idle += shift;
        lastRetired += shift;
        computeSum = Math.addExact(computeSum, compute);
        memorySum = Math.addExact(memorySum, memory);
        this.tiles = Math.addExact(this.tiles, tiles);
        this.loads = Math.addExact(this.loads, loads);
        this.stores = Math.addExact(this.stores, stores);
    }

    /** A growable list of longs (a state key). */
    static final class LongList {
        long[] a = new long[32];
        int n;

        void add(long x) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = x;
        }

        void clear() {
            n = 0;
        }

        long[] toArray() {
            return Arrays.copyOf(a, n);
        }
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

    public long tiles() {
        return tiles;
    }
}
