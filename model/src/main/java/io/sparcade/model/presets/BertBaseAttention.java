package io.sparcade.model.presets;

import io.sparcade.model.workload.Matmul;
import io.sparcade.model.workload.Reduce;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Softmax;
import io.sparcade.model.workload.TopK;
import io.sparcade.model.workload.Workload;
import java.util.List;

/**
 * {@code bert-base-attention}: the attention of one BERT-base encoder layer (12 heads, head dimension 64)
 * with SpAtten's token pruning (papers.md §2): Q·Kᵀ, softmax, token importance (sum of probabilities over
 * heads and queries), a top-k over tokens, then P·V reading only the kept tokens' V rows.
 */
final class BertBaseAttention implements WorkloadPreset {
    static final int HEADS = 12;   // BERT-base
    static final int HEAD_DIM = 64; // BERT-base; papers.md §2: D = 64

    @Override
    public String name() {
        return "bert-base-attention";
    }

    @Override
    public String description() {
        return "attention of one BERT-base encoder layer with SpAtten token top-k";
    }

    @Override
    public List<PresetParameter> parameters() {
        return List.of(
                new PresetParameter("seq", "384", "sequence length in tokens"),
                new PresetParameter("keep", "0.5", "fraction of tokens the top-k keeps (estimate; SpAtten tunes it per task)"));
    }

    @Override
    public Workload build(Params p) {
        long seq = p.positiveLong("seq");
        double keep = p.fraction("keep");
        long kept = Math.max(1, (long) Math.ceil(seq * keep));
        Workload.Builder b = new Workload.Builder(name()).description(description())
                .input("q", Shape.of(HEADS, seq, HEAD_DIM))
                .input("k", Shape.of(HEADS, seq, HEAD_DIM))
                .input("v", Shape.of(HEADS, seq, HEAD_DIM))
                .op(new Matmul("qk", List.of("q", "k"), HEADS, seq, HEAD_DIM, seq, true, 12))
                .op(new Softmax("softmax", List.of("qk"), Shape.of(HEADS, seq, seq), 12))
                .op(new Reduce("importance", List.of("softmax"), Shape.of(HEADS, seq, seq), 12))
                .op(new TopK("token_topk", List.of("importance"), 1, seq, kept, 12))
                .op(new Matmul("pv", List.of("softmax", "v", "token_topk"), HEADS, seq, seq, HEAD_DIM, false, 12))
                .keep("pv", "k", (double) kept / seq)
                // SpAtten's pipeline (papers.md §2): Q·K, softmax, importance, top-k and P·V stream through the
                // engines with the probabilities on chip where they fit
                .fuse("qk", "softmax", "importance", "token_topk", "pv");
        p.values().forEach(b::parameter);
        return b.build();
    }
}
