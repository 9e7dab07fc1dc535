package io.sparcade.hwsim.compute;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OnChip;
import io.sparcade.hwsim.OpCost;
import io.sparcade.hwsim.energy.Action;
import io.sparcade.hwsim.energy.ActionCounts;
import io.sparcade.hwsim.memory.DramModel;
import io.sparcade.hwsim.memory.TilePipeline;
import io.sparcade.hwsim.memory.TileWalk;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.DspChainSpec;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.Tile;

/**
 * Cycle model of FlightLLM's configurable sparse DSP chains (papers.md §3).
 *
 * <p>A chain of L DSP48s computes a dot product of L terms per cycle (pipelined through the cascade). Dense,
 * one chain yields one output per pass of L terms; when the reduction is shorter than L, reduction nodes
 * between groups break the chain into segments that each yield an output. N:M sparse, the chain is cut into N
 * segments of L/N DSPs, each DSP picking 1 of M activations through its sparse multiplexer, so a chain yields N
 * outputs per cycle. Segments are whole groups (the breaks sit at group ends). INT8 packing computes two
 * outputs (two activation rows sharing a weight) per DSP.
 *
 * <p>As the RTL engine runs it (sc_csd_seq.sv): the chains share one activation broadcast, so a cycle issues
 * one work item, a row pair (a row unpacked) x a block of chains x segments columns x one pass of seg
 * compressed k positions, passes innermost (each segment accumulates its passes in place). A tile takes
 * ceil(tm / PF) x ceil(tn / (chains x segments)) x ceil(tk / seg) cycles; an item's sums reach the C buffer
 * L + 1 cycles after it issued (the cascade, then the accumulate stage), so a tile retires L + 1 cycles after
 * its last issue, and that fill is paid once per node in compute cycles (tiles issue back to back).
 *
 * <p>With a weight feed ({@link DspChainSpec#weightBytesPerCycle}, FlightLLM's MV mode) a tile takes at least
 * its weights over the feed's width. The RTL engine has no such limiter: layer cross-checks refuse a unit
 * with a feed (cosim names the override that removes it).
 */
public final class DspChainModel {
    private DspChainModel() {
    }

    /** Cycles from a work item's issue until its sums are in the C buffer: the cascade, then the accumulator. */
    public static long fillCycles(DspChainSpec d) {
        return d.dspsPerChain() + 1L;
    }

    /** DSPs per segment for a reduction of {@code k} terms: {@link DspChainSpec#segmentLength}. */
    public static int segmentLength(DspChainSpec d, long k, int nmN) {
        return d.segmentLength(k, nmN);
    }

    /**
     * Rows of A computed together per DSP: 2 with INT8 packing of 8-bit operands, and only where two activation
     * rows share each weight (m >= 2); a matrix-vector product (decode) has one row and gains nothing.
     */
    public static int packing(DspChainSpec d, GemmWork w) {
        return d.int8Packing() && w.actBits() <= 8 && w.bBits() <= 8 && w.m() >= 2 ? 2 : 1;
    }

    /**
     * Compute (issue) cycles of a tile of tm x tk x tn (tk in the terms the chain iterates): row pairs x column
     * blocks x passes, or the tile's weights over the weight feed when that is longer.
     */
    public static long tileComputeCycles(DspChainSpec d, GemmWork w, boolean sparseMode, long tm, long tk, long tn) {
        int seg = segmentLength(d, tk, sparseMode ? w.nm().n() : 0);
        long segments = d.dspsPerChain() / seg;
        long passes = (tk + seg - 1) / seg;
        long rowPairs = (tm + packing(d, w) - 1) / packing(d, w);
        long blocks = (tn + d.chains() * segments - 1) / (d.chains() * segments);
        long dsp = rowPairs * blocks * passes;
        if (d.weightBytesPerCycle() <= 0) {
            return dsp;
        }
        // every weight of the tile enters the chains once through the weight feed
        double bits = w.bBitsFetched() + (sparseMode ? w.nm().indexBits() : 0);
        long feed = (long) Math.ceil(tk * tn * bits / 8 / d.weightBytesPerCycle());
        return Math.max(dsp, feed);
    }

