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
 * {@code bert-base-train}: one training step of the BERT-base encoder (the published configuration: 12
 * layers, hidden 768, 12 heads of 64, FFN 3072) on {@code batch} sequences of {@code seq} tokens. BDWP
 * (papers.md §1): the weight GEMMs (QKV, output projection, FFN) are N:M along k forward and along n in
 * backward-data; attention's activation products stay dense.
 */
final class BertBaseTrain implements WorkloadPreset {
    static final long HIDDEN = 768;
    static final long HEADS = 12;
    static final long HEAD_DIM = 64;
    static final long FFN = 3072;

    @Override
    public String name() {
        return "bert-base-train";
    }

    @Override
    public String description() {
        return "one training step of the BERT-base encoder (12 layers), BDWP N:M (2:8 by default)";
    }

    @Override
    public List<PresetParameter> parameters() {
        return List.of(new PresetParameter("batch", "8", "sequences per step"),
                new PresetParameter("seq", "128", "tokens per sequence"),
                new PresetParameter("layers", "12", "encoder layers (BERT-base: 12)"),
                new PresetParameter("nm", "2:8", "N:M of the weight GEMMs (papers.md §1: 2:8), or dense"));
    }

    @Override
    public Workload build(Params p) {
        long batch = p.positiveLong("batch");
        long seq = p.positiveLong("seq");
        int layers = p.positiveInt("layers");
        int[] nm = p.nm("nm");
        long rows = batch * seq;
        Shape act = Shape.of(rows, HIDDEN);
        Shape heads = Shape.of(batch * HEADS, seq, HEAD_DIM);
        Workload.Builder b = new Workload.Builder(name()).description(description()).training(true)
                .input("x", act);
        String prev = "x";
        for (int l = 0; l < layers; l++) {
            String id = "l" + l + ".";
            b.op(new Gemm(id + "q", List.of(prev), rows, HIDDEN, HIDDEN, 8, 8))
                    .op(new Gemm(id + "k", List.of(prev), rows, HIDDEN, HIDDEN, 8, 8))
                    .op(new Gemm(id + "v", List.of(prev), rows, HIDDEN, HIDDEN, 8, 8))
                    .op(new Reshape(id + "q_heads", List.of(id + "q"), heads, 8))
                    .op(new Reshape(id + "k_heads", List.of(id + "k"), heads, 8))
                    .op(new Reshape(id + "v_heads", List.of(id + "v"), heads, 8))
                    .op(new Matmul(id + "qk", List.of(id + "q_heads", id + "k_heads"), batch * HEADS, seq, HEAD_DIM, seq, true, 8))
                    .op(new Softmax(id + "softmax", List.of(id + "qk"), Shape.of(batch * HEADS, seq, seq), 16))
                    .op(new Matmul(id + "pv", List.of(id + "softmax", id + "v_heads"), batch * HEADS, seq, seq, HEAD_DIM, false, 8))
                    .op(new Reshape(id + "merge", List.of(id + "pv"), act, 8))
                    .op(new Gemm(id + "o", List.of(id + "merge"), rows, HIDDEN, HIDDEN, 8, 8))
                    .op(new Eltwise(id + "res1", List.of(id + "o", prev), act, "add", 16))
                    .op(new Norm(id + "ln1", List.of(id + "res1"), act, 16))
                    .op(new Gemm(id + "ffn1", List.of(id + "ln1"), rows, HIDDEN, FFN, 8, 8))
                    .op(new Eltwise(id + "gelu", List.of(id + "ffn1"), Shape.of(rows, FFN), "gelu", 16))
                    .op(new Gemm(id + "ffn2", List.of(id + "gelu"), rows, FFN, HIDDEN, 8, 8))
                    .op(new Eltwise(id + "res2", List.of(id + "ffn2", id + "ln1"), act, "add", 16))
                    .op(new Norm(id + "ln2", List.of(id + "res2"), act, 16));
            if (nm != null) {
                for (String w : List.of("q", "k", "v", "o", "ffn1", "ffn2")) {
                    b.nm(id + w, nm[0], nm[1], "k");
                }
            }
            prev = id + "ln2";
        }
        p.values().forEach(b::parameter);
        return b.build();
    }
}
