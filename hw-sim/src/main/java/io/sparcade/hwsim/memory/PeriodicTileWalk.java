package io.sparcade.hwsim.memory;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OnChip;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.Tile;
import io.sparcade.scheduler.Tiler;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;

/**
 * The {@link TileWalk} of a GEMM without a sparsity-method overlay (plain, or under a causal mask), skipping the
 * repeats of its steady state: same program, same totals, bit for bit, in time that grows with the number of
 * distinct tile classes rather than the number of tiles.
 *
 * <p>The timeline ({@link TilePipeline}) is built from maxima and sums of times, so shifting every time of its state
 * by {@code d} shifts everything that follows by {@code d}. At the start of each batch, outer, inner and k step of
 * the loop nest the walk takes the timeline's state relative to the last retired tile: its own registers (last
 * issue, channel, DMA queue slots, unit, last activity), the times the buffer halves are freed, the pending stores,
 * the last load's end and the store ends that later tiles may wait for (each as a time relative to that tile), and
 * the halves' parity. A time that can no longer matter (a wait already met by a time that only grows: a buffer half
 * freed before the DMA's last issue, a load or store ended before the unit is free) is recorded as met. When the
 * state at the start of a step equals the state at the start of a step p (1..4) steps earlier, and those p steps
 * and the following ones are of one class (the same program: tile sizes, the stationary operand loaded, under a
 * causal mask the same tiles kept), the earlier steps mapped the state onto itself shifted by {@code d} cycles, so
 * every following step of that class does the same: the walk advances the counters and sums by whole periods and
 * shifts the timeline and the times it keeps by {@code d} per period. The walk keeps those times itself, so it
 * holds no per-tile record and its memory does not grow with the tile count.
 *
 * <p>Under a causal mask the tiles the mask removes are no-ops (as in {@link TileWalk}); the kept output tiles of a
 * row (or column) tile form one interval, and the kept k tiles of an output tile another, so every level skips
 * within its kept interval: the k tiles strictly between an output tile's first and last, the output tiles of a
 * row tile, and row (column) tiles whose kept intervals have the same shape (a sliding window's rows far from the
 * start). Without a window every row tile of a causal mask keeps a different count, so row tiles are walked one by
 * one, each in time logarithmic in its length. A walk that would still go tile by tile through more than
 * {@link #MAX_WALKED} tiles is refused ({@link TooLong}). A sparsity-method overlay goes to {@link TileWalk#walk},
 * which stays the reference this walk is tested against.
 */
public final class PeriodicTileWalk {
    private static final long UNUSED = Long.MIN_VALUE;
    private static final long MET = Long.MIN_VALUE + 1;
    /** Metadata bytes are summed as doubles in multiples of 1/8: exact, and so skippable, below 2^49. */
    private static final double EXACT_METADATA = 0x1p49;

    /**
     * The most tiles one walk goes through one by one: 2^22 = 4,194,304, about a second of walking (the largest
     * plain node of the presets walks a few thousand). The tile-by-tile reference is refused at the same count of
     * tiles in all.
     */
    public static final long MAX_WALKED = 1L << 22;

    /** Tiles walked one by one (not skipped) over every walk, for tests that check the skipping happens. */
    static final java.util.concurrent.atomic.AtomicLong walkedTiles = new java.util.concurrent.atomic.AtomicLong();

    /** Walks of at most this many tiles compare no states: too short for a steady state to pay for looking. */
    private static final double SMALL = 32;

    /** A walk refused: it would go through more than {@link #MAX_WALKED} tiles one by one. */
    public static final class TooLong extends RuntimeException {
        public TooLong(String message) {
            super(message);
        }
    }

    private PeriodicTileWalk() {
    }

    /** Tiles of the walk's loop nest, masked ones included. */
    public static double nominalTiles(GemmWork w, boolean sparseMode, Tile tile) {
        long[] d = Tiler.dims(w, sparseMode);
        return (double) w.batch() * Math.ceil((double) d[0] / tile.m()) * Math.ceil((double) d[1] / tile.k())
                * Math.ceil((double) d[2] / tile.n());
    }