    /** The chains' part of a tile's cost, for the tile walk. */
    public static TileWalk.TileCost tileCost(DspChainSpec d, GemmWork w, boolean sparseMode) {
        return new TileWalk.TileCost() {
            @Override
            public long computeCycles(long tm, long tk, long tn, boolean carryIn, boolean carryOut) {
                return tileComputeCycles(d, w, sparseMode, tm, tk, tn);
            }

            @Override
            public long bufferReads(long tm, long tn, long aBytes, long bBytes) {
                // Activations are broadcast to the chains once per block of columns; each weight is read once.
                return aBytes * ceilDiv(tn, d.chains()) + bBytes;
            }

            @Override
            public long tailCycles(boolean carryOut) {
                return fillCycles(d);
            }

            @Override
            public boolean carriesAcrossK(long tm, long tn) {
                return false;
            }
        };
    }

    public static OpCost run(GemmWork w, DspChainSpec d, boolean sparseMode, Tile tile, LoopOrder order,
                             BufferSpec buffer, DramModel dram, OnChip onChip) {
        return run(w, d, sparseMode, tile, order, buffer, dram, onChip, false);
    }

    /**
     * @param periodic walk the tiles with {@link io.sparcade.hwsim.memory.PeriodicTileWalk} (skipping steady-state
     *                 repeats; the same numbers), else tile by tile with {@link TileWalk} (the reference)
     */
    public static OpCost run(GemmWork w, DspChainSpec d, boolean sparseMode, Tile tile, LoopOrder order,
                             BufferSpec buffer, DramModel dram, OnChip onChip, boolean periodic) {
        TileWalk.Totals t = periodic
                ? io.sparcade.hwsim.memory.PeriodicTileWalk.walk(w, sparseMode, tile, order, buffer, dram, dram.latencyCycles(),
                        onChip, tileCost(d, w, sparseMode), SkipGranularity.of(d, w, sparseMode, tile.k()))
                : TileWalk.walk(w, sparseMode, tile, order, buffer, dram, dram.latencyCycles(), onChip, tileCost(d, w, sparseMode), null,
                        SkipGranularity.of(d, w, sparseMode, tile.k()));
        TilePipeline pipe = t.pipe();
        long fill = fillCycles(d);
        long computeCycles = pipe.computeCycles() + fill;
        long cycles = pipe.total();
        long issued = t.macsIssued();
        long useful = w.usefulMacs();
        double slots = (double) d.totalDsps() * packing(d, w) * computeCycles;
        ActionCounts.Builder acts = ActionCounts.builder()
                .add(packing(d, w) == 2 ? Action.MAC_8B_PACKED : Action.mac(Math.max(w.actBits(), w.bBits())), issued)
                .buffer(buffer, t.bufReads(), t.bufWrites())
                .add(Action.DRAM_BYTE, t.dramBytes());
        if (sparseMode) {
            acts.add(Action.MUX_SELECT, issued);
        }
        int seg = segmentLength(d, tile.k(), sparseMode ? w.nm().n() : 0);
        return new OpCost(cycles, computeCycles, pipe.memoryCycles(), pipe.stallCycles(), issued, useful, t.dramBytes(),
                t.bufReads(), t.bufWrites(), slots == 0 ? 0 : useful / slots, acts.build(),
                (sparseMode ? w.nm().ratio() + " sparse" : "dense") + ", segments of " + seg + " DSP, packing x"
                        + packing(d, w) + ", tiles " + t.tileText()
                        + NmArrayModel.skipText(w, SkipGranularity.of(d, w, sparseMode, tile.k())), t.metadataBytes());
    }

    static long ceilDiv(long x, long y) {
        return (x + y - 1) / y;
    }
}
