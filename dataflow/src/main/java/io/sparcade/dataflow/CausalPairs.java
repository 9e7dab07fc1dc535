package io.sparcade.dataflow;

import io.sparcade.model.workload.CausalMask;

/**
 * A causal (and optionally windowed) mask as a {@link PairMask} over queries x keys: exact counts from
 * {@link CausalMask#pairs}. Row r sees the keys in [firstKey(r), lastKey(r + 1)], an interval, so a row group's
 * union of keys is the interval from its first row's first key to its last row's last key.
 */
public record CausalPairs(CausalMask mask, long rows, long cols) implements PairMask {
    @Override
    public double kept(long r0, long r1, long c0, long c1) {
        if (r1 <= r0 || c1 <= c0) {
            return 0;
        }
        return mask.pairs(r0, r1, c1) - mask.pairs(r0, r1, c0);
    }

    /** Keys any row of [r0, r1) sees, clipped to [c0, c1): an interval [lo, hi). */
    private long[] span(long r0, long r1, long c0, long c1) {
        long lo = Math.max(c0, mask.firstKey(r0));
        long hi = Math.min(c1, mask.lastKey(r1) + 1);
        return new long[] {lo, Math.max(lo, hi)};
    }

    @Override
    public double keptCellArea(long r0, long r1, long c0, long c1, long qr, long qc) {
        double area = 0;
        for (long a = r0; a < r1; a = Math.min(r1, (a / qr + 1) * qr)) {
            long b = Math.min(r1, (a / qr + 1) * qr);
            long[] s = span(a, b, c0, c1);
            if (s[1] <= s[0]) {
                continue;
            }
            // column cells touching [lo, hi), clipped to [c0, c1)
            long first = Math.max(c0, s[0] / qc * qc);
            long last = Math.min(c1, ((s[1] - 1) / qc + 1) * qc);
            area += (double) (b - a) * (last - first);
        }
        return area;
    }

    @Override
    public double keptColumns(long r0, long r1, long c0, long c1) {
        long[] s = span(r0, r1, c0, c1);
        return s[1] - s[0];
    }


    @Override
    public String granularity() {
        return mask.window() > 0 ? "element (causal, window " + mask.window() + ")" : "element (causal)";
    }
}
