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
 * its buffer reads over the buffer's bandwidth. Under a causal mask a tile the mask removes entirely is
 * skipped (no transfer, no compute); a partly masked tile is computed whole, so issued MACs count tiles.
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
     */
    public record Totals(TilePipeline pipe, long dramBytes, long bufReads, long bufWrites, long[] tiles,
                         long macsIssued) {
        public String tileText() {
            return tiles[0] + "x" + tiles[1] + "x" + tiles[2];
        }
    }

    private TileWalk() {
    }

    public static Totals walk(GemmWork w, boolean sparseMode, Tile tile, LoopOrder order, BufferSpec buffer,
                              DramModel dram, OnChip onChip, TileCost unit) {
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
        for (long b = 0; b < w.batch(); b++) {
            for (long outer = 0; outer < (order == LoopOrder.MN ? tmCount : tnCount); outer++) {
                boolean stationaryLoaded = false;
                for (long inner = 0; inner < (order == LoopOrder.MN ? tnCount : tmCount); inner++) {
                    long i = order == LoopOrder.MN ? outer : inner;
                    long j = order == LoopOrder.MN ? inner : outer;
                    long tm = Math.min(tile.m(), m - i * tile.m());
                    long tn = Math.min(tile.n(), n - j * tile.n());
                    // the highest key any row of this row tile may see; tiles beyond it are masked out
                    long lastKey = w.causal() == null ? Long.MAX_VALUE : w.causal().lastKey(i * tile.m() + tm);
                    if (w.maskOnN() && j * tile.n() > lastKey) {
                        continue;
                    }
                    long lastL = w.maskOnK() ? Math.min(tkCount - 1, lastKey / tile.k()) : tkCount - 1;
                    for (long l = 0; l <= lastL; l++) {
                        long tk = Math.min(tile.k(), k - l * tile.k());
                        long aBytes = ceilDiv(tm * tk * w.actBits(), 8);
                        long bBytes = (long) Math.ceil(tk * tn * bBits / 8);
                        boolean loadA = order == LoopOrder.NM || kSplit || !stationaryLoaded;
                        boolean loadB = order == LoopOrder.MN || kSplit || !stationaryLoaded;
                        long cBytes = l == lastL && !onChip.output() ? ceilDiv(tm * tn * w.actBits(), 8) : 0;
                        long moved = (loadA && !aOnChip ? aBytes : 0) + (loadB && !bOnChip ? bBytes : 0) + cBytes;
                        long reads = unit.bufferReads(tm, tn, aBytes, bBytes);
                        long compute = Math.max(unit.computeCycles(i, j, l, tm, tk, tn),
                                (long) Math.ceil(reads / buffer.bytesPerCycle()));
                        // the node's first transfer also waits the memory's idle latency
                        pipe.add(dram.cycles(moved) + (moved > 0 && dramBytes == 0 ? dram.latencyCycles() : 0), compute);
                        dramBytes += moved;
                        bufReads += reads;
                        bufWrites += (loadA ? aBytes : 0) + (loadB ? bBytes : 0) + tm * tn * Tiler.ACC_BYTES;
                        issued += tm * tk * tn;
                    }
                    stationaryLoaded = true;
                }
            }
        }
        return new Totals(pipe, dramBytes, bufReads, bufWrites, new long[] {tmCount, tkCount, tnCount}, issued);
    }

    static long ceilDiv(long x, long y) {
        return (x + y - 1) / y;
    }
}
