package io.sparcade.model.workload;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How an unstructured sparse operand is stored off chip: the kept values plus metadata. The metadata per format
 * (computed in {@code io.sparcade.dataflow.CompressedBytes}):
 * <ul>
 *   <li>{@code bitmap}: one bit per element (Mustafar's KV format; "Mustafar: Promoting Unstructured Sparsity for KV
 *       Cache Pruning in LLM Inference");</li>
 *   <li>{@code csr}: one index per kept value plus one pointer per compressed vector (SCALE-Sim v3's CSR/CSC:
 *       metadata = nonzeros + vectors + 1 entries);</li>
 *   <li>{@code ellpack}: blocked ELLPACK, SCALE-Sim v3's {@code ellpack_block}: every group of M elements along the
 *       reduction is padded to the widest group of its slice, each entry with a log2(M)-bit index.</li>
 * </ul>
 */
public enum SparseFormat {
    BITMAP("bitmap"),
    CSR("csr"),
    ELLPACK("ellpack");

    private final String id;

    SparseFormat(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
