package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;

/**
 * A causal attention mask, part of the dense description of a causal model (not a sparsity overlay): the query
 * at row {@code r} may attend to the key at position {@code j} only when {@code j <= floor(r / group) + offset}
 * and, with a sliding window of {@code window} keys (local attention: Mistral, Phi-3), only to the last
 * {@code window} of those, its own position included: {@code j > floor(r / group) + offset - window}.
 * {@code group} query rows share one position (grouped-query attention lays a KV group's {@code group} query
 * heads position-major: row = position x group + head); {@code offset} is the number of keys before the first
 * query (0 for a prompt without past, the context length for a chunk appended to a cache).
 *
 * @param keys   the dimension of the operator that runs over key positions: {@code n} for Q·Kᵀ (scores, keys are
 *               columns) or {@code k} for P·V (keys are the reduction); for a softmax always its columns
 *               ({@code cols}); omitted, a matmul takes n when its B is transposed (Q·Kᵀ) and k otherwise (P·V)
 * @param offset keys visible to the first query row besides its own position, &gt;= 0
 * @param group  query rows per position, &gt;= 1
 * @param window keys a query sees at most (sliding-window attention), or 0 for no window
 */
public record CausalMask(String keys, long offset, int group, long window) {
    public CausalMask(String keys, long offset, int group) {
        this(keys, offset, group, 0);
    }

    public CausalMask {
        keys = keys == null ? "cols" : keys;
        if (!keys.equals("n") && !keys.equals("k") && !keys.equals("cols")) {
            throw new SpecException("causal.keys", "expected n (Q·Kᵀ scores), k (P·V reduction) or cols, got '" + keys + "'");
        }
        Checks.nonNegative(offset, "causal.offset");
        group = group == 0 ? 1 : group;
        Checks.positive(group, "causal.group");
        Checks.nonNegative(window, "causal.window");
    }

    /** The same mask over another dimension of the operator. */
    public CausalMask over(String newKeys) {
        return new CausalMask(newKeys, offset, group, window);
    }

    /** Keys row {@code r} may attend to, out of {@code total}. */
    public long keysOf(long r, long total) {
        return pairs(r, r + 1, total);
    }

    /** Highest key index any row in [r0, r1) may attend to (r1 &gt; r0). */
    public long lastKey(long r1) {
        return (r1 - 1) / group + offset;
    }

    /** Lowest key index any row from {@code r0} on may attend to: 0 without a window. */
    public long firstKey(long r0) {
        return window == 0 ? 0 : Math.max(0, r0 / group + offset - window + 1);
    }

    /**
     * Allowed (row, key) pairs of rows [r0, r1) over {@code total} keys, exact, in O(1): Σ over rows of the keys in
     * [max(0, h + 1 - window), min(total, h + 1)) with h = floor(r / group) + offset, i.e. Σ clamp(h + 1) minus
     * Σ clamp(h + 1 - window), clamp to [0, total].
     */
    public long pairs(long r0, long r1, long total) {
        long c = offset + 1;
        long all = clampedSum(r1, c, total) - clampedSum(r0, c, total);
        if (window == 0) {
            return all;
        }
        return all - (clampedSum(r1, c - window, total) - clampedSum(r0, c - window, total));
    }

    /** Σ over rows r in [0, rows) of clamp(floor(r / group) + c, 0, total); c may be negative. */
    private long clampedSum(long rows, long c, long total) {
        long q = rows / group;
        long rem = rows % group;
        // positions p in [0, q): the first a give 0, then p + c up to position b, then total
        long a = Math.min(q, Math.max(0, -c));
        long b = Math.min(q, Math.max(a, total - c + 1));
        long linear = Math.multiplyExact(b - a, c) + (a + b - 1) * (b - a) / 2;
        long full = Math.addExact(linear, Math.multiplyExact(q - b, total));
        long last = Math.max(0, Math.min(total, q + c));
        return Math.addExact(Math.multiplyExact(full, group), Math.multiplyExact(rem, last));
    }
}
