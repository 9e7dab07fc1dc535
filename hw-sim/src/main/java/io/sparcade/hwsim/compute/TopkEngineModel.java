package io.sparcade.hwsim.compute;

import io.sparcade.dataflow.OnChip;
import io.sparcade.dataflow.TopkWork;
import io.sparcade.hwsim.OpCost;
import io.sparcade.hwsim.energy.Action;
import io.sparcade.hwsim.energy.ActionCounts;
import io.sparcade.hwsim.memory.DramModel;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.TopkAlgorithm;
import io.sparcade.model.arch.TopkEngineSpec;
import java.util.SplittableRandom;

/**
 * Cycle model of the top-k engine. Quick-select costs its rounds (papers.md §2) plus one final pass of
 * ceil(n/P) cycles that keeps the scores above the k-th value, as the RTL engine does. Data dependent: each row's scores are drawn from the node's seed
 * (uniform integers of the score width, so ties occur as in fixed-point hardware) and run through the
 * functional quick-select or statistical top-k, whose cycle counts are summed. Score reads from DRAM stream
 * alongside the selection; the slower bounds the node.
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

    public static OpCost run(TopkWork w, TopkEngineSpec t, BufferSpec buffer, DramModel dram, OnChip onChip) {
        long offChipBytes = (onChip.input(0) ? 0 : w.inputBytes()) + (onChip.output() ? 0 : w.outputBytes());
        if (w.k() >= w.n()) {
            long dramBytes = offChipBytes;
            long mem = dram.cycles(dramBytes) + (dramBytes > 0 ? dram.latencyCycles() : 0);
            return new OpCost(mem, 0, mem, mem, 0, 0, dramBytes, 0, 0, 0,
                    ActionCounts.builder().add(Action.DRAM_BYTE, dramBytes).build(), "k = n: every element kept, no selection");
        }
        long cycles = 0;
        long comparisons = 0;
        long rounds = 0;
        long survivors = 0;
        for (long r = 0; r < w.rows(); r++) {
            int[] s = scores(w.seed(), r, (int) w.n(), w.bits());
            if (t.algorithm() == TopkAlgorithm.QUICK_SELECT) {
                QuickSelect.Result q = QuickSelect.select(s, (int) w.k(), t.lanes(), new SplittableRandom(w.seed() + r));
                // plus the final pass over the row that keeps the scores above the k-th value (as the RTL
                // top-k engine and its block model, TopkBlock, count it)
                cycles += q.cycles() + (w.n() + t.lanes() - 1) / t.lanes();
                comparisons += q.comparisons();
                rounds += q.rounds();
                survivors += w.k();
            } else {
                StatisticalTopk.Result q = StatisticalTopk.select(s, (int) w.k(), t.lanes());
                cycles += q.cycles();
                comparisons += q.comparisons();
                survivors += q.survivors();
            }
        }
        long dramBytes = offChipBytes;
        long mem = dram.cycles(dramBytes) + (dramBytes > 0 ? dram.latencyCycles() : 0);
        long total = buffer.doubleBuffered() ? Math.max(mem, cycles) : mem + cycles;
        long bufBytes = 2 * w.inputBytes();
        ActionCounts acts = ActionCounts.builder()
                .add(Action.COMPARE, comparisons)
                .buffer(buffer, w.inputBytes(), w.inputBytes())
                .add(Action.DRAM_BYTE, dramBytes)
                .build();
        String detail = t.algorithm() == TopkAlgorithm.QUICK_SELECT
                ? "quick-select, " + rounds + " rounds over " + w.rows() + " row(s)"
                : "statistical, " + survivors + " survivors for k=" + w.k() + " x " + w.rows() + " row(s)";
        return new OpCost(total, cycles, mem, total - cycles, 0, 0, dramBytes, w.inputBytes(), w.inputBytes(), 0, acts, detail);
    }
}
