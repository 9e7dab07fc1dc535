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
 * Cycle model of the N:M sparse systolic array, tile by tile, as the RTL array engine runs it.
 *
 * <p>The PE (one definition for the RTL, this model, the block model and the resource estimate): one signed
 * multiplier; in N:M mode it holds (or is sent) one of the N nonzero weights of a group of M with its
 * log2(M)-bit index, and an M:1 multiplexer picks the matching activation from the group's M activations
 * (sc_nm_mac.sv). So an array of R x C PEs does R x C MACs a cycle dense and N:M alike; N:M shrinks the
 * reduction it iterates from k to k·N/M.
 *
 * <p>Compute follows SCALE-Sim (v2) per fold: the GEMM maps to spatial rows Sr, spatial columns Sc and
 * temporal length T by dataflow (OS: Sr=m, Sc=n, T=k; WS: Sr=k, Sc=n, T=m; IS: Sr=k, Sc=m, T=n), a tile takes
 * ceil(Sr/R)·ceil(Sc/C) folds of T+R+C-2 cycles (OS) or 2R+C+T-2 cycles (WS, IS: R of them load the
 * stationary operand). SCALE-Sim reports one cycle less for a layer (the index of its last cycle: SCALE-Sim
 * issue #125); the RTL counts the cycles, so this model does. Every tile pays its folds' fill and drain: a
 * tile that splits the temporal dimension (which the Tiler avoids) costs more than the whole layer.
 *
 * <p>A tile retires (its sums are in the accumulator buffer) one cycle after its last fold for WS and IS
 * (the last sum leaves the array), R cycles after it for OS (the drain writes one array row per cycle).
 * Memory and the double-buffered overlap are the tile program's ({@link TileWalk}, {@link TilePipeline}).
 */
public final class NmArrayModel {
    private NmArrayModel() {
    }

    /**
     * Compute cycles of one tile of tm x tk x tn (tk compressed when sparse): its folds, fill and drain included.
     * An output-stationary tile of one fold that carries its sums in from the previous k tile pays no fill
     * (the fold goes on streaming) and, carrying them out to the next, no drain: a run of such tiles costs the
     * fold over the whole k, SCALE-Sim's count.
     */
    public static long tileComputeCycles(NmArraySpec a, long tm, long tk, long tn, boolean carryIn, boolean carryOut) {
        if (a.dataflow() == Dataflow.OS && (carryIn || carryOut)) {
            return tk + (carryOut ? 0 : a.rows() + a.cols() - 2);
        }
        return tileComputeCycles(a, tm, tk, tn);
    }

    /** Compute cycles of one tile of tm x tk x tn (tk compressed when sparse): its folds, fill and drain included. */
    public static long tileComputeCycles(NmArraySpec a, long tm, long tk, long tn) {
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
        return folds * (t + fillDrain);
    }

    /** SCALE-Sim's reported compute cycles for a whole layer: the fold cycles minus one. */
    public static long scaleSimComputeCycles(NmArraySpec a, long m, long k, long n) {
        return tileComputeCycles(a, m, k, n) - 1;
    }

    /**
     * Cycles from a tile's last fold cycle until its last sum is in the accumulator buffer (WS, IS: the last sum
     * leaves the array; OS: the drain's R rows), or 0 when an OS tile carries its sums to the next k tile.
     */
    public static long tailCycles(NmArraySpec a, boolean carryOut) {
        return a.dataflow() == Dataflow.OS ? (carryOut ? 0 : a.rows()) : 1;
    }

    /** Whether consecutive k tiles keep their sums in the PEs: output stationary, tiles of one fold. */
    public static boolean carriesAcrossK(NmArraySpec a, long tm, long tn) {
        return a.dataflow() == Dataflow.OS && tm <= a.rows() && tn <= a.cols();
    }

    public static OpCost run(GemmWork w, NmArraySpec a, boolean sparseMode, Tile tile, LoopOrder order,
                             BufferSpec buffer, DramModel dram, OnChip onChip) {
        return run(w, a, sparseMode, tile, order, buffer, dram, onChip, false);
    }

    /**
     * @param periodic walk the tiles with {@link io.sparcade.hwsim.memory.PeriodicTileWalk} (skipping steady-state
     *                 repeats; the same numbers), else tile by tile with {@link TileWalk} (the reference)
     */
    public static OpCost run(GemmWork w, NmArraySpec a, boolean sparseMode, Tile tile, LoopOrder order,
                             BufferSpec buffer, DramModel dram, OnChip onChip, boolean periodic) {
        TileWalk.Totals t = periodic
                ? io.sparcade.hwsim.memory.PeriodicTileWalk.walk(w, sparseMode, tile, order, buffer, dram, dram.latencyCycles(),
                        onChip, tileCost(a), SkipGranularity.of(a, w, sparseMode, tile.k()))
                : TileWalk.walk(w, sparseMode, tile, order, buffer, dram, dram.latencyCycles(), onChip, tileCost(a), null,
                        SkipGranularity.of(a, w, sparseMode, tile.k()));
        TilePipeline pipe = t.pipe();
        long computeCycles = pipe.computeCycles();
        long cycles = pipe.total();
        long issued = t.macsIssued();
        long useful = w.usefulMacs();
        double util = computeCycles <= 0 ? 0 : (double) useful / ((double) a.rows() * a.cols() * computeCycles);
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

    /** For a node with a sparsity-method overlay: the granularity its masked parts are skipped at. */
    static String skipText(GemmWork w, io.sparcade.hwsim.memory.SkipQuantum q) {
        return io.sparcade.hwsim.memory.TileMasks.needed(w) ? ", skips " + q.text() + " (m x k x n)" : "";
    }

    /** The array's part of a tile's cost, for the tile walk. */
    public static TileWalk.TileCost tileCost(NmArraySpec a) {
        return new TileWalk.TileCost() {
            @Override
            public long computeCycles(long tm, long tk, long tn, boolean carryIn, boolean carryOut) {
                return tileComputeCycles(a, tm, tk, tn, carryIn, carryOut);
            }

            @Override
            public long bufferReads(long tm, long tn, long aBytes, long bBytes) {
                return NmArrayModel.bufferReads(a, aBytes, bBytes, tm, tn);
            }

            @Override
            public long tailCycles(boolean carryOut) {
                return NmArrayModel.tailCycles(a, carryOut);
            }

            @Override
            public boolean carriesAcrossK(long tm, long tn) {
                return NmArrayModel.carriesAcrossK(a, tm, tn);
            }
        };
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

    static long ceilDiv(long x, long y) {
        return (x + y - 1) / y;
    }
}
