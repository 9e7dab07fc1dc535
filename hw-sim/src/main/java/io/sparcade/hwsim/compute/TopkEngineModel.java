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

    /** Rows longer than this (2^20 scores) are costed by their expectation instead of a functional run. */
    public static final long EXACT_N = 1L << 20;
    /** Nodes with more scores than this in all (2^26) are costed by the expectation too. */
    public static final long EXACT_TOTAL = 1L << 26;

    /** Whether the node is costed by the functional model (drawn scores), not by the expectation. */
    public static boolean exact(TopkWork w) {
        return w.n() <= EXACT_N && (double) w.rows() * w.n() <= EXACT_TOTAL;
    }

    /**
     * The expected cost of one row over uniformly drawn scores, in O(1) time and memory, for rows too long to draw.
     * Scores of {@code bits} bits take D = min(n, 2^bits) distinct values, each about n/D times. Quick-select with a
     * uniformly random pivot picks a uniformly random distinct value, so it runs as over D distinct keys, each round
     * scanning n/D elements per value left: for the k-th largest (rank k' = ceil(k D / n) among the values),
     * the expected rounds are R = H(k') + H(D - k' + 1) - 1 (value j is a pivot iff it is drawn first among the
     * values between it and the target) and the values scanned over all rounds are C(D, k') + R, with Knuth's
     * C(n, k) = 2 [(n + 1) H(n) - (n + 3 - k) H(n + 1 - k) - (k + 2) H(k) + n + 3] comparisons (TAOCP vol. 3, 5.2.2,
     * ex. 32). Cycles: scanned / P, plus 3 per round, plus half a lane group per round for the last partial group,
     * plus the final pass. Statistical top-k: its 3 ceil(n/P) cycles, and the expected survivors of the threshold
     * mean + std Phi^-1(1 - k/n) over uniform scores. The engine's LFSR pivots are not uniform; this is the
     * expectation of the uniform-pivot algorithm the functional model approximates.
     */
    public static RowCost expectedRowCost(TopkWork w, TopkEngineSpec t) {
        long n = w.n();
        int lanes = t.lanes();
        double bound = Math.pow(2, Math.min(w.bits(), 30));
        if (t.algorithm() != TopkAlgorithm.QUICK_SELECT) {
            double mean = (bound - 1) / 2;
            double std = Math.sqrt((bound * bound - 1) / 12);
            double theta = mean + std * StatisticalTopk.inverseNormal(Math.min(1.0 - (double) w.k() / n, 1 - 1e-12));
            double kept = Math.max(0, Math.min(1, (bound - 1 - Math.floor(theta)) / bound));
            return new RowCost(3L * ((n + lanes - 1) / lanes), n, 0, Math.round(kept * n));
        }
        double d = Math.min((double) n, bound);
        double mult = n / d;
        double kk = Math.max(1, Math.ceil(w.k() * d / n));
        double rounds = h(kk) + h(d - kk + 1) - 1;
        double c = 2 * ((d + 1) * h(d) - (d + 3 - kk) * h(d + 1 - kk) - (kk + 2) * h(kk) + d + 3);
        double scanned = mult * (c + rounds);
        double cycles = scanned / lanes + rounds * (QuickSelect.ROUND_OVERHEAD + (lanes - 1) / (2.0 * lanes))
                + Math.ceil((double) n / lanes);
        return new RowCost(Math.round(cycles), Math.round(2 * scanned), Math.round(rounds), w.k());
    }

    /** The harmonic number H(x): summed up to 1,000, Euler-Maclaurin above (error below 1e-13). */
    static double h(double x) {
        if (x <= 1000) {
            double s = 0;
            for (int i = 1; i <= (int) x; i++) {
                s += 1.0 / i;
            }
            return s;
        }
        return Math.log(x) + 0.5772156649015329 + 1 / (2 * x) - 1 / (12 * x * x);
    }

    public static RowCost rowCost(TopkWork w, TopkEngineSpec t, long row) {
        if (!exact(w)) {
            return expectedRowCost(w, t);
        }
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
        RowCost expected = exact(w) ? null : expectedRowCost(w, t);
        for (long r = 0; r < w.rows(); r++) {
            RowCost c = expected != null ? expected : rowCost(w, t, r);
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
                ? "quick-select, " + rounds + " rounds over " + w.rows() + " row(s)" + (exact(w) ? "" : " (expected)")
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
