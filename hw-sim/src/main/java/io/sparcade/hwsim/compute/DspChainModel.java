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
 * outputs per cycle. INT8 packing computes two outputs (two activation rows sharing a weight) per DSP.
 * Cycles of a tile = ceil(outputs x passes / (chains x segments)); the cascade's fill latency (L cycles) is
 * paid once per node.
 */
public final class DspChainModel {
    private DspChainModel() {
    }

    /** DSPs per segment for a reduction of {@code k} terms. */
    public static int segmentLength(DspChainSpec d, long k, int nmN) {
        int l = d.dspsPerChain();
        int group = d.dspsPerGroup();
        int cap = nmN > 0 ? Math.max(group, l / nmN) : l;
        long needed = ((k + group - 1) / group) * group;
        return (int) Math.min(cap, Math.max(group, needed));
    }

    /**
     * Rows of A computed together per DSP: 2 with INT8 packing of 8-bit operands, and only where two activation
     * rows share each weight (m >= 2); a matrix-vector product (decode) has one row and gains nothing.
     */
    public static int packing(DspChainSpec d, GemmWork w) {
        return d.int8Packing() && w.actBits() <= 8 && w.bBits() <= 8 && w.m() >= 2 ? 2 : 1;
    }

    /** Compute cycles of a tile of tm x tk x tn (tk in the terms the chain iterates). */
    public static long tileComputeCycles(DspChainSpec d, GemmWork w, boolean sparseMode, long tm, long tk, long tn) {
        int seg = segmentLength(d, tk, sparseMode ? w.nm().n() : 0);
        long segments = d.dspsPerChain() / seg;
        long passes = (tk + seg - 1) / seg;
        long outputs = ((tm + packing(d, w) - 1) / packing(d, w)) * tn;
        long dsp = (outputs * passes + d.chains() * segments - 1) / (d.chains() * segments);
        if (d.weightBytesPerCycle() <= 0) {
            return dsp;
        }
        // every weight of the tile enters the chains once through the weight feed
        double bits = w.bBitsFetched() + (sparseMode ? w.nm().indexBits() : 0);
        long feed = (long) Math.ceil(tk * tn * bits / 8 / d.weightBytesPerCycle());
        return Math.max(dsp, feed);
    }

    public static OpCost run(GemmWork w, DspChainSpec d, boolean sparseMode, Tile tile, LoopOrder order,
                             BufferSpec buffer, DramModel dram, OnChip onChip) {
        TileWalk.Totals t = TileWalk.walk(w, sparseMode, tile, order, buffer, dram, onChip, new TileWalk.TileCost() {
            @Override
            public long computeCycles(long i, long j, long l, long tm, long tk, long tn) {
                return tileComputeCycles(d, w, sparseMode, tm, tk, tn);
            }

            @Override
            public long bufferReads(long tm, long tn, long aBytes, long bBytes) {
                // Activations are broadcast to the chains once per round of chains; each weight is read once.
                return aBytes * ceilDiv(tn, d.chains()) + bBytes;
            }
        }, SkipGranularity.of(d, w, sparseMode, tile.k()));
        TilePipeline pipe = t.pipe();
        long fill = d.dspsPerChain();
        long computeCycles = pipe.computeCycles() + fill;
        long cycles = pipe.total() + fill;
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
