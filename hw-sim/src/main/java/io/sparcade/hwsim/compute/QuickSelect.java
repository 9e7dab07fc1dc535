package io.sparcade.hwsim.compute;

import java.util.SplittableRandom;

/**
 * SpAtten's hardware quick-select (papers.md §2), functionally: each round streams the current sequence
 * through {@code lanes} comparators per cycle against a pseudo-random pivot, splits it into the elements above
 * and below the pivot, and recurses into the side holding rank k. A round costs ceil(|seq| / lanes) + 3
 * cycles. Ties with the pivot are resolved by counting: if rank k falls among the elements equal to the pivot,
 * the k-th value is found.
 */
public final class QuickSelect {
    /** Pipeline cycles a round adds (papers.md §2: ceil(|seq|/P) + 3). */
    public static final int ROUND_OVERHEAD = 3;

    /** Outcome of one selection. */
    public record Result(int kthValue, int rounds, long cycles, long comparisons) {
    }

    /** Where a round's pivot comes from: the position of the pivot in the current sequence of {@code len}. */
    @FunctionalInterface
    public interface PivotSource {
        int next(int len);
    }

    /**
     * The RTL engines' pivot source: a 16-bit Galois LFSR (taps 0xB400) seeded with 0xACE1 at every row; the
     * pivot position is state * len / 2^16, then the state advances once per round.
     */
    public static final class Lfsr16 implements PivotSource {
        public static final int SEED = 0xACE1;
        public static final int TAPS = 0xB400;
        private int state = SEED;

        @Override
        public int next(int len) {
            int pos = (int) (((long) state * len) >>> 16);
            state = (state >>> 1) ^ ((state & 1) != 0 ? TAPS : 0);
            return pos;
        }
    }

    private QuickSelect() {
    }

    /**
     * Finds the k-th largest of {@code scores} (1 &lt;= k &lt;= n), drawing pivots from {@code pivotRng}.
     */
    public static Result select(int[] scores, int k, int lanes, SplittableRandom pivotRng) {
        return select(scores, k, lanes, (PivotSource) pivotRng::nextInt);
    }

    /**
     * Finds the k-th largest of {@code scores} (1 &lt;= k &lt;= n), taking each round's pivot position from
     * {@code pivots} (a hardware LFSR, for instance). The above and below sides keep the sequence order, as
     * zero-eliminating compaction does.
     */
    public static Result select(int[] scores, int k, int lanes, PivotSource pivots) {
        if (k < 1 || k > scores.length) {
            throw new IllegalArgumentException("k must be in 1.." + scores.length + ", got " + k);
        }
        int[] seq = scores.clone();
        int len = seq.length;
        int want = k;
        int rounds = 0;
        long cycles = 0;
        long comparisons = 0;
        int[] above = new int[len];
        int[] below = new int[len];
        while (true) {
            rounds++;
            cycles += (len + lanes - 1) / lanes + ROUND_OVERHEAD;
            comparisons += 2L * len;
            int pivot = seq[pivots.next(len)];
            int na = 0;
            int nb = 0;
            for (int i = 0; i < len; i++) {
                int v = seq[i];
                if (v > pivot) {
                    above[na++] = v;
                } else if (v < pivot) {
                    below[nb++] = v;
                }
            }
            int equal = len - na - nb;
            if (want <= na) {
                System.arraycopy(above, 0, seq, 0, na);
                len = na;
            } else if (want <= na + equal) {
                return new Result(pivot, rounds, cycles, comparisons);
            } else {
                want -= na + equal;
                System.arraycopy(below, 0, seq, 0, nb);
                len = nb;
            }
        }
    }
}
