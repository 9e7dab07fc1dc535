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
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.Tile;

/**
 * Cycle model of the N:M sparse systolic array, tile by tile.
 *
 * <p>Compute follows SCALE-Sim (v2) exactly in dense mode: the GEMM maps to spatial rows Sr, spatial columns
 * Sc and temporal length T by dataflow (OS: Sr=m, Sc=n, T=k; WS: Sr=k, Sc=n, T=m; IS: Sr=k, Sc=m, T=n), takes
 * ceil(Sr/R)·ceil(Sc/C) folds of T+R+C-2 cycles (OS) or 2R+C+T-2 cycles (WS, IS), and reports the index of
 * the last cycle (total - 1), as SCALE-Sim's COMPUTE_REPORT does. In N:M mode the reduction k is replaced by
 * k·N/M: each PE holds the N nonzero weights of a group and an M:1 multiplexer picks their activations.
 *
 * <p>Memory: each tile's new operands come from DRAM (which ones depends on the loop order), the tile's
 * buffer reads may bound its compute, and double buffering overlaps tiles.
 */
public final class NmArrayModel {
    private NmArrayModel() {
    }

    /**
     * Compute cycles of one tile: its folds stream their temporal slice (T of the tile); the fold's fill and
     * drain (R+C-2 for OS, 2R+C-2 for WS and IS) is paid by the fold's first temporal slice only. Summed over
     * the tiles of a node this is SCALE-Sim's folds x per-fold cycles whatever the tiling: as in SCALE-Sim,
     * buffer sizes change memory traffic and stalls, never compute cycles.
     *
     * @param firstTemporal whether the tile starts the temporal dimension (k for OS, m for WS, n for IS)
     */
    public static long tileComputeCycles(NmArraySpec a, long tm, long tk, long tn, boolean firstTemporal) {
        long sr;
        long sc;
        long t;
        if (a.dataflow() == Dataflow.OS) {
            sr = tm;
            sc = tn;
            t = tk;
        } else if (a.dataflow() == Dataflow.WS) {
            sr = tk;
            sc = tn;
            t = tm;
        } else {
            sr = tk;
            sc = tm;
            t = tn;
        }
        long folds = ceilDiv(sr, a.rows()) * ceilDiv(sc, a.cols());
        long fillDrain = a.dataflow() == Dataflow.OS ? a.rows() + a.cols() - 2 : 2L * a.rows() + a.cols() - 2;
        return folds * (t + (firstTemporal ? fillDrain : 0));
    }

    /** SCALE-Sim's compute cycles for a whole layer: folds x per-fold cycles - 1. */
    public static long scaleSimComputeCycles(NmArraySpec a, long m, long k, long n) {
        return tileComputeCycles(a, m, k, n, true) - 1;
    }

    public static OpCost run(GemmWork w, NmArraySpec a, boolean sparseMode, Tile tile, LoopOrder order,
                             BufferSpec buffer, DramModel dram, OnChip onChip) {
        TileWalk.Totals t = TileWalk.walk(w, sparseMode, tile, order, buffer, dram, onChip, new TileWalk.TileCost() {
            @Override
            public long computeCycles(long i, long j, long l, long tm, long tk, long tn) {
                boolean firstTemporal = a.dataflow() == Dataflow.OS ? l == 0 : a.dataflow() == Dataflow.WS ? i == 0 : j == 0;
                return tileComputeCycles(a, tm, tk, tn, firstTemporal);
            }

            @Override
            public long bufferReads(long tm, long tn, long aBytes, long bBytes) {
                return NmArrayModel.bufferReads(a, aBytes, bBytes, tm, tn);
            }
        }, SkipGranularity.of(a, w, sparseMode, tile.k()));
        TilePipeline pipe = t.pipe();
        long computeCycles = pipe.computeCycles() - 1;
        long cycles = pipe.total() - 1;
        long issued = t.macsIssued();
        long useful = w.usefulMacs();
        double util = computeCycles <= 0 ? 0 : (double) useful / ((double) a.rows() * a.cols() * (computeCycles + 1));
        ActionCounts.Builder acts = ActionCounts.builder()
                .add(Action.mac(Math.max(w.actBits(), w.bBits())), issued)
                .buffer(buffer, t.bufReads(), t.bufWrites())
                .add(Action.DRAM_BYTE, t.dramBytes());
        if (sparseMode) {
            acts.add(Action.MUX_SELECT, issued);
        }
        return new OpCost(cycles, computeCycles, pipe.memoryCycles(), pipe.stallCycles(), issued, useful, t.dramBytes(),
                t.bufReads(), t.bufWrites(), util, acts.build(),
                (sparseMode ? w.nm().ratio() + " sparse" : "dense") + ", " + a.dataflow().id() + ", tiles " + t.tileText()
                        + skipText(w, SkipGranularity.of(a, w, sparseMode, tile.k())), t.metadataBytes());
    }

    /**
     * Buffer bytes read for one tile: the operand held stationary is read once, the streamed one once per fold
     * of the other spatial dimension.
     */
    static long bufferReads(NmArraySpec a, long aBytes, long bBytes, long tm, long tn) {
        return switch (a.dataflow()) {
            case OS -> aBytes * ceilDiv(tn, a.cols()) + bBytes * ceilDiv(tm, a.rows());
            case WS -> bBytes + aBytes * ceilDiv(tn, a.cols());
            case IS -> aBytes + bBytes * ceilDiv(tm, a.cols());
        };
    }

    /** For a node with masks: the granularity its masked parts are skipped at. */
    static String skipText(GemmWork w, io.sparcade.hwsim.memory.SkipQuantum q) {
        return io.sparcade.hwsim.memory.TileMasks.needed(w) ? ", skips " + q.text() + " (m x k x n)" : "";
    }

    static long ceilDiv(long x, long y) {
        return (x + y - 1) / y;
    }
}
