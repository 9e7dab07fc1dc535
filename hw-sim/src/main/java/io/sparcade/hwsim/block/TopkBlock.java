package io.sparcade.hwsim.block;

import io.sparcade.hwsim.compute.QuickSelect;
import io.sparcade.model.block.TopkConfig;
import java.util.SplittableRandom;

/**
 * Bit-exact model of the quick-select top-k engine block. Selection is {@link QuickSelect} with the RTL's
 * pivot source ({@link Lfsr16}); then a final pass over the whole query keeps the scores above the k-th value
 * and, in index order, as many scores equal to it as make exactly k. Outputs are the kept indices, ascending.
 * Cycles: QuickSelect's sum over rounds of ceil(|seq|/P) + 3, plus ceil(len/P) for the final pass (the
 * op-level model leaves this pass out; the block emits indices, so it pays it).
 */
public final class TopkBlock {
    private TopkBlock() {
    }

    /** One query: {@code len} unsigned scores of {@code width} bits. */
    public record Query(int[] scores) implements BlockQuery {
    }

    /** The RTL's pivot source (shared with the op-level model): {@link QuickSelect.Lfsr16}. */
    public static final class Lfsr16 implements QuickSelect.PivotSource {
        private final QuickSelect.Lfsr16 lfsr = new QuickSelect.Lfsr16();

        @Override
        public int next(int len) {
            return lfsr.next(len);
        }
    }

    public static BlockResult run(TopkConfig c, Query q) {
        int[] s = q.scores();
        QuickSelect.Result sel = QuickSelect.select(s, c.k(), c.p(), new Lfsr16());
        int kth = sel.kthValue();
        int greater = 0;
        for (int v : s) {
            if (v > kth) {
                greater++;
            }
        }
        int equalsToKeep = c.k() - greater;
        long[] out = new long[c.k()];
        int n = 0;
        for (int i = 0; i < s.length; i++) {
            if (s[i] > kth || (s[i] == kth && equalsToKeep-- > 0)) {
                out[n++] = i;
            }
        }
        if (n != c.k()) {
            throw new IllegalStateException("top-k kept " + n + " of k=" + c.k());
        }
        return new BlockResult(out, sel.cycles() + (c.len() + c.p() - 1) / c.p());
    }

    /**
     * Random scores. {@code distinct} below len makes ties: scores are drawn from that many distinct values
     * (at most 2^width).
     */
    public static Query random(TopkConfig c, int distinct, SplittableRandom rng) {
        int range = Math.min(distinct, 1 << c.width());
        int step = Math.max(1, (1 << c.width()) / range);
        int[] s = new int[c.len()];
        for (int i = 0; i < s.length; i++) {
            s[i] = rng.nextInt(range) * step;
        }
        return new Query(s);
    }
}
