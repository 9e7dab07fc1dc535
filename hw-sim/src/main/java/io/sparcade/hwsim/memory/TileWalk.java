package io.sparcade.hwsim.memory;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OnChip;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.Tile;
import io.sparcade.scheduler.Tiler;
import java.util.ArrayDeque;

/**
 * Walks the tiles of a tiled GEMM in loop order (batch, outer, inner, then k innermost) and turns them into a
 * tile program: the loads, tiles and stores a layer engine runs, with the waits that double buffering needs.
 * The operand indexed by the outer loop stays in the buffer across the inner loop unless k is split; the
 * other is fetched for every tile. An A tile holds the activations of every group of M its compressed k
 * range touches (N:M weights pick among them). Accumulators stay in the buffer across the k tiles of an
 * output tile and leave (rounded to the output width) after its last one. With double buffering each of A,
 * B and C has two halves: a load into a half waits for the last tile that used it, the first tile of an
 * output tile waits for the store of the output tile that last used its C half. Fused (on-chip) operands
 * never touch DRAM. The same program drives the timing model ({@link TilePipeline}) and the RTL engines
 * (a {@link Sink} encodes it); the unit's model supplies each tile's compute cycles, buffer reads and retire
 * latency. A tile's compute is at least its buffer reads over the buffer's bandwidth. Under a causal mask a
 * tile the mask removes entirely (above the diagonal, or before a sliding window's start) is skipped (no
 * transfer, no compute); a partly masked tile is computed whole, so issued MACs count tiles. A work with a
 * sparsity-method overlay is walked through its {@link TileMasks}: what the masks keep of each tile (a sparse
 * attention pattern, a sparse weight or K/V cache, gathered or compressed B) decides whether the tile runs, the
 * fraction of its MACs and compute cycles spent (its cells of the unit's {@link SkipQuantum} holding a kept
 * element) and the bytes its operands move.
 */
public final class TileWalk {
    /** The unit-specific part of a tile's cost. */
    public interface TileCost {
        /**
         * Compute cycles of a tile of tm x tk x tn; {@code carryIn}: it goes on with the sums the previous tile
         * (the same outputs' previous k range) left in the unit; {@code carryOut}: it leaves its sums there for
         * the next one.
         */
        long computeCycles(long tm, long tk, long tn, boolean carryIn, boolean carryOut);

        /** Bytes the unit reads from the buffer for the tile, whose A and B tiles hold aBytes and bBytes. */
        long bufferReads(long tm, long tn, long aBytes, long bBytes);

        /**
         * Cycles from a tile's last compute cycle until it retires: its last result is in the accumulator buffer
         * (or, when it carries its sums to the next tile, it has read its last operand).
         */
        long tailCycles(boolean carryOut);

        /** Whether consecutive k tiles of tm x tn outputs keep their sums in the unit (no accumulator traffic). */
        boolean carriesAcrossK(long tm, long tn);
    }

    /**
     * A load of an A tile (rows of A, dense k columns) or a B tile (compressed or dense k rows, n columns).
     *
     * @param operand   0 for A, 1 for B
     * @param waitTiles tiles that must have retired first
     * @param half      buffer half it fills
     * @param batch     GEMM of the batch
     * @param row0      first row in the operand matrix
     * @param col0      first column
     */
    public record Load(int operand, long waitTiles, long bytes, int half, long batch, long row0, long col0, long rows,
                       long cols) {
    }

    /**
     * A tile's compute.
     *
     * @param waitLoads  loads that must have finished first (counted in program order)
     * @param waitStores stores that must have finished first
     * @param k0         first iterated (compressed when sparse) k of the tile
     * @param d0         first dense k of its A tile
     * @param dlen       dense k columns of its A tile
     */
    public record Compute(long tile, long waitLoads, long waitStores, long cycles, int aHalf, int bHalf, int cHalf,
                          long batch, long m0, long n0, long tm, long tk, long tn, long k0, long d0, long dlen,
                          boolean firstK, boolean lastK, boolean carryIn, boolean carryOut) {
    }

