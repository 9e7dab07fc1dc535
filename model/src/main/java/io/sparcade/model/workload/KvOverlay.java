package io.sparcade.model.workload;

import io.sparcade.model.Checks;

/**
 * KV-cache sparsity on a decode attention operator (Q·Kᵀ or P·V reading the cache, or its softmax).
 *
 * @param method  the method
 * @param density kept fraction: of the cached tokens ({@code evict}, {@code low-rank}: the selected chunks), or of
 *                the K/V elements ({@code bitmap}: Mustafar keeps 30-50% of them, 50-70% sparsity)
 * @param rank    rank of each K/V head's low-rank keys (default 0: ShadowKV's share of the key width, see
 *                {@link #rankFor})
 * @param chunk   tokens per selected chunk (default 8: ShadowKV's {@code --chunk_size 8})
 */
public record KvOverlay(KvMethod method, double density, int rank, int chunk) {
    /**
     * ShadowKV README: {@code --rank 160}, for the pre-RoPE keys of a whole layer of Llama-3-8B-1M (8 K/V heads x
     * 128 = 1024 key features), i.e. 160 / 1024 of the key width.
     */
    public static final double DEFAULT_RANK_SHARE = 160.0 / 1024;
    /** ShadowKV README: --chunk_size 8. */
    public static final int DEFAULT_CHUNK = 8;

    public KvOverlay {
        Checks.present(method, "method");
        Checks.fraction(density, "density");
        chunk = chunk == 0 ? DEFAULT_CHUNK : chunk;
        Checks.nonNegative(rank, "rank");
        Checks.positive(chunk, "chunk");
    }

    /** The rank of a head of {@code headDim} key features: {@code rank}, or ShadowKV's share of it (at least 1). */
    public long rankFor(long headDim) {
        return rank > 0 ? rank : Math.max(1, Math.round(headDim * DEFAULT_RANK_SHARE));
    }

    public KvOverlay(KvMethod method, double density) {
        this(method, density, 0, 0);
    }
}
