package io.sparcade.model.presets;

import io.sparcade.model.SpecException;
import io.sparcade.model.workload.Append;
import io.sparcade.model.workload.CausalMask;
import io.sparcade.model.workload.Eltwise;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.Matmul;
import io.sparcade.model.workload.Norm;
import io.sparcade.model.workload.Reshape;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Softmax;
import io.sparcade.model.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * Decoder-only LLMs as FlightLLM runs them (papers.md §3): one decoder layer as the graph, repeated for every
 * layer. Phases: {@code decode} (one new token per sequence, MV mode: bandwidth bound) and {@code prefill} (the
 * whole prompt, MM mode). Length-adaptive compilation: the context is rounded up to a multiple of 128 for
 * prefill and of 16 for decode. Always-on-chip decode: in decode the operators FlightLLM fuses (MV+eltwise
 * incl. RoPE, attention+softmax, MV+SiLU) keep their intermediates on chip. Weights: {@code weight_bits}
 * (INT4/INT8 mixed precision; one width for all weights here), an optional N:M pattern (M = 16) and block
 * sparsity ({@code block_keep}: whole blocks of the reduction skipped, kept as a keep-ratio on k).
 */
final class DecoderLlm implements WorkloadPreset {
    /** A model's shape. */
    record Config(String name, String description, long hidden, long heads, long headDim, long ffn, int layers,
                  boolean gatedSilu) {
    }

    /** LLaMA2-7B: the published configuration (32 layers, 4096 hidden, 32 heads, 11008 gated-SiLU FFN). */
    static final Config LLAMA2_7B = new Config("llama2-7b", "LLaMA2-7B, all 32 layers", 4096, 32, 128, 11008, 32, true);
    /** OPT-6.7B: the published configuration (32 layers, 4096 hidden, 32 heads, 16384 ReLU FFN). */
    static final Config OPT_6_7B = new Config("opt-6.7b", "OPT-6.7B, all 32 layers", 4096, 32, 128, 16384, 32, false);

    static final long PREFILL_BUCKET = 128; // papers.md §3: prefill lengths rounded up to multiples of 128
    static final long DECODE_BUCKET = 16;   // papers.md §3: decode lengths rounded up to multiples of 16

    private final Config c;
    private final String name;
    private final String fixedPhase;

    /** @param fixedPhase a phase this preset always uses (no {@code phase} parameter), or null */
    DecoderLlm(Config c, String name, String fixedPhase) {
        this.c = c;
        this.name = name;
        this.fixedPhase = fixedPhase;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return fixedPhase != null
                ? "one " + c.name() + " decoder layer, one decode token (x" + c.layers() + " layers for tokens/s)"
                : c.description() + ", phase prefill or decode, FlightLLM fusion and length buckets";
    }

    @Override
    public List<PresetParameter> parameters() {
        List<PresetParameter> p = new ArrayList<>();
        if (fixedPhase == null) {
            p.add(new PresetParameter("phase", "decode", "prefill (the prompt) or decode (one new token per sequence)"));
        }
        p.add(new PresetParameter("context", "1024", "tokens already in the KV cache (decode) or the prompt length (prefill)"));
        p.add(new PresetParameter("batch", "1", "sequences processed together"));
        p.add(new PresetParameter("weight_bits", "8", "bits per weight (FlightLLM mixes INT4/INT8; estimate: 8)"));
        p.add(new PresetParameter("kv_bits", "8", "bits per cached K/V element (estimate: 8, as the activations)"));
        p.add(new PresetParameter("kv_heads", String.valueOf(c.heads()),
                "K/V heads (grouped-query attention: heads share a K/V head; " + c.heads() + " = multi-head)"));
        p.add(new PresetParameter("nm", "8:16", "N:M sparsity of the weights (M = 16 per papers.md §3; 8:16 is an estimate), or dense"));
        p.add(new PresetParameter("block_keep", "1", "fraction of weight blocks kept by block sparsity along k (papers.md §3: block + N:M; 1 = none)"));
        return p;
    }