    /** {@link TileWalk#walk} without a sink: the same totals. */
    public static TileWalk.Totals walk(GemmWork w, boolean sparseMode, Tile tile, LoopOrder order, BufferSpec buffer,
                                       DramModel dram, long latency, OnChip onChip, TileWalk.TileCost unit,
                                       SkipQuantum quantum) {
        double tiles = nominalTiles(w, sparseMode, tile);
        // under a causal mask the k tiles of an output tile start where the mask does: an N:M A tile's dense columns
        // then depend on where that is unless tiles hold whole groups
        boolean unaligned = w.causal() != null && sparseMode && tile.k() % w.nm().n() != 0;
        if (w.overlay() != null || unaligned) {
            if (tiles > MAX_WALKED) {
                throw new TooLong(String.format(Locale.ROOT, "its tile program has %.3g tiles of %dx%dx%d, more than "
                        + "the %,d the tile-by-tile model walks", tiles, tile.m(), tile.k(), tile.n(), MAX_WALKED));
            }
            return TileWalk.walk(w, sparseMode, tile, order, buffer, dram, latency, onChip, unit, null, quantum);
        }
        return new Walker(w, sparseMode, tile, order, buffer, dram, latency, onChip, unit, tiles > SMALL).run();
    }

    /** A store waiting to be issued: the tile it follows, its bytes, that tile's retirement. */
    private record Pending(long last, long bytes, long at) {
    }

    /** A step of a loop that has run: the state before it, its class, whether its stationary tile was loaded. */
    private record Step(Snap before, long[] cls, boolean loaded) {
    }

    /** The walk's state; the per-tile step is {@link TileWalk#walk}'s for a work without overlay, line for line. */
    private static final class Walker {
        /** Steps whose state is kept to look for a period: a period of up to this many steps is found. */
        private static final int PERIODS = 4;
        /** Store ends kept (by store index): tiles wait for the store at most two output tiles back. */
        private static final int STORE_RING = 8;

        private final GemmWork w;
        private final Tile tile;
        private final LoopOrder order;
        private final BufferSpec buffer;
        private final TileWalk.TileCost unit;
        private final int indexBits;
        private final boolean aOnChip;
        private final boolean bOnChip;
        private final boolean cOnChip;
        private final long m;
        private final long k;
        private final long n;
        private final int groupN;
        private final int groupM;
        private final double bBits;
        private final int halves;
        private final TilePipeline pipe;
        private final long tmCount;
        private final long tkCount;
        private final long tnCount;
        private final boolean kSplit;
        private final boolean causal;
        /** Whether states are compared at all (not for a short walk). */
        private final boolean probing;
        private double metadata;
        private long dramBytes;
        private long bufReads;
        private long bufWrites;
        private long issued;
        private boolean portBound;
        /** Per operand (A, B) and buffer half: the retirement of the tile that last used it (-1: none yet). */
        private final long[][] freeAt = {{-1, -1}, {-1, -1}};
        private long aTiles = -1;
        private long bTiles = -1;
        private long cTiles = -1;
        private long loads;
        private long stores;
        private long lastLoadEnd;
        private final long[] storeEnd = new long[STORE_RING];
        private long t;
        private long walked;
        private final ArrayDeque<Pending> pending = new ArrayDeque<>();
        private final TilePipeline.LongList key = new TilePipeline.LongList();
        /** The states kept per loop level (each level's loop runs one at a time). */
        private final ArrayDeque<Step> outerHistory = new ArrayDeque<>();
        private final ArrayDeque<Step> innerHistory = new ArrayDeque<>();
        private final ArrayDeque<Step> kHistory = new ArrayDeque<>();

        Walker(GemmWork w, boolean sparseMode, Tile tile, LoopOrder order, BufferSpec buffer, DramModel dram,
               long latency, OnChip onChip, TileWalk.TileCost unit, boolean probing) {
            this.probing = probing;
            this.w = w;
            this.tile = tile;
            this.order = order;
            this.buffer = buffer;
            this.unit = unit;
            indexBits = sparseMode ? w.nm().indexBits() : 0;
            long[] dims = Tiler.dims(w, sparseMode);
            aOnChip = onChip.input(0);
            bOnChip = !w.bIsWeight() && onChip.input(1);
            cOnChip = onChip.output();
            m = dims[0];
            k = dims[1];
            n = dims[2];
            groupN = sparseMode ? w.nm().n() : 1;
            groupM = sparseMode ? w.nm().m() : 1;
            bBits = w.bBitsFetched() + (sparseMode ? w.nm().indexBits() : 0);
            halves = buffer.doubleBuffered() ? 2 : 1;
            pipe = new TilePipeline(dram, latency);
            tmCount = TileWalk.ceilDiv(m, tile.m());
            tkCount = TileWalk.ceilDiv(k, tile.k());
            tnCount = TileWalk.ceilDiv(n, tile.n());
            kSplit = tkCount > 1;
            causal = w.causal() != null;
        }

