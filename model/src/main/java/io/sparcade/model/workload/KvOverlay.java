package io.sparcade.model.workload;

import io.sparcade.model.Checks;

/**
 * KV-cache sparsity on a decode attention operator (Q·Kᵀ or P·V reading the cache, or its softmax).
 *
 * @param method  the method
 * @param density kept fraction: of the cached tokens ({@code evict}, {@code low-rank}: the selected chunks), or of
 *                the K/V elements ({@code bitmap}: Mustafar keeps 30-50% of them, 50-70% sparsity)
 * @param rank    rank of the low-rank keys (default 160: ShadowKV's {@code --rank 160})
 * @param chunk   tokens per selected chunk (default 8: ShadowKV's {@code --chunk_size 8})
 */
public record KvOverlay(KvMethod method, double density, int rank, int chunk) {
    /** ShadowKV README: --rank 160. */
    public static final int DEFAULT_RANK = 160;
    /** ShadowKV README: --chunk_size 8. */
    public static final int DEFAULT_CHUNK = 8;

    public KvOverlay {
        Checks.present(method, "method");
        Checks.fraction(density, "density");
        rank = rank == 0 ? DEFAULT_RANK : rank;
        chunk = chunk == 0 ? DEFAULT_CHUNK : chunk;
        Checks.positive(rank, "rank");
        Checks.positive(chunk, "chunk");
    }

    public KvOverlay(KvMethod method, double density) {
        this(method, density, 0, 0);
    }
}
