package io.sparcade.model.presets;

import io.sparcade.model.workload.Workload;
import java.util.List;

/**
 * {@code bert-base}: the attention of every BERT-base encoder layer (12 heads of 64) on one sequence, with
 * SpAtten's cascade token and head pruning (papers.md §2). In an encoder a pruned token is gone as a query
 * and as a key from every later layer, so layer l works on the tokens alive after the top-k of layers 0..l-1.
 */
final class BertBase implements WorkloadPreset {
    @Override
    public String name() {
        return "bert-base";
    }

    @Override
    public String description() {
        return "attention of all BERT-base encoder layers on one sequence, SpAtten cascade token/head pruning";
    }

    @Override
    public List<PresetParameter> parameters() {
        return List.of(new PresetParameter("seq", "384", "tokens in the sequence"),
                new PresetParameter("layers", "12", "encoder layers (BERT-base: 12)"),
                new PresetParameter("token_keep", "0.9", "fraction of tokens each layer's top-k keeps (cascade; estimate)"),
                new PresetParameter("head_keep", "0.95", "fraction of heads each layer keeps (cascade; estimate)"),
                new PresetParameter("key_bits", "12", "bits fetched per key and value (papers.md §2: 12-bit datapath; no quantisation by default)"));
    }

    @Override
    public Workload build(Params p) {
        long seq = p.positiveLong("seq");
        int layers = p.positiveInt("layers");
        long[] tokens = CascadePruning.alive(seq, layers, p.fraction("token_keep"));
        long[] heads = CascadePruning.alive(BertBaseAttention.HEADS, layers, p.fraction("head_keep"));
        int bits = Math.min(p.positiveInt("key_bits"), Gpt2Generation.UNQUANTISED_BITS);
        Workload.Builder b = new Workload.Builder(name()).description(description());
        for (int l = 0; l < layers; l++) {
            long kept = l + 1 < layers ? tokens[l + 1] : tokens[l];
            // Dense: every layer sees all seq tokens as queries and keys; the overlay keeps tokens[l] of them.
            new AttentionLayer("l" + l + ".", BertBaseAttention.HEADS, BertBaseAttention.HEAD_DIM, seq, seq,
                    Gpt2Generation.UNQUANTISED_BITS, heads[l], tokens[l], tokens[l], kept, bits, bits, 0, 0)
                    .queriesKept(tokens[l]).addTo(b);
        }
        p.values().forEach(b::parameter);
        return b.build();
    }
}