    /** A store of an output tile's accumulators, rounded to the output width. */
    public record Store(long waitTiles, long bytes, int half, long batch, long row0, long col0, long rows, long cols) {
    }

    /** What an RTL program emitter receives, in program order per stream. */
    public interface Sink {
        void load(Load l);

        void compute(Compute c);

        void store(Store s);
    }

    /**
     * The walk's result.
     *
     * @param pipe       the program's timeline
     * @param dramBytes  off-chip bytes moved
     * @param bufReads   buffer bytes read by the unit
     * @param bufWrites  buffer bytes written (fills and accumulators)
     * @param tiles      tile counts along m, k, n
     * @param macsIssued MACs of the tiles computed (every tile, unless a causal mask skips some)
     * @param portBound  whether some tile's compute was bounded by the buffer's read bandwidth
     * @param metadataBytes of dramBytes, the sparse formats' metadata (N:M indices, bitmaps, CSR indices)
     */
    public record Totals(TilePipeline pipe, long dramBytes, long bufReads, long bufWrites, long[] tiles, long macsIssued,
                         boolean portBound, long metadataBytes) {
        public Totals(TilePipeline pipe, long dramBytes, long bufReads, long bufWrites, long[] tiles, long macsIssued,
                      boolean portBound) {
            this(pipe, dramBytes, bufReads, bufWrites, tiles, macsIssued, portBound, 0);
        }

        public String tileText() {
            return tiles[0] + "x" + tiles[1] + "x" + tiles[2];
        }
    }

    private TileWalk() {
    }

    public static Totals walk(GemmWork w, boolean sparseMode, Tile tile, LoopOrder order, BufferSpec buffer,
                              DramModel dram, OnChip onChip, TileCost unit) {
        return walk(w, sparseMode, tile, order, buffer, dram, dram.latencyCycles(), onChip, unit, null);
    }

    /** The walk, with the DRAM latency and an optional sink that receives the program. */
    public static Totals walk(GemmWork w, boolean sparseMode, Tile tile, LoopOrder order, BufferSpec buffer,
                              DramModel dram, long latency, OnChip onChip, TileCost unit, Sink sink) {
        return walk(w, sparseMode, tile, order, buffer, dram, latency, onChip, unit, sink, SkipQuantum.TILE);
    }

