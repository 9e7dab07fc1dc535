package io.sparcade.hwsim.compute;

import io.sparcade.dataflow.OnChip;
import io.sparcade.dataflow.TopkWork;
import io.sparcade.hwsim.OpCost;
import io.sparcade.hwsim.energy.Action;
import io.sparcade.hwsim.energy.ActionCounts;
import io.sparcade.hwsim.memory.DramModel;
import io.sparcade.hwsim.memory.TilePipeline;
import io.sparcade.hwsim.memory.TileWalk;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.TopkAlgorithm;
import io.sparcade.model.arch.TopkEngineSpec;
import java.util.SplittableRandom;

/**
 * Cycle model of the top-k engine, row by row as the RTL top-k engine runs it (sc_topk_core.sv). Quick-select
 * costs its rounds (papers.md §2: ceil(|seq|/P) + 3 each) plus one final pass of ceil(n/P) cycles that writes
 * the indices of the k largest; the pivots come from the engine's LFSR ({@link QuickSelect.Lfsr16}, restarted
 * every row). Data dependent: each row's scores are drawn from the node's seed (uniform integers of the score
 * width, so ties occur as in fixed-point hardware) and run through the functional quick-select or statistical
 * top-k. Rows are the tiles of a tile program ({@link TilePipeline}): a row's scores are loaded into one half of
 * the buffer while the previous row is selected, and its k indices (32 bits each) are stored after it.
 */
public final class TopkEngineModel {
    private TopkEngineModel() {
    }

    /** The scores of row {@code row} of a node with {@code seed}. */
    public static int[] scores(long seed, long row, int n, int bits) {
        SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (row + 1)));
        int bound = 1 << Math.min(bits, 30);
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = rng.nextInt(bound);
        }
        return s;
    }

    /** Compute cycles of one row: quick-select's rounds and final pass, or statistical top-k's passes. */
    public record RowCost(long cycles, long comparisons, long rounds, long survivors) {
    }

    public static RowCost rowCost(TopkWork w, TopkEngineSpec t, long row) {
        int[] s = scores(w.seed(), row, (int) w.n(), w.bits());
        if (t.algorithm() == TopkAlgorithm.QUICK_SELECT) {
            QuickSelect.Result q = QuickSelect.select(s, (int) w.k(), t.lanes(), new QuickSelect.Lfsr16());
            // plus the final pass over the row that writes the k indices
            return new RowCost(q.cycles() + (w.n() + t.lanes() - 1) / t.lanes(), q.comparisons(), q.rounds(), w.k());
        }
        StatisticalTopk.Result q = StatisticalTopk.select(s, (int) w.k(), t.lanes());
        return new RowCost(q.cycles(), q.comparisons(), 0, q.survivors());
    }

    public static OpCost run(TopkWork w, TopkEngineSpec t, BufferSpec buffer, DramModel dram, OnChip onChip) {
        return run(w, t, buffer, dram, dram.latencyCycles(), onChip, null);
    }

    /** The model, with the DRAM latency and an optional sink that receives the rows' tile program. */
    public static OpCost run(TopkWork w, TopkEngineSpec t, BufferSpec buffer, DramModel dram, long latency, OnChip onChip,
                             TileWalk.Sink sink) {
        boolean inOff = !onChip.input(0);
        boolean outOff = !onChip.output();
        if (w.k() >= w.n()) {
            long dramBytes = (inOff ? w.inputBytes() : 0) + (outOff ? w.outputBytes() : 0);
            long mem = dram.cycles(dramBytes) + (dramBytes > 0 ? dram.latencyCycles() : 0);
            return new OpCost(mem, 0, mem, mem, 0, 0, dramBytes, 0, 0, 0,
                    ActionCounts.builder().add(Action.DRAM_BYTE, dramBytes).build(), "k = n: every element kept, no selection");
        }
        int halves = buffer.doubleBuffered() ? 2 : 1;
        TilePipeline pipe = new TilePipeline(dram, latency);
        long rowBytes = (w.n() * w.bits() + 7) / 8;
        long outBytes = w.k() * 4;
        long dramBytes = 0;
        long comparisons = 0;
        long rounds = 0;
        long survivors = 0;
        long loads = 0;
        java.util.ArrayDeque<Long> pending = new java.util.ArrayDeque<>();
        for (long r = 0; r < w.rows(); r++) {
            RowCost c = rowCost(w, t, r);
            int half = (int) (r % halves);
            if (inOff) {
                TileWalk.Load ld = new TileWalk.Load(0, Math.max(0, r - halves + 1), rowBytes, half, r, r, 0, 1, w.n());
                pipe.load(rowBytes, ld.waitTiles());
                loads++;
                dramBytes += rowBytes;
                if (sink != null) {
                    sink.load(ld);
                }
            }
            while (!pending.isEmpty() && pending.peekFirst() <= r - halves) {
                dramBytes += store(pending.pollFirst(), outBytes, halves, w, pipe, sink);
            }
            long waitStores = outOff && r >= halves ? r - halves + 1 : 0;
            pipe.compute(c.cycles(), loads, waitStores, 0);
            if (sink != null) {
                sink.compute(new TileWalk.Compute(r, loads, waitStores, c.cycles(), half, 0, half, r, r, 0, 1, w.n(), w.k(), 0,
                        0, w.n(), true, true, false, false));
            }
            if (outOff) {
                pending.addLast(r);
            }
            comparisons += c.comparisons();
            rounds += c.rounds();
            survivors += c.survivors();
        }
        while (!pending.isEmpty()) {
            dramBytes += store(pending.pollFirst(), outBytes, halves, w, pipe, sink);
        }
        long bufBytes = 2 * w.inputBytes();
        ActionCounts acts = ActionCounts.builder()
                .add(Action.COMPARE, comparisons)
                .buffer(buffer, w.inputBytes(), w.inputBytes())
                .add(Action.DRAM_BYTE, dramBytes)
                .build();
        String detail = t.algorithm() == TopkAlgorithm.QUICK_SELECT
                ? "quick-select, " + rounds + " rounds over " + w.rows() + " row(s)"
                : "statistical, " + survivors + " survivors for k=" + w.k() + " x " + w.rows() + " row(s)";
        return new OpCost(pipe.total(), pipe.computeCycles(), pipe.memoryCycles(), pipe.stallCycles(), 0, 0, dramBytes,
                w.inputBytes(), w.inputBytes(), 0, acts, detail);
    }

    private static long store(long row, long bytes, int halves, TopkWork w, TilePipeline pipe, TileWalk.Sink sink) {
        TileWalk.Store st = new TileWalk.Store(row + 1, bytes, (int) (row % halves), row, row, 0, 1, w.k());
        pipe.store(bytes, st.waitTiles());
        if (sink != null) {
            sink.store(st);
        }
        return bytes;
    }
}
