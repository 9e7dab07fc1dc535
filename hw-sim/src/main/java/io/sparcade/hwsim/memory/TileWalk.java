package io.sparcade.hwsim.memory;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OnChip;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.Tile;
import io.sparcade.scheduler.Tiler;

/**
 * Walks the tiles of a tiled GEMM in loop order (batch, outer, inner, then k innermost) and accounts what each
 * tile moves: the operand indexed by the outer loop stays in the buffer across the inner loop unless k is
 * split, the other is fetched for every tile, C leaves after the last k tile, and fused operands never touch
 * DRAM. The unit's model supplies each tile's compute cycles and buffer reads; a tile's compute is at least
 * its buffer reads over the buffer's bandwidth. What the work's masks keep of each tile ({@link TileMasks}: a
 * causal mask, a sparse-attention pattern, a sparse weight or K/V cache, gathered or compressed B) decides
 * whether the tile runs at all (a tile they remove entirely is neither loaded nor computed), the fraction of its
 * MACs and compute cycles spent (its cells of the unit's {@link SkipQuantum} that hold a kept element) and the
 * bytes its operands move; with {@link SkipQuantum#TILE} a partly kept tile is computed whole.
 */
public final class TileWalk {
    /** The unit-specific part of a tile's cost. */
    public interface TileCost {
        /** Compute cycles of the tile at indices (i, j, l) along (m, n, k), of size tm x tk x tn. */
        long computeCycles(long i, long j, long l, long tm, long tk, long tn);

        /** Bytes the unit reads from the buffer for the tile, whose A and B tiles hold aBytes and bBytes. */
        long bufferReads(long tm, long tn, long aBytes, long bBytes);
    }

    /**
     * The walk's result.
     *
     * @param pipe       the double-buffered timeline of the tiles
     * @param dramBytes  off-chip bytes moved
     * @param bufReads   buffer bytes read by the unit
     * @param bufWrites  buffer bytes written (fills and accumulators)
     * @param tiles      tile counts along m, k, n
     * @param macsIssued MACs of the tiles computed (every tile, unless a causal mask skips some)
     * @param metadataBytes of dramBytes, the sparse formats' metadata (N:M indices, bitmaps, CSR indices)
     */
    public record Totals(TilePipeline pipe, long dramBytes, long bufReads, long bufWrites, long[] tiles,
                         long macsIssued, long metadataBytes) {
        public Totals(TilePipeline pipe, long dramBytes, long bufReads, long bufWrites, long[] tiles, long macsIssued) {
            this(pipe, dramBytes, bufReads, bufWrites, tiles, macsIssued, 0);
        }

        public String tileText() {
            return tiles[0] + "x" + tiles[1] + "x" + tiles[2];
        }
    }

    private TileWalk() {
    }

    public static Totals walk(GemmWork w, boolean sparseMode, Tile tile, LoopOrder order, BufferSpec buffer,
                              DramModel dram, OnChip onChip, TileCost unit) {
        return walk(w, sparseMode, tile, order, buffer, dram, onChip, unit, SkipQuantum.TILE);
    }