    /** The walk, with the granularity at which the unit skips the masked parts of a tile of an overlaid work. */
    public static Totals walk(GemmWork w, boolean sparseMode, Tile tile, LoopOrder order, BufferSpec buffer,
                              DramModel dram, long latency, OnChip onChip, TileCost unit, Sink sink, SkipQuantum quantum) {
        // without a sparsity-method overlay the walk is the plain one: presets without methods keep their cycles
        TileMasks masks = w.overlay() != null ? new TileMasks(w, sparseMode, quantum, dram.burstBytes()) : null;
        double metadata = 0;
        int indexBits = sparseMode ? w.nm().indexBits() : 0;
        long[] dims = Tiler.dims(w, sparseMode);
        boolean aOnChip = onChip.input(0);
        boolean bOnChip = !w.bIsWeight() && onChip.input(1);
        boolean cOnChip = onChip.output();
        long m = dims[0];
        long k = dims[1];
        long n = dims[2];
        int groupN = sparseMode ? w.nm().n() : 1;
        int groupM = sparseMode ? w.nm().m() : 1;
        double bBits = w.bBitsFetched() + (sparseMode ? w.nm().indexBits() : 0);
        int halves = buffer.doubleBuffered() ? 2 : 1;
        TilePipeline pipe = new TilePipeline(dram, latency);
        long tmCount = ceilDiv(m, tile.m());
        long tkCount = ceilDiv(k, tile.k());
        long tnCount = ceilDiv(n, tile.n());
        boolean kSplit = tkCount > 1;
        long dramBytes = 0;
        long bufReads = 0;
        long bufWrites = 0;
        long issued = 0;
        boolean portBound = false;
        long[] lastUseA = {-1, -1};
        long[] lastUseB = {-1, -1};
        long aTiles = -1;
        long bTiles = -1;
        long cTiles = -1;
        long loads = 0;
        long stores = 0;
        long t = 0;
        ArrayDeque<Store> pending = new ArrayDeque<>();
        ArrayDeque<Long> pendingLast = new ArrayDeque<>();
        for (long b = 0; b < w.batch(); b++) {
            for (long outer = 0; outer < (order == LoopOrder.MN ? tmCount : tnCount); outer++) {
                boolean stationaryLoaded = false;
                for (long inner = 0; inner < (order == LoopOrder.MN ? tnCount : tmCount); inner++) {
                    long i = order == LoopOrder.MN ? outer : inner;
                    long j = order == LoopOrder.MN ? inner : outer;
                    long tm = Math.min(tile.m(), m - i * tile.m());
                    long tn = Math.min(tile.n(), n - j * tile.n());
                    // the highest key any row of this row tile may see, and the lowest (a sliding window's
                    // start); tiles outside them are masked out
                    long lastKey = w.causal() == null ? Long.MAX_VALUE : w.causal().lastKey(i * tile.m() + tm);
                    long firstKey = w.causal() == null ? 0 : w.causal().firstKey(i * tile.m());
                    if (masks == null && w.maskOnN() && (j * tile.n() > lastKey || j * tile.n() + tn <= firstKey)) {
                        continue;
                    }
                    if (masks != null && masks.outputsEmpty(i * tile.m(), i * tile.m() + tm, j * tile.n(), j * tile.n() + tn)) {
                        continue;
                    }
                    long lastL = masks == null && w.maskOnK() ? Math.min(tkCount - 1, lastKey / tile.k()) : tkCount - 1;
                    long firstL = masks == null && w.maskOnK() ? Math.min(lastL, firstKey / tile.k()) : 0;
                    // an overlay's masks: the first and last k tiles that keep anything bound the output tile's k range
                    while (masks != null && lastL > firstL && keptOf(masks, w, tile, i, tm, lastL, k, j, tn).skip()) {
                        lastL--;
                    }
                    while (masks != null && firstL < lastL && keptOf(masks, w, tile, i, tm, firstL, k, j, tn).skip()) {
                        firstL++;
                    }
                    if (masks != null && keptOf(masks, w, tile, i, tm, firstL, k, j, tn).skip()) {
                        continue;
                    }
                    for (long l = firstL; l <= lastL; l++) {
                        long k0 = l * tile.k();
                        long tk = Math.min(tile.k(), k - k0);
                        TileMasks.Keep kept = masks == null ? TileMasks.Keep.ALL : keptOf(masks, w, tile, i, tm, l, k, j, tn);
                        if (kept.skip()) {
                            continue;
                        }
                        long d0 = aStart(k0, groupN, groupM);
                        long dlen = aSpan(k0, tk, groupN, groupM);
                        long aBytes = (long) Math.ceil(ceilDiv(tm * dlen * w.actBits(), 8) * kept.aFraction());
                        long bBytes = kept.bBytes() >= 0 ? (long) Math.ceil(kept.bBytes()) : (long) Math.ceil(tk * tn * bBits / 8);
                        boolean loadA = order == LoopOrder.NM || kSplit || !stationaryLoaded;
                        boolean loadB = order == LoopOrder.MN || kSplit || !stationaryLoaded;
                        if (loadA) {
                            aTiles++;
                        }
                        int aHalf = (int) (aTiles % halves);
                        if (loadA && !aOnChip) {
                            Load ld = new Load(0, lastUseA[aHalf] + 1, aBytes, aHalf, b, i * tile.m(), d0, tm, dlen);
                            pipe.load(aBytes, ld.waitTiles());
                            loads++;
                            dramBytes += aBytes;
                            if (sink != null) {
                                sink.load(ld);
                            }
                        }
                        lastUseA[aHalf] = t;
                        if (loadB) {
                            bTiles++;
                        }
                        int bHalf = (int) (bTiles % halves);
                        if (loadB && !bOnChip) {
                            metadata += kept.bMetadata() + (double) tk * tn * indexBits / 8;
                            Load ld = new Load(1, lastUseB[bHalf] + 1, bBytes, bHalf, b, k0, j * tile.n(), tk, tn);
                            pipe.load(bBytes, ld.waitTiles());
                            loads++;
                            dramBytes += bBytes;
                            if (sink != null) {
                                sink.load(ld);
                            }
                        }
                        lastUseB[bHalf] = t;
                        while (!pending.isEmpty() && pendingLast.peekFirst() <= t - halves) {
                            stores += emitStore(pending.pollFirst(), pendingLast.pollFirst(), pipe, sink);
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
                        long waitLoads = loads;
                        pipe.compute(compute, waitLoads, waitStores, unit.tailCycles(carryOut));
                        if (sink != null) {
                            sink.compute(new Compute(t, waitLoads, waitStores, compute, aHalf, bHalf, cHalf, b,
                                    i * tile.m(), j * tile.n(), tm, tk, tn, k0, d0, dlen, firstK, lastK, carryIn, carryOut));
                        }
                        bufReads += reads;
                        bufWrites += (loadA ? aBytes : 0) + (loadB ? bBytes : 0) + tm * tn * Tiler.ACC_BYTES;
                        issued += Math.round(tm * tk * tn * kept.compute());
                        if (lastK && !cOnChip) {
                            long cBytes = (long) Math.ceil(ceilDiv(tm * tn * w.actBits(), 8) * kept.cFraction());
                            pending.addLast(new Store(t + 1, cBytes, cHalf, b, i * tile.m(), j * tile.n(), tm, tn));
                            pendingLast.addLast(t);
                            dramBytes += cBytes;
                        }
                        t++;
                    }
                    stationaryLoaded = true;
                }
            }
        }
        while (!pending.isEmpty()) {
            stores += emitStore(pending.pollFirst(), pendingLast.pollFirst(), pipe, sink);
        }
        return new Totals(pipe, dramBytes, bufReads, bufWrites, new long[] {tmCount, tkCount, tnCount}, issued, portBound,
                Math.round(metadata));
    }

    private static TileMasks.Keep keptOf(TileMasks masks, GemmWork w, Tile tile, long i, long tm, long l, long k, long j, long tn) {
        return masks.keep(i * tile.m(), tm, l * tile.k(), Math.min(tile.k(), k - l * tile.k()), j * tile.n(), tn);
    }

    private static int emitStore(Store s, long lastTile, TilePipeline pipe, Sink sink) {
        pipe.store(s.bytes(), lastTile + 1);
        if (sink != null) {
            sink.store(s);
        }
        return 1;
    }

    /**
     * First dense k position of the A tile that holds compressed positions from {@code k0}: the start of k0's group
     * of M (groups of N compressed positions; 1 and 1 when dense).
     */
    static long aStart(long k0, long groupN, long groupM) {
        return k0 / groupN * groupM;
    }

    /**
     * Dense k positions the A tile of compressed positions {@code k0 .. k0 + tk - 1} holds: every activation of the
     * groups of M they touch, from k0's group to the last one's.
     */
    static long aSpan(long k0, long tk, long groupN, long groupM) {
        return ((k0 + tk - 1) / groupN + 1) * groupM - aStart(k0, groupN, groupM);
    }

    static long ceilDiv(long x, long y) {
        return (x + y - 1) / y;
    }
}
