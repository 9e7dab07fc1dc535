package io.sparcade.model.workload;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a KV-cache sparsity method shrinks what decode reads from the cache. */
public enum KvMethod {
    /**
     * Token eviction to a retention budget: only a fraction of the cached tokens stays ("Cache What Lasts: Token
     * Retention for Memory-Bounded KV Cache in LLMs", TRIM-KV: a learned retention gate scores each token once,
     * when it is written).
     */
    EVICT("evict"),
    /**
     * Unstructured per-token magnitude pruning of K and V, stored as a bitmap plus the kept values; attention runs
     * on the compressed cache ("Mustafar: Promoting Unstructured Sparsity for KV Cache Pruning in LLM
     * Inference").
     */
    BITMAP("bitmap"),
    /**
     * Low-rank keys and a sparse selection of KV chunks: chunk landmarks score the chunks, the selected chunks'
     * keys are rebuilt from their low-rank factors and their values fetched ("ShadowKV: KV Cache in Shadows for
     * High-Throughput Long-Context LLM Inference").
     */
    LOW_RANK("low-rank");

    private final String id;

    KvMethod(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
