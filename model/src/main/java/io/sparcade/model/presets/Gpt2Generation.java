package io.sparcade.model.presets;

import io.sparcade.model.workload.Workload;
import java.util.List;

/**
 * {@code gpt2-small} / {@code gpt2-medium}: the attention of every layer of GPT-2 generating one token with
 * {@code context} tokens in the KV cache, with SpAtten's cascade token and head pruning, local value pruning
 * and progressive quantisation as the overlay (papers.md §2). Model sizes: GPT-2 small 12 layers x 12 heads,
 * medium 24 x 16, head dimension 64 (the published GPT-2 configurations; the SpAtten traces agree).
 */
final class Gpt2Generation implements WorkloadPreset {
    private final String name;
    private final int layers;
    private final int heads;

    Gpt2Generation(String name, int layers, int heads) {
        this.name = name;
        this.layers = layers;
        this.heads = heads;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "attention of all " + layers + " " + name + " layers generating one token, SpAtten cascade pruning";
    }

    @Override
    public List<PresetParameter> parameters() {
        return List.of(
                new PresetParameter("context", "992", "tokens in the KV cache (the SpAtten GPT-2 traces: 992-1024)"),
                new PresetParameter("token_keep", "0.9", "fraction of tokens each layer's top-k keeps (cascade; estimate)"),
                new PresetParameter("head_keep", "0.95", "fraction of heads each layer keeps (cascade; estimate)"),
                new PresetParameter("value_keep", "0.3", "fraction of kept tokens whose V rows are fetched (local value pruning; a GPT-2 trace fetches 204 of 993)"),
                new PresetParameter("key_bits", "6", "MSBs fetched per key (papers.md §2: e.g. 6 bits)"),
                new PresetParameter("value_bits", "6", "bits fetched per value (the per8 traces: 6)"),
                new PresetParameter("requant_fraction", "0.1", "fraction of rows that re-fetch the 4 LSBs (estimate)"));
    }

    @Override
    public Workload build(Params p) {
        long ctx = p.positiveLong("context");
        long[] tokens = CascadePruning.alive(ctx, layers, p.fraction("token_keep"));
        long[] keptHeads = CascadePruning.alive(heads, layers, p.fraction("head_keep"));
        double valueKeep = p.fraction("value_keep");
        int keyBits = p.positiveInt("key_bits");
        int valueBits = p.positiveInt("value_bits");
        double requant = p.fraction("requant_fraction");
        Workload.Builder b = new Workload.Builder(name).description(description()).tokens(1);
        for (int l = 0; l < layers; l++) {
            long kept = l + 1 < layers ? tokens[l + 1] : tokens[l];
            new AttentionLayer("l" + l + ".", heads, 64, 1, ctx, UNQUANTISED_BITS, keptHeads[l], tokens[l],
                    Math.max(1, Math.ceil(tokens[l] * valueKeep)), kept, Math.min(keyBits, UNQUANTISED_BITS),
                    Math.min(valueBits, UNQUANTISED_BITS), 4, requant).addTo(b);
        }
        p.values().forEach(b::parameter);
        return b.build();
    }

    /** Width of unquantised K/V: the traces' unquantised query width (quant_query_bit = 16). */
    static final int UNQUANTISED_BITS = 16;
}
