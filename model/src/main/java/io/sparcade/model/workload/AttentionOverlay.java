package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;

/**
 * Sparse attention on an attention operator (Q·Kᵀ, its softmax, P·V): the {@code pattern} keeps a fraction
 * {@code density} of the (query, key) pairs a dense (causal) attention computes. The pattern's positions are
 * built in {@code io.sparcade.dataflow.AttentionPatterns}; the unit computes them at its own granularity (an array
 * fold, a DSP-chain output), so a block pattern aligned to it gives nearly its full gain and an element-level one
 * much less. The index-building step (the method's selector) runs before Q·Kᵀ.
 *
 * <p>Defaults from the papers: {@code block} 64 for MInference's block-sparse kernel ({@code block_size_M/N = 64},
 * MInference repository {@code minference/ops/block_sparse_flash_attention.py}) and SeerAttention (block size 64,
 * gate hidden size 128); 128 for FlexPrefill ({@code block_size: 128} in MInference's FlexPrefill integration);
 * 64 for NSA's selection blocks (with compression blocks of 32 at stride 16, 16 selected blocks and a 512-key
 * window: the window gets half as many keys as the selection, as in the paper's 512 : 16 x 64). {@code sink} 128
 * for the A-shape (MInference's StreamingLLM setting {@code n_init: 128}); {@code last_q} 64 (MInference estimates
 * vertical and slash lines from the last 64 queries); vertical and slash lines in the ratio 1000 : 6096 (the most
 * common per-head setting of MInference's Llama-3-8B-Instruct-262k configuration).
 *
 * @param pattern the pattern
 * @param density kept fraction of the causal (query, key) pairs, in (0, 1]
 * @param block   block edge in queries and keys, for block patterns (default: the pattern's)
 * @param sink    initial keys every query keeps, for {@code a-shape} (default 128)
 * @param lastQ   queries whose scores estimate the lines, for {@code vertical-slash} (default 64)
 * @param gateDim hidden size of SeerAttention's gate (default 128)
 * @param seed    seed of the positions a data-dependent pattern picks (default 1)
 */
public record AttentionOverlay(AttentionPattern pattern, double density, int block, int sink, int lastQ, int gateDim,
                               long seed) {
    public static final int DEFAULT_SINK = 128;
    public static final int DEFAULT_LAST_Q = 64;
    public static final int DEFAULT_GATE_DIM = 128;
    /** MInference Llama-3-8B-Instruct-262k: vertical_size 1000, slash_size 6096. */
    public static final double VERTICAL_SHARE = 1000.0 / (1000 + 6096);
    /** NSA: compression block 32, stride 16. */
    public static final int NSA_COMPRESS_BLOCK = 32;
    public static final int NSA_COMPRESS_STRIDE = 16;
    /** NSA: window 512 keys against 16 selected blocks of 64 (1024 keys). */
    public static final double NSA_WINDOW_SHARE = 512.0 / (512 + 1024);

    public AttentionOverlay {
        Checks.present(pattern, "pattern");
        Checks.fraction(density, "density");
        block = block == 0 ? pattern.defaultBlock() : block;
        sink = pattern == AttentionPattern.A_SHAPE && sink == 0 ? DEFAULT_SINK : sink;
        lastQ = lastQ == 0 ? DEFAULT_LAST_Q : lastQ;
        gateDim = gateDim == 0 ? DEFAULT_GATE_DIM : gateDim;
        seed = seed == 0 ? 1 : seed;
        Checks.positive(block, "block");
        if (pattern.blockwise() && block < 2) {
            throw new SpecException("block", "attention pattern '" + pattern.id() + "' selects blocks: block must be >= 2, got " + block);
        }
        Checks.nonNegative(sink, "sink");
        Checks.positive(lastQ, "last_q");
        Checks.positive(gateDim, "gate_dim");
    }

    public AttentionOverlay(AttentionPattern pattern, double density) {
        this(pattern, density, 0, 0, 0, 0, 0);
    }
}
