package io.sparcade.model.workload;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which (query, key) pairs a sparse-attention method keeps, and at what granularity it was designed. The
 * defaults each pattern takes from its paper are in {@link AttentionOverlay}.
 */
public enum AttentionPattern {
    /** A sliding window of recent keys (local attention); no index to build. */
    WINDOW("window", 1),
    /** Attention sinks (the first keys) plus a local window: MInference's A-shape (StreamingLLM); static. */
    A_SHAPE("a-shape", 1),
    /**
     * Whole key columns (vertical lines) and diagonals (slash lines), chosen online from the last queries'
     * scores: "MInference 1.0: Accelerating Pre-filling for Long-Context LLMs via Dynamic Sparse Attention".
     */
    VERTICAL_SLASH("vertical-slash", 1),
    /** Blocks of queries x keys chosen online from mean-pooled Q and K scores: MInference's block-sparse. */
    BLOCK("block", 64),
    /**
     * Blocks chosen by a learned gate over pooled Q and K: "SeerAttention: Learning Intrinsic Sparse Attention in
     * Your LLMs".
     */
    GATED("gated", 64),
    /**
     * Blocks with a per-head, per-input budget estimated from the last query block: "FlexPrefill: A
     * Context-Aware Sparse Attention Mechanism for Efficient Long-Sequence Inference".
     */
    FLEX("flex", 128),
    /**
     * Native sparse attention: compressed keys, selected blocks and a sliding window: "Native Sparse Attention:
     * Hardware-Aligned and Natively Trainable Sparse Attention".
     */
    NSA("nsa", 64);

    private final String id;
    private final int defaultBlock;

    AttentionPattern(String id, int defaultBlock) {
        this.id = id;
        this.defaultBlock = defaultBlock;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The block (queries x keys) the method selects in, per its paper; 1 for element-level patterns. */
    public int defaultBlock() {
        return defaultBlock;
    }

    /** Whether the method selects whole blocks of queries x keys. */
    public boolean blockwise() {
        return defaultBlock > 1;
    }
}
