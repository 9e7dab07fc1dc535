package io.sparcade.model.presets;

import io.sparcade.model.workload.Eltwise;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.Matmul;
import io.sparcade.model.workload.Norm;
import io.sparcade.model.workload.Reshape;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Softmax;
import io.sparcade.model.workload.Workload;
import java.util.List;

/**
 * {@code llama2-7b-decode}: one LLaMA2-7B decoder layer generating one token per sequence (hidden 4096, 32
 * heads of 128, FFN 11008, 32 layers: the published LLaMA2-7B configuration). The graph is one layer; the
 * workload repeats it 32 times for tokens/s. Weights are N:M sparse along k (FlightLLM maps N:M with M = 16,
 * papers.md §3; the default 8:16 is an estimate).
 */
final class Llama2Decode implements WorkloadPreset {
    static final long HIDDEN = 4096;
    static final long HEADS = 32;
    static final long HEAD_DIM = 128;
    static final long FFN = 11008;
    static final int LAYERS = 32;

    @Override
    public String name() {
        return "llama2-7b-decode";
    }

    @Override
    public String description() {
        return "one LLaMA2-7B decoder layer, one decode token (x32 layers for tokens/s)";
    }

    @Override
    public List<PresetParameter> parameters() {
        return List.of(
                new PresetParameter("context", "1024", "tokens already in the KV cache"),
                new PresetParameter("batch", "1", "sequences decoded together"),
                new PresetParameter("weight_bits", "8", "bits per weight (FlightLLM mixes INT4/INT8; estimate)"),
                new PresetParameter("nm", "8:16", "N:M sparsity of the weights (M = 16 per papers.md §3; estimate), or dense"));
    }

    @Override
    public Workload build(Params p) {
        long ctx = p.positiveLong("context");
        long batch = p.positiveLong("batch");
        int wbits = p.positiveInt("weight_bits");
        int[] nm = p.nm("nm");
        Shape act = Shape.of(batch, HIDDEN);
        Shape heads = Shape.of(batch * HEADS, 1, HEAD_DIM);
        Workload.Builder b = new Workload.Builder(name()).description(description())
                .repeat(LAYERS).tokens((int) batch)
                .input("x", act)
                .input("k_cache", Shape.of(batch * HEADS, ctx, HEAD_DIM))
                .input("v_cache", Shape.of(batch * HEADS, ctx, HEAD_DIM))
                .op(new Norm("attn_norm", List.of("x"), act, 16))
                .op(new Gemm("q_proj", List.of("attn_norm"), batch, HIDDEN, HIDDEN, 8, wbits))
                .op(new Gemm("k_proj", List.of("attn_norm"), batch, HIDDEN, HIDDEN, 8, wbits))
                .op(new Gemm("v_proj", List.of("attn_norm"), batch, HIDDEN, HIDDEN, 8, wbits))
                .op(new Eltwise("rope", List.of("q_proj", "k_proj"), act, "rope", 16))
                .op(new Reshape("q_heads", List.of("rope"), heads, 8))
                .op(new Matmul("qk", List.of("q_heads", "k_cache"), batch * HEADS, 1, HEAD_DIM, ctx, true, 8))
                .op(new Softmax("softmax", List.of("qk"), Shape.of(batch * HEADS, 1, ctx), 16))
                .op(new Matmul("pv", List.of("softmax", "v_cache"), batch * HEADS, 1, ctx, HEAD_DIM, false, 8))
                .op(new Reshape("attn", List.of("pv"), act, 8))
                .op(new Gemm("o_proj", List.of("attn"), batch, HIDDEN, HIDDEN, 8, wbits))
                .op(new Eltwise("residual1", List.of("o_proj", "x"), act, "add", 16))
                .op(new Norm("ffn_norm", List.of("residual1"), act, 16))
                .op(new Gemm("gate_proj", List.of("ffn_norm"), batch, HIDDEN, FFN, 8, wbits))
                .op(new Gemm("up_proj", List.of("ffn_norm"), batch, HIDDEN, FFN, 8, wbits))
                .op(new Eltwise("silu_mul", List.of("gate_proj", "up_proj"), Shape.of(batch, FFN), "silu*mul", 16))
                .op(new Gemm("down_proj", List.of("silu_mul"), batch, FFN, HIDDEN, 8, wbits))
                .op(new Eltwise("residual2", List.of("down_proj", "residual1"), act, "add", 16));
        if (nm != null) {
            for (String w : List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")) {
                b.nm(w, nm[0], nm[1], "k");
            }
        }
        p.values().forEach(b::parameter);
        return b.build();
    }
}