        TileWalk.Totals run() {
            ArrayDeque<Step> history = new ArrayDeque<>();
            long[] cls = {0};
            long b = 0;
            while (b < w.batch()) {
                if (!probe(b)) {
                    history.clear();
                    batch(b);
                    b++;
                    continue;
                }
                Snap now = snap();
                long skipped = trySkip(history, now, b, () -> w.batch() - 1, cls, true);
                if (skipped > 0) {
                    b += skipped;
                    continue;
                }
                remember(history, now, cls, true);
                batch(b);
                b++;
            }
            while (!pending.isEmpty()) {
                emitStore(pending.pollFirst());
            }
            walkedTiles.addAndGet(walked);
            return new TileWalk.Totals(pipe, dramBytes, bufReads, bufWrites, new long[] {tmCount, tkCount, tnCount},
                    issued, portBound, Math.round(metadata));
        }

        private long outerCount() {
            return order == LoopOrder.MN ? tmCount : tnCount;
        }

        private long innerCount() {
            return order == LoopOrder.MN ? tnCount : tmCount;
        }

        private long tmOf(long i) {
            return Math.min(tile.m(), m - i * tile.m());
        }

        private long tnOf(long j) {
            return Math.min(tile.n(), n - j * tile.n());
        }

        /** The highest key a row of row tile i may see (none: no mask). */
        private long lastKey(long i) {
            return causal ? w.causal().lastKey(i * tile.m() + tmOf(i)) : Long.MAX_VALUE;
        }

        /** The lowest key a row of row tile i may see. */
        private long firstKey(long i) {
            return causal ? w.causal().firstKey(i * tile.m()) : 0;
        }

        /** Last k tile of row tile i. */
        private long lastL(long i) {
            return w.maskOnK() ? Math.min(tkCount - 1, lastKey(i) / tile.k()) : tkCount - 1;
        }

        /** First k tile of row tile i. */
        private long firstL(long i) {
            return w.maskOnK() ? Math.min(lastL(i), firstKey(i) / tile.k()) : 0;
        }

        private long rowOf(long o, long x) {
            return order == LoopOrder.MN ? o : x;
        }

        private long colOf(long o, long x) {
            return order == LoopOrder.MN ? x : o;
        }

        /**
         * The kept inner steps of outer step o: an interval [first, last] (first &gt; last: none). The mask over n
         * keeps, per row tile, the columns from the one holding its first key to the one holding its last; per
         * column tile, the rows between the ones whose keys reach it: both intervals, found by bisection.
         */
        private long[] innerRange(long o) {
            long count = innerCount();
            if (!w.maskOnN()) {
                return new long[] {0, count - 1};
            }
            // kept(o, x) is false, then true, then false along x: the first kept one is past every x that is
            // "before" the kept interval, the last kept one before every x "after" it
            long first = firstWhere(0, count, x -> !before(o, x));
            long last = firstWhere(first, count, x -> after(o, x)) - 1;
            return new long[] {first, last};
        }

        /** Inner step x of outer step o lies before the kept interval. */
        private boolean before(long o, long x) {
            long i = rowOf(o, x);
            long j = colOf(o, x);
            // MN: columns left of the window's start; NM: rows whose last key is left of the column
            return order == LoopOrder.MN ? j * tile.n() + tnOf(j) <= firstKey(i) : j * tile.n() > lastKey(i);
        }

        /** Inner step x of outer step o lies after the kept interval. */
        private boolean after(long o, long x) {
            long i = rowOf(o, x);
            long j = colOf(o, x);
            return order == LoopOrder.MN ? j * tile.n() > lastKey(i) : j * tile.n() + tnOf(j) <= firstKey(i);
        }

