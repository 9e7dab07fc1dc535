package io.sparcade.hwsim.memory;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OnChip;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.Tile;
import io.sparcade.scheduler.Tiler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link TileWalk} of a GEMM without masks, skipping the repeats of its steady state: same program, same
 * totals, bit for bit, in time that grows with the number of distinct tile classes rather than the number of tiles.
 *
 * <p>The timeline ({@link TilePipeline}) is built from maxima and sums of times, so shifting every time of its state
 * by {@code d} shifts everything that follows by {@code d}. At the start of each batch, outer and inner step of the
 * loop nest the walk takes the timeline's state relative to the last retired tile: its own registers (last issue,
 * channel, DMA queue slots, unit, last activity), the buffer halves' last users, the pending stores, the last load
 * and the store ends that later tiles may wait for (each as an offset in tiles or transfers and a time relative to
 * that tile), and the halves' parity. A reference whose time can no longer matter (a wait already met by a time
 * that only grows: a buffer half freed before the DMA's last issue, a load or store ended before the unit is free)
 * is recorded as met. When the state at the start of a step equals the state at the start of the previous step of
 * the same class (same tile sizes, the stationary operand loaded), the previous step mapped the state onto itself
 * shifted by {@code d} cycles, so every following step of that class does the same: the walk advances the counters
 * and sums by whole steps and shifts the timeline by {@code d} per step, writing the tile, load and store ends that
 * later steps refer to. Anything else walks tile by tile: masked works (a causal mask, a sparsity-method overlay)
 * go to {@link TileWalk#walk}, which stays the reference this walk is tested against.
 */
public final class PeriodicTileWalk {
    private static final long UNUSED = Long.MIN_VALUE;
    private static final long MET = Long.MIN_VALUE + 1;
    /** Metadata bytes are summed as doubles in multiples of 1/8: exact, and so skippable, below 2^49. */
    private static final double EXACT_METADATA = 0x1p49;

    /** Tiles walked one by one (not skipped) over every walk, for tests that check the skipping happens. */
    static final java.util.concurrent.atomic.AtomicLong walkedTiles = new java.util.concurrent.atomic.AtomicLong();

    /** Walks of at most this many tiles go tile by tile: too short for a steady state to pay for looking. */
    private static final double SMALL = 32;

    private PeriodicTileWalk() {
    }

    /** {@link TileWalk#walk} without a sink: the same totals. */
    public static TileWalk.Totals walk(GemmWork w, boolean sparseMode, Tile tile, LoopOrder order, BufferSpec buffer,
                                       DramModel dram, long latency, OnChip onChip, TileWalk.TileCost unit,
                                       SkipQuantum quantum) {
        double tiles = (double) w.batch() * Math.ceil((double) Tiler.dims(w, sparseMode)[0] / tile.m())
                * Math.ceil((double) Tiler.dims(w, sparseMode)[1] / tile.k()) * Math.ceil((double) Tiler.dims(w, sparseMode)[2] / tile.n());
        if (w.overlay() != null || w.causal() != null || tiles <= SMALL) {
            return TileWalk.walk(w, sparseMode, tile, order, buffer, dram, latency, onChip, unit, null, quantum);
        }
        return new Walker(w, sparseMode, tile, order, buffer, dram, latency, onChip, unit).run();
    }

    /** The walk's state; the per-tile step is {@link TileWalk#walk}'s for an unmasked work, line for line. */
    private static final class Walker {
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
        private double metadata;
        private long dramBytes;
        private long bufReads;
        private long bufWrites;
        private long issued;
        private boolean portBound;
        private final long[] lastUseA = {-1, -1};
        private final long[] lastUseB = {-1, -1};
        private long aTiles = -1;
        private long bTiles = -1;
        private long cTiles = -1;
        private long loads;
        private long stores;
        private long t;
        private long walked;
        private final ArrayDeque<TileWalk.Store> pending = new ArrayDeque<>();
        private final ArrayDeque<Long> pendingLast = new ArrayDeque<>();

        Walker(GemmWork w, boolean sparseMode, Tile tile, LoopOrder order, BufferSpec buffer, DramModel dram,
               long latency, OnChip onChip, TileWalk.TileCost unit) {
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
        }

        TileWalk.Totals run() {
            ArrayDeque<Step> history = new ArrayDeque<>();
            long b = 0;
            while (b < w.batch()) {
                if (!probe(b)) {
                    history.clear();
                    batch(b);
                    b++;
                    continue;
                }
                Snap now = snap();
                long skipped = trySkip(history, now, b, w.batch(), 0, true, x -> 0);
                if (skipped > 0) {
                    b += skipped;
                    continue;
                }
                remember(history, now, 0, true);
                batch(b);
                b++;
            }
            while (!pending.isEmpty()) {
                emitStore(pending.pollFirst(), pendingLast.pollFirst());
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

        /** Size of the outer (MN: m; NM: n) or inner tile at index x. */
        private long outerSize(long x) {
            return order == LoopOrder.MN ? tmOf(x) : tnOf(x);
        }

        private long innerSize(long x) {
            return order == LoopOrder.MN ? tnOf(x) : tmOf(x);
        }

        /**
         * Whether the state is compared before step x of a loop: at the first steps, then in short runs from each
         * power of two on (a steady state, once reached, lasts, so one of those runs finds it while the
         * comparisons stay logarithmic in the loop's length).
         */
        private static boolean probe(long x) {
            return x < 8 || x - Long.highestOneBit(x) < PERIODS + 2;
        }

        /** A step of a loop that has run: the state before it, its tile size, whether its stationary tile was loaded. */
        private record Step(Snap before, long size, boolean loaded) {
        }

        /** Steps whose state is kept to look for a period: a period of up to this many steps is found. */
        private static final int PERIODS = 4;

        private static void remember(ArrayDeque<Step> history, Snap before, long size, boolean loaded) {
            history.addLast(new Step(before, size, loaded));
            if (history.size() > PERIODS) {
                history.removeFirst();
            }
        }

        /**
         * Skips whole periods of steps from step {@code x} of a loop of {@code count} steps when the state before it
         * equals the state some p (1..{@link #PERIODS}) steps earlier and those p steps and the skipped ones are of
         * one class (tile size {@code size}, the stationary tile loaded); returns the steps skipped (0: none).
         */
        private long trySkip(ArrayDeque<Step> history, Snap now, long x, long count, long size, boolean loaded,
                             java.util.function.LongUnaryOperator sizeOf) {
            if (now == null || !loaded) {
                return 0;
            }
            // only the last index of a dimension may be an edge tile: sizes are full up to count - 2
            long last = sizeOf.applyAsLong(count - 1) == size ? count - 1 : count - 2;
            long same = last - x + 1;
            int p = 0;
            for (java.util.Iterator<Step> it = history.descendingIterator(); it.hasNext(); ) {
                Step e = it.next();
                p++;
                if (e.size() != size || !e.loaded() || p > same) {
                    return 0;
                }
                if (e.before() != null && Arrays.equals(e.before().key, now.key)) {
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
            ArrayDeque<Step> history = new ArrayDeque<>();
            long o = 0;
            while (o < outerCount()) {
                long size = outerSize(o);
                if (!probe(o)) {
                    history.clear();
                    outer(b, o);
                    o++;
                    continue;
                }
                Snap now = snap();
                long skipped = trySkip(history, now, o, outerCount(), size, true, this::outerSize);
                if (skipped > 0) {
                    o += skipped;
                    continue;
                }
                remember(history, now, size, true);
                outer(b, o);
                o++;
            }
        }

        private void outer(long b, long o) {
            boolean stationaryLoaded = false;
            ArrayDeque<Step> history = new ArrayDeque<>();
            long x = 0;
            while (x < innerCount()) {
                long size = innerSize(x);
                if (!probe(x)) {
                    history.clear();
                    outputTile(b, order == LoopOrder.MN ? o : x, order == LoopOrder.MN ? x : o, stationaryLoaded);
                    stationaryLoaded = true;
                    x++;
                    continue;
                }
                Snap now = snap();
                long skipped = trySkip(history, now, x, innerCount(), size, stationaryLoaded, this::innerSize);
                if (skipped > 0) {
                    x += skipped;
                    continue;
                }
                remember(history, now, size, stationaryLoaded);
                long i = order == LoopOrder.MN ? o : x;
                long j = order == LoopOrder.MN ? x : o;
                outputTile(b, i, j, stationaryLoaded);
                stationaryLoaded = true;
                x++;
            }
        }

        /** Every k tile of one output tile: {@link TileWalk#walk}'s step with nothing masked. */
        private void outputTile(long b, long i, long j, boolean stationaryLoaded) {
            long tm = tmOf(i);
            long tn = tnOf(j);
            long lastL = tkCount - 1;
            long firstL = 0;
            for (long l = firstL; l <= lastL; l++) {
                long k0 = l * tile.k();
                long tk = Math.min(tile.k(), k - k0);
                TileMasks.Keep kept = TileMasks.Keep.ALL;
                long d0 = k0 / groupN * groupM;
                long dlen = ((k0 + tk - 1) / groupN + 1) * groupM - d0;
                long aBytes = (long) Math.ceil(TileWalk.ceilDiv(tm * dlen * w.actBits(), 8) * kept.aFraction());
                long bBytes = kept.bBytes() >= 0 ? (long) Math.ceil(kept.bBytes()) : (long) Math.ceil(tk * tn * bBits / 8);
                boolean loadA = order == LoopOrder.NM || kSplit || !stationaryLoaded;
                boolean loadB = order == LoopOrder.MN || kSplit || !stationaryLoaded;
                if (loadA) {
                    aTiles++;
                }
                int aHalf = (int) (aTiles % halves);
                if (loadA && !aOnChip) {
                    pipe.load(aBytes, lastUseA[aHalf] + 1);
                    loads++;
                    dramBytes += aBytes;
                }
                lastUseA[aHalf] = t;
                if (loadB) {
                    bTiles++;
                }
                int bHalf = (int) (bTiles % halves);
                if (loadB && !bOnChip) {
                    metadata += kept.bMetadata() + (double) tk * tn * indexBits / 8;
                    pipe.load(bBytes, lastUseB[bHalf] + 1);
                    loads++;
                    dramBytes += bBytes;
                }
                lastUseB[bHalf] = t;
                while (!pending.isEmpty() && pendingLast.peekFirst() <= t - halves) {
                    emitStore(pending.pollFirst(), pendingLast.pollFirst());
                }
                boolean firstK = l == firstL;
                boolean lastK = l == lastL;
                if (firstK) {
                    cTiles++;
                }
                int cHalf = (int) (cTiles % halves);
                long waitStores = !cOnChip && firstK && cTiles >= halves ? cTiles - halves + 1 : 0;
                if (!cOnChip && firstK && waitStores > stores) {
                    throw new IllegalStateException("store " + waitStores + " not issued before tile " + t);
                }
                boolean carry = lastL > firstL && unit.carriesAcrossK(tm, tn);
                boolean carryIn = carry && !firstK;
                boolean carryOut = carry && !lastK;
                long reads = unit.bufferReads(tm, tn, aBytes, bBytes);
                long unitCycles = (long) Math.ceil(unit.computeCycles(tm, tk, tn, carryIn, carryOut) * kept.compute() - 1e-9);
                long portCycles = (long) Math.ceil(reads / buffer.bytesPerCycle());
                portBound |= portCycles > unitCycles;
                long compute = Math.max(unitCycles, portCycles);
                pipe.compute(compute, loads, waitStores, unit.tailCycles(carryOut));
                bufReads += reads;
                bufWrites += (loadA ? aBytes : 0) + (loadB ? bBytes : 0) + tm * tn * Tiler.ACC_BYTES;
                issued += Math.round(tm * tk * tn * kept.compute());
                if (lastK && !cOnChip) {
                    long cBytes = (long) Math.ceil(TileWalk.ceilDiv(tm * tn * w.actBits(), 8) * kept.cFraction());
                    pending.addLast(new TileWalk.Store(t + 1, cBytes, cHalf, b, i * tile.m(), j * tile.n(), tm, tn));
                    pendingLast.addLast(t);
                    dramBytes += cBytes;
                }
                t++;
                walked++;
            }
        }

        private void emitStore(TileWalk.Store s, long lastTile) {
            pipe.store(s.bytes(), lastTile + 1);
            stores++;
        }

        /** The walk's state at a step boundary; null while the timeline is still filling (not shiftable yet). */
        private Snap snap() {
            if (!pipe.shiftable()) {
                return null;
            }
            TilePipeline.LongList key = new TilePipeline.LongList();
            pipe.state(key);
            long base = pipe.base();
            for (long[] lastUse : new long[][] {lastUseA, lastUseB}) {
                for (int h = 0; h < halves; h++) {
                    long r = lastUse[h];
                    if (r < 0) {
                        key.add(UNUSED);
                        key.add(0);
                    } else if (pipe.retired(r) <= pipe.lastIssue() + 1) {
                        key.add(MET); // a load into this half is issued after the DMA's last issue anyway
                        key.add(0);
                    } else {
                        key.add(t - r);
                        key.add(pipe.retired(r) - base);
                    }
                }
            }
            key.add(Math.floorMod(aTiles, halves));
            key.add(Math.floorMod(bTiles, halves));
            key.add(Math.floorMod(cTiles, halves));
            key.add(pending.size());
            java.util.Iterator<Long> lasts = pendingLast.iterator();
            for (TileWalk.Store s : pending) {
                long last = lasts.next();
                key.add(t - last);
                key.add(s.bytes());
                key.add(pipe.retired(last) - base);
            }
            if (loads > 0) {
                long end = pipe.loadEnd(loads - 1);
                key.add(end + TilePipeline.START_CYCLES <= pipe.unitFree() ? MET : end - base);
            } else {
                key.add(UNUSED);
            }
            key.add(stores - cTiles);
            for (long s = Math.max(0, cTiles + 1 - halves); s < stores; s++) {
                long end = pipe.storeEnd(s);
                key.add(cTiles - s);
                key.add(end + TilePipeline.START_CYCLES <= pipe.unitFree() ? MET : end - base);
            }
            key.add(portBound ? 1 : 0);
            return new Snap(key.toArray(), base, t, loads, stores, pipe.transfers(), aTiles, bTiles, cTiles,
                    lastUseA.clone(), lastUseB.clone(), new ArrayList<>(pendingLast), dramBytes, bufReads, bufWrites,
                    issued, metadata, pipe.computeCycles(), pipe.memoryCycles());
        }

        /**
         * Skips {@code steps} steps, each like the one from {@code before} to {@code now} (equal keys); false, with
         * nothing changed, when the skip cannot be proven exact (a sum would overflow, the metadata's double sum
         * would round, a reference moved irregularly).
         */
        private boolean skip(Snap before, Snap now, long steps) {
            long dt = now.t - before.t;
            long shift;
            long[] add = new long[12];
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
                Math.addExact(now.base, shift);
                Math.addExact(dramBytes, add[7]);
                Math.addExact(bufReads, add[8]);
                Math.addExact(bufWrites, add[9]);
                Math.addExact(issued, add[10]);
                Math.multiplyExact(steps, now.memorySum - before.memorySum);
                if (Math.addExact(now.t, add[0]) > Integer.MAX_VALUE) {
                    return false;
                }
            } catch (ArithmeticException e) {
                return false;
            }
            double dMetadata = now.metadata - before.metadata;
            metadataAfter = now.metadata + steps * dMetadata;
            if (!(metadataAfter < EXACT_METADATA) || now.metadata * 8 != Math.rint(now.metadata * 8)
                    || dMetadata * 8 != Math.rint(dMetadata * 8) || dt <= 0) {
                return false;
            }
            // each buffer half's last user either stays (a half the steps do not touch) or moves one step per step
            long[][] moved = new long[2][];
            long[][] nowUse = {now.lastUseA, now.lastUseB};
            long[][] beforeUse = {before.lastUseA, before.lastUseB};
            for (int x = 0; x < 2; x++) {
                moved[x] = new long[halves];
                for (int h = 0; h < halves; h++) {
                    long d = nowUse[x][h] - beforeUse[x][h];
                    if (d != 0 && d != dt) {
                        return false;
                    }
                    moved[x][h] = d;
                }
            }
            // read every referenced end before writing any
            long[][] useEnd = new long[2][halves];
            for (int x = 0; x < 2; x++) {
                for (int h = 0; h < halves; h++) {
                    useEnd[x][h] = nowUse[x][h] >= 0 ? pipe.retired(nowUse[x][h]) : 0;
                }
            }
            long[] pendingEnd = new long[now.pendingLast.size()];
            for (int p = 0; p < pendingEnd.length; p++) {
                pendingEnd[p] = pipe.retired(now.pendingLast.get(p));
            }
            long lastLoadEnd = loads > 0 ? pipe.loadEnd(loads - 1) : 0;
            long storeFrom = Math.max(0, cTiles + 1 - halves);
            long[] storeEnds = new long[(int) Math.max(0, stores - storeFrom)];
            for (int s = 0; s < storeEnds.length; s++) {
                storeEnds[s] = pipe.storeEnd(storeFrom + s);
            }
            pipe.skip(add[0], add[1], add[2], add[3], shift, add[11],
                    steps * (now.memorySum - before.memorySum));
            long[][] lastUse = {lastUseA, lastUseB};
            for (int x = 0; x < 2; x++) {
                for (int h = 0; h < halves; h++) {
                    if (moved[x][h] != 0) {
                        lastUse[x][h] += add[0];
                        pipe.setRetired(lastUse[x][h], useEnd[x][h] + shift);
                    }
                }
            }
            List<TileWalk.Store> stores0 = new ArrayList<>(pending);
            pending.clear();
            pendingLast.clear();
            for (int p = 0; p < pendingEnd.length; p++) {
                long last = now.pendingLast.get(p) + add[0];
                pipe.setRetired(last, pendingEnd[p] + shift);
                TileWalk.Store s = stores0.get(p);
                pending.addLast(new TileWalk.Store(last + 1, s.bytes(), s.half(), s.batch(), s.row0(), s.col0(),
                        s.rows(), s.cols()));
                pendingLast.addLast(last);
            }
            if (add[1] > 0) {
                pipe.setLoadEnd(loads + add[1] - 1, lastLoadEnd + shift);
            }
            if (add[2] > 0) {
                for (int s = 0; s < storeEnds.length; s++) {
                    pipe.setStoreEnd(storeFrom + s + add[2], storeEnds[s] + shift);
                }
            }
            t += add[0];
            loads += add[1];
            stores += add[2];
            aTiles += add[4];
            bTiles += add[5];
            cTiles += add[6];
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
                        long bTiles, long cTiles, long[] lastUseA, long[] lastUseB, List<Long> pendingLast,
                        long dramBytes, long bufReads, long bufWrites, long issued, double metadata, long computeSum,
                        long memorySum) {
    }
}