    /** The walk, with the granularity at which the unit skips the masked parts of a tile. */
    public static Totals walk(GemmWork w, boolean sparseMode, Tile tile, LoopOrder order, BufferSpec buffer,
                              DramModel dram, OnChip onChip, TileCost unit, SkipQuantum quantum) {
        // without a sparsity-method overlay the walk is the plain one: a causal mask skips whole tiles only and
        // loads whole operand tiles, so presets without methods keep their cycle counts
        TileMasks masks = w.overlay() != null ? new TileMasks(w, sparseMode, quantum, dram.burstBytes()) : null;
        long[] dims = Tiler.dims(w, sparseMode);
        boolean aOnChip = onChip.input(0);
        boolean bOnChip = !w.bIsWeight() && onChip.input(1);
        long m = dims[0];
        long k = dims[1];
        long n = dims[2];
        double bBits = w.bBitsFetched() + (sparseMode ? w.nm().indexBits() : 0);
        TilePipeline pipe = new TilePipeline(buffer.doubleBuffered());
        long tmCount = ceilDiv(m, tile.m());
        long tkCount = ceilDiv(k, tile.k());
        long tnCount = ceilDiv(n, tile.n());
        boolean kSplit = tkCount > 1;
        long dramBytes = 0;
        long bufReads = 0;
        long bufWrites = 0;
        long issued = 0;
        double metadata = 0;
        int indexBits = sparseMode ? w.nm().indexBits() : 0;
        for (long b = 0; b < w.batch(); b++) {
            for (long outer = 0; outer < (order == LoopOrder.MN ? tmCount : tnCount); outer++) {
                boolean stationaryLoaded = false;
                for (long inner = 0; inner < (order == LoopOrder.MN ? tnCount : tmCount); inner++) {
                    long i = order == LoopOrder.MN ? outer : inner;
                    long j = order == LoopOrder.MN ? inner : outer;
                    long tm = Math.min(tile.m(), m - i * tile.m());
                    long tn = Math.min(tile.n(), n - j * tile.n());
                    // tiles the work's masks remove entirely (above a causal diagonal, outside a pattern) are skipped
                    if (masks != null && masks.outputsEmpty(i * tile.m(), i * tile.m() + tm, j * tile.n(), j * tile.n() + tn)) {
                        continue;
                    }
                    // the highest key any row of this row tile may see, and the lowest (a sliding window's
                    // start); tiles outside them are masked out
                    long lastKey = w.causal() == null ? Long.MAX_VALUE : w.causal().lastKey(i * tile.m() + tm);
                    long firstKey = w.causal() == null ? 0 : w.causal().firstKey(i * tile.m());
                    if (masks == null && w.maskOnN() && (j * tile.n() > lastKey || j * tile.n() + tn <= firstKey)) {
                        continue;
                    }
                    long lastL = masks == null && w.maskOnK() ? Math.min(tkCount - 1, lastKey / tile.k()) : tkCount - 1;
                    long firstL = masks == null && w.maskOnK() ? Math.min(lastL, firstKey / tile.k()) : 0;
                    while (masks != null && lastL > 0 && masks.keep(i * tile.m(), tm, lastL * tile.k(),
                            Math.min(tile.k(), k - lastL * tile.k()), j * tile.n(), tn).skip()) {
                        lastL--;
                    }
                    for (long l = firstL; l <= lastL; l++) {
                        long tk = Math.min(tile.k(), k - l * tile.k());
                        TileMasks.Keep kept = masks == null ? TileMasks.Keep.ALL
                                : masks.keep(i * tile.m(), tm, l * tile.k(), tk, j * tile.n(), tn);
                        if (kept.skip()) {
                            continue;
                        }
                        long aBytes = (long) Math.ceil(ceilDiv(tm * tk * w.actBits(), 8) * kept.aFraction());
                        long bBytes = kept.bBytes() >= 0 ? (long) Math.ceil(kept.bBytes()) : (long) Math.ceil(tk * tn * bBits / 8);
                        boolean loadA = order == LoopOrder.NM || kSplit || !stationaryLoaded;
                        boolean loadB = order == LoopOrder.MN || kSplit || !stationaryLoaded;
                        long cBytes = l == lastL && !onChip.output() ? (long) Math.ceil(ceilDiv(tm * tn * w.actBits(), 8) * kept.cFraction()) : 0;
                        long moved = (loadA && !aOnChip ? aBytes : 0) + (loadB && !bOnChip ? bBytes : 0) + cBytes;
                        if (loadB && !bOnChip) {
                            metadata += kept.bMetadata() + (double) tk * tn * indexBits / 8;
                        }
                        long reads = unit.bufferReads(tm, tn, aBytes, bBytes);
                        long compute = Math.max((long) Math.ceil(unit.computeCycles(i, j, l, tm, tk, tn) * kept.compute() - 1e-9),
                                (long) Math.ceil(reads / buffer.bytesPerCycle()));
                        // the node's first transfer also waits the memory's idle latency
                        pipe.add(dram.cycles(moved) + (moved > 0 && dramBytes == 0 ? dram.latencyCycles() : 0), compute);
                        dramBytes += moved;
                        bufReads += reads;
                        bufWrites += (loadA ? aBytes : 0) + (loadB ? bBytes : 0) + tm * tn * Tiler.ACC_BYTES;
                        issued += Math.round(tm * tk * tn * kept.compute());
                    }
                    stationaryLoaded = true;
                }
            }
        }
        return new Totals(pipe, dramBytes, bufReads, bufWrites, new long[] {tmCount, tkCount, tnCount}, issued,
                Math.round(metadata));
    }

    static long ceilDiv(long x, long y) {
        return (x + y - 1) / y;
    }
}