        /** The least x in [lo, hi) with p(x), p monotone (false then true); hi when none. */
        private static long firstWhere(long lo, long hi, java.util.function.LongPredicate p) {
            while (lo < hi) {
                long mid = lo + (hi - lo) / 2;
                if (p.test(mid)) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }

        /**
         * The class of inner step x of outer step o: the program of its output tile is the same for two steps of one
         * class (tile sizes; under a mask over k, its k range's length and whether it ends at an edge tile).
         */
        private long[] innerClass(long o, long x) {
            long i = rowOf(o, x);
            long j = colOf(o, x);
            if (!w.maskOnK()) {
                return new long[] {tmOf(i), tnOf(j)};
            }
            long last = lastL(i);
            return new long[] {tmOf(i), tnOf(j), last - firstL(i), tkOf(last)};
        }

        /** The last inner step from x on (within its kept interval, up to {@code last}) of x's class. */
        private long innerRun(long o, long x, long last, long[] cls) {
            if (!w.maskOnK() || order == LoopOrder.MN) {
                // tile sizes (and, along a row tile, its k range) change only at the matrix's last tile
                return Arrays.equals(innerClass(o, last), cls) ? last : last - 1;
            }
            long y = x;
            while (y < last && Arrays.equals(innerClass(o, y + 1), cls)) {
                y++;
            }
            return y;
        }

        /**
         * The class of outer step o: its inner steps' classes in order, which under a causal mask is the kept
         * interval's length and the classes at its ends (sizes change only at the matrix's last tile; along a row
         * tile every output tile has the row's k range).
         */
        private long[] outerClass(long o) {
            if (!causal) {
                return new long[] {order == LoopOrder.MN ? tmOf(o) : tnOf(o)};
            }
            if (order == LoopOrder.NM && w.maskOnK()) {
                return new long[] {tnOf(o)}; // every column tile runs the same rows with the same k ranges
            }
            long[] r = innerRange(o);
            if (r[0] > r[1]) {
                return new long[] {0};
            }
            long[] a = innerClass(o, r[0]);
            long[] z = innerClass(o, r[1]);
            long[] c = new long[1 + a.length + z.length];
            c[0] = r[1] - r[0];
            System.arraycopy(a, 0, c, 1, a.length);
            System.arraycopy(z, 0, c, 1 + a.length, z.length);
            return c;
        }

        /** The last outer step from o on of o's class. */
        private long outerRun(long o, long[] cls) {
            long last = outerCount() - 1;
            if (!causal) {
                return Arrays.equals(outerClass(last), cls) ? last : last - 1;
            }
            long y = o;
            while (y < last && Arrays.equals(outerClass(y + 1), cls)) {
                y++;
            }
            return y;
        }

        private long tkOf(long l) {
            return Math.min(tile.k(), k - l * tile.k());
        }

        /**
         * Whether the state is compared before step x of a loop: at the first steps, then in short runs from each
         * power of two on (a steady state, once reached, lasts, so one of those runs finds it while the
         * comparisons stay logarithmic in the loop's length).
         */
        private boolean probe(long x) {
            return probing && (x < 8 || x - Long.highestOneBit(x) < PERIODS + 2);
        }

        private static void remember(ArrayDeque<Step> history, Snap before, long[] cls, boolean loaded) {
            history.addLast(new Step(before, cls, loaded));
            if (history.size() > PERIODS) {
                history.removeFirst();
            }
        }

        /**
         * Skips whole periods of steps from step {@code x} of a loop when the state before it equals the state some
         * p (1..{@link #PERIODS}) steps earlier and those p steps and the skipped ones (up to {@code lastSame}, the
         * last step of x's class) are of one class {@code cls}, the stationary tile loaded; returns the steps
         * skipped (0: none).
         */
        private long trySkip(ArrayDeque<Step> history, Snap now, long x, java.util.function.LongSupplier lastSame,
                             long[] cls, boolean loaded) {
            if (now == null || !loaded) {
                return 0;
            }
            int p = 0;
            for (java.util.Iterator<Step> it = history.descendingIterator(); it.hasNext(); ) {
                Step e = it.next();
                p++;
                if (!Arrays.equals(e.cls(), cls) || !e.loaded()) {
                    return 0;
                }
                if (e.before() != null && Arrays.equals(e.before().key, now.key)) {
                    long same = lastSame.getAsLong() - x + 1;
                    if (p > same) {
                        return 0;
                    }
                    long periods = same / p;
                    if (skip(e.before(), now, periods)) {
                        history.clear();
                        return periods * p;
                    }
                    return 0;
                }
            }
            return 0;
        }

        private void batch(long b) {
            ArrayDeque<Step> history = outerHistory;
            history.clear();
            long o = 0;
            while (o < outerCount()) {
                if (!probe(o)) {
                    history.clear();
                    outer(b, o);
                    o++;
                    continue;
                }
                long[] cls = outerClass(o);
                long o0 = o;
                Snap now = snap();
                long skipped = now == null ? 0 : trySkip(history, now, o, () -> outerRun(o0, cls), cls, true);
                if (skipped > 0) {
                    o += skipped;
                    continue;
                }
                remember(history, now, cls, true);
                outer(b, o);
                o++;
            }
        }

        private void outer(long b, long o) {
            boolean stationaryLoaded = false;
            ArrayDeque<Step> history = innerHistory;
            history.clear();
            long[] range = innerRange(o);
            long x = range[0];
            while (x <= range[1]) {
                long i = rowOf(o, x);
                long j = colOf(o, x);
                if (!probe(x - range[0])) {
                    history.clear();
                    outputTile(b, i, j, stationaryLoaded);
                    stationaryLoaded = true;
                    x++;
                    continue;
                }
                long[] cls = innerClass(o, x);
                long x0 = x;
                Snap now = snap();
                long skipped = now == null || !stationaryLoaded ? 0
                        : trySkip(history, now, x, () -> innerRun(o, x0, range[1], cls), cls, stationaryLoaded);
                if (skipped > 0) {
                    x += skipped;
                    continue;
                }
                remember(history, now, cls, stationaryLoaded);
                outputTile(b, i, j, stationaryLoaded);
                stationaryLoaded = true;
                x++;
            }
        }

        /** Every k tile of one output tile: {@link TileWalk#walk}'s step with no overlay. */
        private void outputTile(long b, long i, long j, boolean stationaryLoaded) {
            long tm = tmOf(i);
            long tn = tnOf(j);
            long lastL = lastL(i);
            long firstL = firstL(i);
            boolean carry = lastL > firstL && unit.carriesAcrossK(tm, tn);
            // the k tiles strictly between the first and the last are one class (full, whole N:M groups)
            boolean skippable = kSplit && lastL - firstL > SMALL && tile.k() % groupN == 0;
            ArrayDeque<Step> history = kHistory;
            history.clear();
            long[] cls = {1};
            long l = firstL;
            while (l <= lastL) {
                if (skippable && l > firstL && l < lastL && probe(l - firstL)) {
                    Snap now = snap();
                    long skipped = now == null ? 0 : trySkip(history, now, l, () -> lastL - 1, cls, true);
                    if (skipped > 0) {
                        l += skipped;
                        continue;
                    }
                    remember(history, now, cls, true);
                } else if (skippable) {
                    history.clear();
                }
                kTile(b, i, j, tm, tn, l, firstL, lastL, carry, stationaryLoaded);
                l++;
            }
        }

        private void kTile(long b, long i, long j, long tm, long tn, long l, long firstL, long lastL, boolean carry,
                           boolean stationaryLoaded) {
            if (++walked > MAX_WALKED) {
                throw new TooLong(String.format(Locale.ROOT, "its tile program has %.3g tiles of %dx%dx%d and walks "
                        + "more than %,d of them one by one", (double) w.batch() * tmCount * tkCount * tnCount,
                        tile.m(), tile.k(), tile.n(), MAX_WALKED));
            }
            long k0 = l * tile.k();
            long tk = Math.min(tile.k(), k - k0);
            long dlen = TileWalk.aSpan(k0, tk, groupN, groupM);
            TileMasks.Keep kept = TileMasks.Keep.ALL;
            long aBytes = (long) Math.ceil(TileWalk.ceilDiv(tm * dlen * w.actBits(), 8) * kept.aFraction());
            long bBytes = (long) Math.ceil(tk * tn * bBits / 8);
            boolean loadA = order == LoopOrder.NM || kSplit || !stationaryLoaded;
            boolean loadB = order == LoopOrder.MN || kSplit || !stationaryLoaded;
            if (loadA) {
                aTiles++;
            }
            int aHalf = (int) (aTiles % halves);
            if (loadA && !aOnChip) {
                lastLoadEnd = pipe.loadAfter(aBytes, Math.max(0, freeAt[0][aHalf]));
                loads++;
                dramBytes += aBytes;
            }
            if (loadB) {
                bTiles++;
            }
            int bHalf = (int) (bTiles % halves);
            if (loadB && !bOnChip) {
                metadata += kept.bMetadata() + (double) tk * tn * indexBits / 8;
                lastLoadEnd = pipe.loadAfter(bBytes, Math.max(0, freeAt[1][bHalf]));
                loads++;
                dramBytes += bBytes;
            }
            while (!pending.isEmpty() && pending.peekFirst().last() <= t - halves) {
                emitStore(pending.pollFirst());
            }
            boolean firstK = l == firstL;
            boolean lastK = l == lastL;
            if (firstK) {
                cTiles++;
            }
            long waitStores = !cOnChip && firstK && cTiles >= halves ? cTiles - halves + 1 : 0;
            if (!cOnChip && firstK && waitStores > stores) {
                throw new IllegalStateException("store " + waitStores + " not issued before tile " + t);
            }
            boolean carryIn = carry && !firstK;
            boolean carryOut = carry && !lastK;
            long reads = unit.bufferReads(tm, tn, aBytes, bBytes);
            long unitCycles = (long) Math.ceil(unit.computeCycles(tm, tk, tn, carryIn, carryOut) * kept.compute() - 1e-9);
            long portCycles = (long) Math.ceil(reads / buffer.bytesPerCycle());
            portBound |= portCycles > unitCycles;
            long compute = Math.max(unitCycles, portCycles);
            long visible = Math.max(loads > 0 ? lastLoadEnd : 0, waitStores > 0 ? storeEndOf(waitStores - 1) : 0);
            long retired = pipe.computeAt(compute, visible, unit.tailCycles(carryOut));
            freeAt[0][aHalf] = retired;
            freeAt[1][bHalf] = retired;
            bufReads += reads;
            bufWrites += (loadA ? aBytes : 0) + (loadB ? bBytes : 0) + tm * tn * Tiler.ACC_BYTES;
            issued += Math.round(tm * tk * tn * kept.compute());
            if (lastK && !cOnChip) {
                long cBytes = (long) Math.ceil(TileWalk.ceilDiv(tm * tn * w.actBits(), 8) * kept.cFraction());
                pending.addLast(new Pending(t, cBytes, retired));
                dramBytes += cBytes;
            }
            t++;
        }

        private long storeEndOf(long s) {
            if (s < stores - STORE_RING || s >= stores) {
                throw new IllegalStateException("store " + s + " waited for, " + stores + " issued");
            }
            return storeEnd[(int) (s % STORE_RING)];
        }

        private void emitStore(Pending s) {
            storeEnd[(int) (stores % STORE_RING)] = pipe.storeAfter(s.bytes(), s.at());
            stores++;
        }

        /** A time the walk waits for, relative to {@code base}, or {@link #MET} when it can no longer matter. */
        private static long relative(long time, long base, boolean met) {
            return met ? MET : time - base;
        }

        /** Whether a buffer half freed at {@code time} no longer delays a load (the DMA issues after it anyway). */
        private boolean freeMet(long time) {
            return time <= pipe.lastIssue() + 1;
        }

        /** Whether a transfer ending at {@code time} no longer delays a tile (the unit is free after it anyway). */
        private boolean endMet(long time) {
            return time + TilePipeline.START_CYCLES <= pipe.unitFree();
        }

        /** The walk's state at a step boundary; null while the timeline is still filling (not shiftable yet). */
        private Snap snap() {
            if (!pipe.shiftable()) {
                return null;
            }
            key.clear();
            pipe.state(key);
            long base = pipe.base();
            for (long[] free : freeAt) {
                for (int h = 0; h < halves; h++) {
                    long r = free[h];
                    key.add(r < 0 ? UNUSED : relative(r, base, freeMet(r)));
                }
            }
            key.add(Math.floorMod(aTiles, halves));
            key.add(Math.floorMod(bTiles, halves));
            key.add(Math.floorMod(cTiles, halves));
            key.add(pending.size());
            for (Pending s : pending) {
                key.add(t - s.last());
                key.add(s.bytes());
                key.add(s.at() - base);
            }
            key.add(loads > 0 ? relative(lastLoadEnd, base, endMet(lastLoadEnd)) : UNUSED);
            key.add(stores - cTiles);
            for (long s = Math.max(0, cTiles + 1 - halves); s < stores; s++) {
                long end = storeEndOf(s);
                key.add(cTiles - s);
                key.add(relative(end, base, endMet(end)));
            }
            key.add(portBound ? 1 : 0);
            return new Snap(key.toArray(), base, t, loads, stores, pipe.transfers(), aTiles, bTiles, cTiles,
                    dramBytes, bufReads, bufWrites, issued, metadata, pipe.computeCycles(), pipe.memoryCycles());
        }

        /**
         * Skips {@code steps} steps, each like the one from {@code before} to {@code now} (equal keys); false, with
         * nothing changed, when the skip cannot be proven exact (a sum would overflow, the metadata's double sum
         * would round).
         */
        private boolean skip(Snap before, Snap now, long steps) {
            long dt = now.t - before.t;
            long shift;
            long[] add = new long[13];
            double metadataAfter;
            try {
                shift = Math.multiplyExact(steps, now.base - before.base);
                add[0] = Math.multiplyExact(steps, dt);
                add[1] = Math.multiplyExact(steps, now.loads - before.loads);
                add[2] = Math.multiplyExact(steps, now.stores - before.stores);
                add[3] = Math.multiplyExact(steps, now.transfers - before.transfers);
                add[4] = Math.multiplyExact(steps, now.aTiles - before.aTiles);
                add[5] = Math.multiplyExact(steps, now.bTiles - before.bTiles);
                add[6] = Math.multiplyExact(steps, now.cTiles - before.cTiles);
                add[7] = Math.multiplyExact(steps, now.dramBytes - before.dramBytes);
                add[8] = Math.multiplyExact(steps, now.bufReads - before.bufReads);
                add[9] = Math.multiplyExact(steps, now.bufWrites - before.bufWrites);
                add[10] = Math.multiplyExact(steps, now.issued - before.issued);
                add[11] = Math.multiplyExact(steps, now.computeSum - before.computeSum);
                add[12] = Math.multiplyExact(steps, now.memorySum - before.memorySum);
                Math.addExact(now.base, shift);
                Math.addExact(dramBytes, add[7]);
                Math.addExact(bufReads, add[8]);
                Math.addExact(bufWrites, add[9]);
                Math.addExact(issued, add[10]);
                Math.addExact(t, add[0]);
                Math.addExact(pipe.computeCycles(), add[11]);
                Math.addExact(pipe.memoryCycles(), add[12]);
            } catch (ArithmeticException e) {
                return false;
            }
            double dMetadata = now.metadata - before.metadata;
            metadataAfter = now.metadata + steps * dMetadata;
            if (!(metadataAfter < EXACT_METADATA) || now.metadata * 8 != Math.rint(now.metadata * 8)
                    || dMetadata * 8 != Math.rint(dMetadata * 8) || dt <= 0) {
                return false;
            }
            // every time the walk waits for moves with the timeline, unless it can no longer matter (then it stays,
            // still no later than what it is compared with, which only grows)
            for (long[] free : freeAt) {
                for (int h = 0; h < halves; h++) {
                    if (free[h] >= 0 && !freeMet(free[h])) {
                        free[h] += shift;
                    }
                }
            }
            if (loads > 0 && !endMet(lastLoadEnd)) {
                lastLoadEnd += shift;
            }
            long storeFrom = Math.max(0, cTiles + 1 - halves);
            long[] ends = new long[(int) Math.max(0, stores - storeFrom)];
            for (int s = 0; s < ends.length; s++) {
                long end = storeEndOf(storeFrom + s);
                ends[s] = endMet(end) ? end : end + shift;
            }
            int count = pending.size();
            for (int p = 0; p < count; p++) {
                Pending s = pending.pollFirst();
                pending.addLast(new Pending(s.last() + add[0], s.bytes(), s.at() + shift));
            }
            pipe.skip(add[0], add[1], add[2], add[3], shift, add[11], add[12]);
            t += add[0];
            loads += add[1];
            stores += add[2];
            aTiles += add[4];
            bTiles += add[5];
            cTiles += add[6];
            for (int s = 0; s < ends.length; s++) {
                storeEnd[(int) ((storeFrom + add[2] + s) % STORE_RING)] = ends[s];
            }
            dramBytes += add[7];
            bufReads += add[8];
            bufWrites += add[9];
            issued += add[10];
            metadata = metadataAfter;
            return true;
        }
    }

    /** The walk's state at a step boundary: the comparable key and the absolute counters it was taken at. */
    private record Snap(long[] key, long base, long t, long loads, long stores, long transfers, long aTiles,
                        long bTiles, long cTiles, long dramBytes, long bufReads, long bufWrites, long issued,
                        double metadata, long computeSum, long memorySum) {
    }
}
