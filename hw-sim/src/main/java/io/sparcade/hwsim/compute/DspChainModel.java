package io.sparcade.hwsim.compute;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OnChip;
import io.sparcade.hwsim.OpCost;
import io.sparcade.hwsim.energy.Action;
import io.sparcade.hwsim.energy.ActionCounts;
import io.sparcade.hwsim.memory.DramModel;
import io.sparcade.hwsim.memory.TilePipeline;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.DspChainSpec;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.Tile;
import io.sparcade.scheduler.Tiler;

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

    /** Rows of A computed together per DSP (2 with INT8 packing of 8-bit operands). */
    public static int packing(DspChainSpec d, GemmWork w) {
        return d.int8Packing() && w.actBits() <= 8 && w.bBits() <= 8 ? 2 : 1;
    }

    /** Compute cycles of a tile of tm x tk x tn (tk in the terms the chain iterates). */
    public static long tileComputeCycles(DspChainSpec d, GemmWork w, boolean sparseMode, long tm, long tk, long tn) {
        int seg = segmentLength(d, tk, sparseMode ? w.nm().n() : 0);
        long segments = d.dspsPerChain() / seg;
        long passes = (tk + seg - 1) / seg;
        long outputs = ((tm + packing(d, w) - 1) / packing(d, w)) * tn;
        return (outputs * passes + d.chains() * segments - 1) / (d.chains() * segments);
    }

    public static OpCost run(GemmWork w, DspChainSpec d, boolean sparseMode, Tile tile, LoopOrder order,
                             BufferSpec buffer, DramModel dram, OnChip onChip) {
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
        for (long b = 0; b < w.batch(); b++) {
            for (long outer = 0; outer < (order == LoopOrder.MN ? tmCount : tnCount); outer++) {
                for (long inner = 0; inner < (order == LoopOrder.MN ? tnCount : tmCount); inner++) {
                    long i = order == LoopOrder.MN ? outer : inner;
                    long j = order == LoopOrder.MN ? inner : outer;
                    long tm = Math.min(tile.m(), m - i * tile.m());
                    long tn = Math.min(tile.n(), n - j * tile.n());
                    for (long l = 0; l < tkCount; l++) {
                        long tk = Math.min(tile.k(), k - l * tile.k());
                        long aBytes = ceilDiv(tm * tk * w.actBits(), 8);
                        long bBytes = (long) Math.ceil(tk * tn * bBits / 8);
                        boolean loadA = order == LoopOrder.NM || kSplit || inner == 0;
                        boolean loadB = order == LoopOrder.MN || kSplit || inner == 0;
                        long cBytes = l == tkCount - 1 && !onChip.output() ? ceilDiv(tm * tn * w.actBits(), 8) : 0;
                        long moved = (loadA && !aOnChip ? aBytes : 0) + (loadB && !bOnChip ? bBytes : 0) + cBytes;
                        // Activations are broadcast to the chains once per round of chains; each weight is read once.
                        long reads = aBytes * ceilDiv(tn, d.chains()) + bBytes;
                        long compute = tileComputeCycles(d, w, sparseMode, tm, tk, tn);
                        compute = Math.max(compute, (long) Math.ceil(reads / buffer.bytesPerCycle()));
                        pipe.add(dram.cycles(moved), compute);
                        dramBytes += moved;
                        bufReads += reads;
                        bufWrites += (loadA ? aBytes : 0) + (loadB ? bBytes : 0) + tm * tn * Tiler.ACC_BYTES;
                    }
                }
            }
        }
        long fill = d.dspsPerChain();
        long computeCycles = pipe.computeCycles() + fill;
        long cycles = pipe.total() + fill;
        long issued = w.batch() * m * k * n;
        long useful = w.batch() * w.m() * w.effectiveK() * w.n();
        double slots = (double) d.totalDsps() * packing(d, w) * computeCycles;
        ActionCounts.Builder acts = ActionCounts.builder()
                .add(Action.mac(Math.max(w.actBits(), w.bBits())), issued)
                .add(Action.sramByte(buffer.capacityBytes()), bufReads + bufWrites)
                .add(Action.DRAM_BYTE, dramBytes);
        if (sparseMode) {
            acts.add(Action.MUX_SELECT, issued);
        }
        int seg = segmentLength(d, tile.k(), sparseMode ? w.nm().n() : 0);
        return new OpCost(cycles, computeCycles, pipe.memoryCycles(), pipe.stallCycles(), issued, useful, dramBytes,
                bufReads, bufWrites, slots == 0 ? 0 : useful / slots, acts.build(),
                (sparseMode ? w.nm().ratio() + " sparse" : "dense") + ", segments of " + seg + " DSP, packing x"
                        + packing(d, w) + ", tiles " + tmCount + "x" + tkCount + "x" + tnCount);
    }

    static long ceilDiv(long x, long y) {
        return (x + y - 1) / y;
    }
}
