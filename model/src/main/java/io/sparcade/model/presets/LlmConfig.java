package io.sparcade.model.presets;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;

/**
 * The shape of a decoder-only LLM, what {@link DecoderLlm} builds its graph from: read from a Hugging Face
 * {@code config.json} ({@code io.sparcade.model.hf.HfConfig}) or given by a built-in preset.
 *
 * @param name             short name (preset or file)
 * @param description      one line for humans
 * @param hidden           hidden size
 * @param layers           decoder layers
 * @param heads            attention (query) heads
 * @param kvHeads          K/V heads (grouped-query attention; = heads for multi-head, 1 for multi-query)
 * @param headDim          dimension of one head
 * @param ffn              intermediate size of a dense MLP
 * @param gatedMlp         true: gate, up and down projections with act(gate) x up (SwiGLU, GeGLU); false: fc1,
 *                         act, fc2
 * @param act              the MLP's activation (silu, gelu, relu), a label for reports
 * @param rotary           true: rotary position embeddings on Q and K; false: learned absolute positions (a
 *                         table looked up once per pass, Q scaled by 1/sqrt(d) in the layer: OPT)
 * @param positions        rows of a learned position table (0 with rotary embeddings)
 * @param vocab            vocabulary size (embedding rows, LM head columns)
 * @param tiedEmbeddings   whether the LM head reuses the embedding table
 * @param window           sliding-window attention: keys a query sees at most, 0 for full attention
 * @param moe              the mixture of experts replacing the dense MLP, or null
 * @param dtypeBits        bits per element of the released weights (torch_dtype): the default precision
 */
public record LlmConfig(String name, String description, long hidden, int layers, long heads, long kvHeads,
                        long headDim, long ffn, boolean gatedMlp, String act, boolean rotary, long positions,
                        long vocab, boolean tiedEmbeddings, long window, Moe moe, int dtypeBits) {

    /**
     * A mixture of experts in place of the dense MLP.
     *
     * @param experts     routed experts per layer (E)
     * @param topK        experts per token (k)
     * @param expertFfn   intermediate size of one routed expert
     * @param sharedFfn   intermediate size of the always-active shared expert(s) together, 0 for none
     * @param sharedGate  whether a sigmoid gate (a [hidden, 1] weight) scales the shared expert (Qwen-MoE)
     * @param firstDense  leading layers that keep a dense MLP of {@code ffn} (DeepSeek's first_k_dense_replace)
     * @param normTopk    whether the top-k routing weights are renormalised to sum to 1
     */
    public record Moe(long experts, long topK, long expertFfn, long sharedFfn, boolean sharedGate, int firstDense,
                      boolean normTopk) {
        public Moe {
            Checks.positive(experts, "num_experts");
            Checks.positive(topK, "num_experts_per_tok");
            if (topK > experts) {
                throw new SpecException("num_experts_per_tok", "must be <= the " + experts + " experts, got " + topK);
            }
            Checks.positive(expertFfn, "moe_intermediate_size");
            Checks.nonNegative(sharedFfn, "shared_expert_intermediate_size");
            Checks.nonNegative(firstDense, "first_k_dense_replace");
        }
    }

    public LlmConfig {
        Checks.name(name, "name");
        Checks.positive(hidden, "hidden_size");
        Checks.positive(layers, "num_hidden_layers");
        Checks.positive(heads, "num_attention_heads");
        Checks.positive(kvHeads, "num_key_value_heads");
        Checks.positive(headDim, "head_dim");
        Checks.positive(ffn, "intermediate_size");
        Checks.positive(vocab, "vocab_size");
        Checks.nonNegative(positions, "max_position_embeddings");
        Checks.nonNegative(window, "sliding_window");
        Checks.positive(dtypeBits, "torch_dtype");
        if (kvHeads > heads || heads % kvHeads != 0) {
            throw new SpecException("num_key_value_heads", "must divide num_attention_heads (" + heads + "), got "
                    + kvHeads);
        }
        if (moe != null && moe.firstDense() >= layers) {
            throw new SpecException("first_k_dense_replace", "must be below num_hidden_layers (" + layers + "), got "
                    + moe.firstDense());
        }
        act = act == null ? "silu" : act;
        description = description == null ? "" : description;
    }

    /** Layers whose MLP is the mixture of experts (all of them but the leading dense ones), or 0 without MoE. */
    public int moeLayers() {
        return moe == null ? 0 : layers - moe.firstDense();
    }
}
