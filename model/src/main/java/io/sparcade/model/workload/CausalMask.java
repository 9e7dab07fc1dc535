package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;

/**
 * A causal attention mask, part of the dense description of a causal model (not a sparsity overlay): the query
 * at row {@code r} may attend to the key at position {@code j} only when {@code j <= floor(r / group) + offset}.
 * {@code group} query rows share one position (grouped-query attention lays a KV group's {@code group} query
 * heads position-major: row = position x group + head); {@code offset} is the number of keys before the first
 * query (0 for a prompt without past, the context length for a chunk appended to a cache).
 *
 * @param keys   the dimension of the operator that runs over key positions: {@code n} for Q·Kᵀ (scores, keys are
 *               columns) or {@code k} for P·V (keys are the reduction); for a softmax always its columns
 *               ({@code cols}); omitted, a matmul takes n when its B is transposed (Q·Kᵀ) and k otherwise (P·V)
 * @param offset keys visible to the first query row besides its own position, &gt;= 0
 * @param group  query rows per position, &gt;= 1
 */
public record CausalMask(String keys, long offset, int group) {
    public CausalMask {
        keys = keys == null ? "cols" : keys;
        if (!keys.equals("n") && !keys.equals("k") && !keys.equals("cols")) {
            throw new SpecException("causal.keys", "expected n (Q·Kᵀ scores), k (P·V reduction) or cols, got '" + keys + "'");
        }
        Checks.nonNegative(offset, "causal.offset");
        group = group == 0 ? 1 : group;
        Checks.positive(group, "causal.group");
    }

    /** Keys row {@code r} may attend to, out of {@code total}. */
    public long keysOf(long r, long total) {
        return Math.min(total, r / group + offset + 1);
    }

    /** Highest key index any row in [r0, r1) may attend to (r1 &gt; r0). */
    public long lastKey(long r1) {
        return (r1 - 1) / group + offset;
    }

    /**
     * Allowed (row, key) pairs of rows [r0, r1) over {@code total} keys, exact, in O(1): Σ over rows of
     * min(total, floor(r / group) + offset + 1).
     */
    public long pairs(long r0, long r1, long total) {
        return prefix(r1, total) - prefix(r0, total);
    }

    /** Σ over rows r in [0, rows) of min(total, floor(r / group) + offset + 1). */
    private long prefix(long rows, long total) {
        long q = rows / group;
        long rem = rows % group;
        long c = offset + 1;
        // positions p in [0, q): min(total, p + c); the first t of them are below the cap
        long t = Math.max(0, Math.min(q, total - c + 1));
        long full = Math.multiplyExact(t, c) + t * (t - 1) / 2 + Math.multiplyExact(q - t, total);
        return Math.addExact(Math.multiplyExact(full, group), Math.multiplyExact(rem, Math.min(total, q + c)));
    }
}