    /**
     * One decoder layer. Attention is grouped by K/V head: each of the {@code kv_heads} groups reads its K and V
     * once for its {@code heads / kv_heads} query heads, whose rows are laid out position-major (row = position x
     * group + head). Decode: the new token's K and V are written to the cache ({@code k_cache_write},
     * {@code v_cache_write}, at {@code kv_bits}) and the token attends to the cached context plus itself, read
     * from the cache. Prefill: K and V come from the projections (and are written to the cache for later
     * decoding); attention is causal, so the scores and P·V cover only the kept (query, key) pairs, at the tile
     * granularity of the unit that runs them.
     */
    @Override
    public Workload build(Params p) {
        String phase = fixedPhase != null ? fixedPhase : p.values().get("phase").trim();
        if (!phase.equals("decode") && !phase.equals("prefill")) {
            throw new SpecException("--param", "phase", "expected prefill or decode, got '" + phase + "'");
        }
        boolean decode = phase.equals("decode");
        long ctx = p.positiveLong("context");
        long batch = p.positiveLong("batch");
        int wbits = p.positiveInt("weight_bits");
        int kvBits = p.positiveInt("kv_bits");
        long kvHeads = p.positiveLong("kv_heads");
        if (kvHeads > c.heads() || c.heads() % kvHeads != 0) {
            throw new SpecException("--param", "kv_heads", "must divide the " + c.heads() + " attention heads of "
                    + c.name() + ", got " + kvHeads);
        }
        int[] nm = p.nm("nm");
        long group = c.heads() / kvHeads;                    // query heads per K/V head
        long hd = c.headDim();
        long h = c.hidden();
        long qDim = c.heads() * hd;
        long kvDim = kvHeads * hd;
        // decode: the new token attends to the cached context and itself; prefill: the prompt attends causally
        long keys = decode ? ctx + 1 : ctx;
        long bucket = decode ? DECODE_BUCKET : PREFILL_BUCKET;
        long len = (keys + bucket - 1) / bucket * bucket;    // length-adaptive compilation (papers.md §3)
        long rows = decode ? batch : batch * len;            // activation rows through the projections
        long positions = decode ? 1 : len;                   // query positions per sequence
        long groups = batch * kvHeads;                       // attention batch: one per (sequence, K/V head)
        Shape act = Shape.of(rows, h);
        Workload.Builder b = new Workload.Builder(name).description(description()).repeat(c.layers())
                .tokens((int) Math.min(Integer.MAX_VALUE, decode ? batch : batch * ctx))
                .input("x", act);
        if (decode) {
            // the cache before this token (padded to the bucket); the token's own K and V are appended to it
            b.input("k_cache", Shape.of(groups, len - 1, hd)).input("v_cache", Shape.of(groups, len - 1, hd));
        }
        b.op(new Norm("attn_norm", List.of("x"), act, 16))
                .op(new Gemm("q_proj", List.of("attn_norm"), rows, h, qDim, 8, wbits))
                .op(new Gemm("k_proj", List.of("attn_norm"), rows, h, kvDim, 8, wbits))
                .op(new Gemm("v_proj", List.of("attn_norm"), rows, h, kvDim, 8, wbits));
        List<String> weights = new ArrayList<>(List.of("q_proj", "k_proj", "v_proj", "o_proj"));
        String q = "q_proj";
        String k = "k_proj";
        if (c.gatedSilu()) {                                 // LLaMA: rotary embeddings on Q and K
            b.op(new Eltwise("rope_q", List.of("q_proj"), Shape.of(rows, qDim), "rope", 16))
                    .op(new Eltwise("rope_k", List.of("k_proj"), Shape.of(rows, kvDim), "rope", 16));
            q = "rope_q";
            k = "rope_k";
        } else {                                             // OPT: learned positions, Q scaled by 1/sqrt(d)
            b.op(new Eltwise("q_scale", List.of("q_proj"), Shape.of(rows, qDim), "scale", 16));
            q = "q_scale";
        }
        b.op(new Reshape("q_heads", List.of(q), Shape.of(groups, positions * group, hd), 8));
        String kSrc;
        String vSrc;
        CausalMask mask = null;
        if (decode) {
            // the new token's K and V go into the cache (kv_bits per element), and attention reads the cache back
            b.op(new Append("k_cache_write", List.of("k_cache", k), Shape.of(groups, len, hd), 1, 1, kvBits))
                    .op(new Append("v_cache_write", List.of("v_cache", "v_proj"), Shape.of(groups, len, hd), 1, 1, kvBits));
            kSrc = "k_cache_write";
            vSrc = "v_cache_write";
        } else {
            // the prompt's K and V come from the projections; they are also stored for the decode steps to come
            b.op(new Eltwise("k_cache_write", List.of(k), Shape.of(rows, kvDim), "kv-store", kvBits))
                    .op(new Eltwise("v_cache_write", List.of("v_proj"), Shape.of(rows, kvDim), "kv-store", kvBits))
                    .op(new Reshape("k_heads", List.of(k), Shape.of(groups, len, hd), 8))
                    .op(new Reshape("v_heads", List.of("v_proj"), Shape.of(groups, len, hd), 8));
            kSrc = "k_heads";
            vSrc = "v_heads";
            mask = new CausalMask(null, 0, (int) group);
        }
        int scoreBits = 8;
        b.op(new Matmul("qk", List.of("q_heads", kSrc), groups, positions * group, hd, len, true, scoreBits,
                        decode ? kvBits : 8, mask))
                .op(new Softmax("softmax", List.of("qk"), Shape.of(groups, positions * group, len), 16, mask))
                .op(new Matmul("pv", List.of("softmax", vSrc), groups, positions * group, len, hd, false, scoreBits,
                        decode ? kvBits : 8, mask))
                .op(new Reshape("attn", List.of("pv"), Shape.of(rows, qDim), 8))
                .op(new Gemm("o_proj", List.of("attn"), rows, qDim, h, 8, wbits))
                .op(new Eltwise("residual1", List.of("o_proj", "x"), act, "add", 16))
                .op(new Norm("ffn_norm", List.of("residual1"), act, 16));
        Shape mid = Shape.of(rows, c.ffn());
        if (c.gatedSilu()) {
            b.op(new Gemm("gate_proj", List.of("ffn_norm"), rows, h, c.ffn(), 8, wbits))
                    .op(new Gemm("up_proj", List.of("ffn_norm"), rows, h, c.ffn(), 8, wbits))
                    .op(new Eltwise("silu_mul", List.of("gate_proj", "up_proj"), mid, "silu*mul", 16))
                    .op(new Gemm("down_proj", List.of("silu_mul"), rows, c.ffn(), h, 8, wbits));
            weights.addAll(List.of("gate_proj", "up_proj", "down_proj"));
        } else {
            b.op(new Gemm("fc1", List.of("ffn_norm"), rows, h, c.ffn(), 8, wbits))
                    .op(new Eltwise("relu", List.of("fc1"), mid, "relu", 16))
                    .op(new Gemm("fc2", List.of("relu"), rows, c.ffn(), h, 8, wbits));
            weights.addAll(List.of("fc1", "fc2"));
        }
        String last = c.gatedSilu() ? "down_proj" : "fc2";
        b.op(new Eltwise("residual2", List.of(last, "residual1"), act, "add", 16));
        if (decode) {
            // papers.md §3, always-on-chip decode: MV + eltwise (incl. RoPE), attention + softmax, MV + SiLU. The
            // cache writes leave the chip: their outputs have no consumer in the layer.
            List<String> qkv = new ArrayList<>(List.of("attn_norm", "q_proj", "k_proj", "v_proj"));
            qkv.addAll(c.gatedSilu() ? List.of("rope_q", "rope_k") : List.of("q_scale"));
            qkv.addAll(List.of("k_cache_write", "v_cache_write", "q_heads"));
            b.fuse(qkv.toArray(String[]::new))
                    .fuse("qk", "softmax", "pv", "attn")
                    .fuse("o_proj", "residual1", "ffn_norm");
            if (c.gatedSilu()) {
                b.fuse("gate_proj", "up_proj", "silu_mul").fuse("down_proj", "residual2");
            } else {
                b.fuse("fc1", "relu").fuse("fc2", "residual2");
            }
        }
        if (nm != null) {
            weights.forEach(w -> b.nm(w, nm[0], nm[1], "k"));
        }
        double blockKeep = p.fraction("block_keep");
        if (blockKeep < 1) {
            weights.forEach(w -> b.keep(w, "k", blockKeep));
        }
        p.values().forEach(b::parameter);
        b.parameter("bucketed_context", len);
        return b.build();
    }
}
