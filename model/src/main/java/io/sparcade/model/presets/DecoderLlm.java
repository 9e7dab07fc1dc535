package io.sparcade.model.presets;

import io.sparcade.model.SpecException;
import io.sparcade.model.workload.Append;
import io.sparcade.model.workload.CausalMask;
import io.sparcade.model.workload.Eltwise;
import io.sparcade.model.workload.Embedding;
import io.sparcade.model.workload.ExpertGemm;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.Matmul;
import io.sparcade.model.workload.Norm;
import io.sparcade.model.workload.PerPass;
import io.sparcade.model.workload.Reshape;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Softmax;
import io.sparcade.model.workload.TopK;
import io.sparcade.model.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * Decoder-only LLMs as FlightLLM runs them (papers.md §3), built from an {@link LlmConfig} (a built-in preset or
 * a Hugging Face {@code config.json}): one decoder layer as the graph, repeated for every layer. Phases:
 * {@code decode} (one new token per sequence, MV mode: bandwidth bound) and {@code prefill} (the whole prompt,
 * MM mode). Length-adaptive compilation: the context is rounded up to a multiple of 128 for prefill and of 16 for
 * decode. Always-on-chip decode: in decode the operators FlightLLM fuses (MV+eltwise incl. RoPE,
 * attention+softmax, MV+SiLU) keep their intermediates on chip. Weights: {@code weight_bits} (one width for all
 * weights here), an optional N:M pattern (M = 16) and block sparsity ({@code block_keep}: whole blocks of the
 * reduction skipped, kept as a keep-ratio on k) on the decoder layers' linear weights; the embedding, the router
 * and the LM head stay dense, as weight-pruning methods leave them (SparseGPT, Wanda prune the decoder layers).
 *
 * <p>Once per pass (the workload's {@link PerPass} graph, not repeated): the token embedding lookup (plus a
 * learned position table where the model has one), the leading dense layers of a mixture of experts that has
 * them (DeepSeek's {@code first_k_dense_replace}), and the final norm and LM head on each sequence's last
 * position, which produce the next token.
 */
public final class DecoderLlm implements WorkloadPreset {
    static final long PREFILL_BUCKET = 128; // papers.md §3: prefill lengths rounded up to multiples of 128
    static final long DECODE_BUCKET = 16;   // papers.md §3: decode lengths rounded up to multiples of 16
    /** Activation width of the FlightLLM presets (INT8 datapath, papers.md §3). */
    static final int PRESET_ACT_BITS = 8;
    /** Width of softmax, norms and elementwise operators (the fp16 special-function unit, papers.md §3). */
    static final int VECTOR_BITS = 16;

    private final LlmConfig c;
    private final String name;
    private final String fixedPhase;
    private final boolean preset;
    private final boolean perPass;

    /**
     * @param fixedPhase a phase this preset always uses (no {@code phase} parameter), or null
     * @param preset     a FlightLLM preset: INT8 activations, 8-bit weights and 8:16 N:M by default and a
     *                   {@code kv_heads} parameter; otherwise (a config file) the defaults come from its
     *                   torch_dtype and the weights are dense
     * @param perPass    whether the once-per-pass operators (embedding, LM head...) are part of the workload
     */
    public DecoderLlm(LlmConfig c, String name, String fixedPhase, boolean preset, boolean perPass) {
        this.c = c;
        this.name = name;
        this.fixedPhase = fixedPhase;
        this.preset = preset;
        this.perPass = perPass;
    }

    public LlmConfig config() {
        return c;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        if (fixedPhase != null) {
            return "one " + c.name() + " decoder layer, one decode token (x" + c.layers() + " layers for tokens/s)";
        }
        return c.description() + ", phase prefill or decode, FlightLLM fusion and length buckets";
    }

    @Override
    public List<PresetParameter> parameters() {
        String dtype = String.valueOf(c.dtypeBits());
        List<PresetParameter> p = new ArrayList<>();
        if (fixedPhase == null) {
            p.add(new PresetParameter("phase", "decode", "prefill (the prompt) or decode (one new token per sequence)"));
        }
        p.add(new PresetParameter("context", "1024", "tokens already in the KV cache (decode) or the prompt length (prefill)"));
        p.add(new PresetParameter("batch", "1", "sequences processed together"));
        if (preset) {
            p.add(new PresetParameter("weight_bits", "8", "bits per weight (FlightLLM mixes INT4/INT8; estimate: 8)"));
            p.add(new PresetParameter("kv_bits", "8", "bits per cached K/V element (estimate: 8, as the activations)"));
            p.add(new PresetParameter("kv_heads", String.valueOf(c.kvHeads()),
                    "K/V heads (grouped-query attention: heads share a K/V head; " + c.heads() + " = multi-head)"));
            p.add(new PresetParameter("nm", "8:16", "N:M sparsity of the weights (M = 16 per papers.md §3; 8:16 is an estimate), or dense"));
        } else {
            p.add(new PresetParameter("weight_bits", dtype, "bits per weight (default: the config's torch_dtype)"));
            p.add(new PresetParameter("kv_bits", dtype, "bits per cached K/V element (default: torch_dtype)"));
            p.add(new PresetParameter("act_bits", dtype, "bits per activation into the matrix units (default: torch_dtype)"));
            p.add(new PresetParameter("nm", "dense", "N:M sparsity of the decoder layers' weights, e.g. 8:16, or dense"));
        }
        p.add(new PresetParameter("block_keep", "1", "fraction of weight blocks kept by block sparsity along k (papers.md §3: block + N:M; 1 = none)"));
        if (c.moe() != null) {
            p.add(new PresetParameter("expert_skew", "1", "load of the busiest expert over the mean load (1 = balanced routing)"));
        }
        return p;
    }

    /** Everything one build needs, parsed from the parameters. */
    private record Setup(boolean decode, long ctx, long batch, int actBits, int wbits, int kvBits, long kvHeads,
                         int[] nm, double blockKeep, double skew, long len, long rows, long positions,
                         long groups, long group, CausalMask mask) {
    }

    /**
     * One decoder layer. Attention is grouped by K/V head: each of the K/V-head groups reads its K and V once for
     * its {@code heads / kv_heads} query heads, whose rows are laid out position-major (row = position x group +
     * head). Decode: the new token's K and V are written to the cache ({@code k_cache_write},
     * {@code v_cache_write}, at {@code kv_bits}) and the token attends to the cached context plus itself, read
     * from the cache; with a sliding window the cache holds only the last {@code window} positions (a rolling
     * buffer), so only those are read. Prefill: K and V come from the projections (and are written to the cache
     * for later decoding); attention is causal (and windowed), so the scores and P·V cover only the kept (query,
     * key) pairs, at the tile granularity of the unit that runs them.
     */
    @Override
    public Workload build(Params p) {
        try {
            return buildChecked(p);
        } catch (ArithmeticException e) {
            throw new SpecException("--param", null, "sizes of " + name + " overflow 64-bit counts with "
                    + p.values().entrySet().stream().filter(x -> List.of("context", "batch").contains(x.getKey()))
                    .map(x -> x.getKey() + "=" + x.getValue()).sorted().toList());
        }
    }

    private Workload buildChecked(Params p) {
        Setup s = setup(p);
        List<String> weights = new ArrayList<>();
        int moeLayers = c.moeLayers();
        boolean moeRepeated = c.moe() != null;
        Workload.Builder b = new Workload.Builder(name).description(description())
                .repeat(moeRepeated ? moeLayers : c.layers())
                .tokens((int) Math.min(Integer.MAX_VALUE, s.decode() ? s.batch() : s.batch() * s.ctx()))
                .input("x", Shape.of(s.rows(), c.hidden()));
        String out = layer(b, "", "x", s, moeRepeated, weights);
        b.op(new Eltwise("residual2", List.of(out, "residual1"), Shape.of(s.rows(), c.hidden()), "add", VECTOR_BITS));
        if (s.decode()) {
            b.fuse(fusedTail(out, "").toArray(String[]::new));
        }
        overlay(b, weights, s);
        if (perPass) {
            b.perPass(perPass(s));
        }
        p.values().forEach(b::parameter);
        b.parameter("bucketed_context", s.len());
        return b.build();
    }

    /** Bounds that keep every element count of the graph within 64 bits. */
    static final long MAX_CONTEXT = 1L << 24;
    static final long MAX_BATCH = 1L << 16;

    private static long bounded(Params p, String name, long max) {
        long v = p.positiveLong(name);
        if (v > max) {
            throw new SpecException("--param", name, "at most " + max + ", got " + v);
        }
        return v;
    }

    private Setup setup(Params p) {
        String phase = fixedPhase != null ? fixedPhase : p.values().get("phase").trim();
        if (!phase.equals("decode") && !phase.equals("prefill")) {
            throw new SpecException("--param", "phase", "expected prefill or decode, got '" + phase + "'");
        }
        boolean decode = phase.equals("decode");
        long ctx = bounded(p, "context", MAX_CONTEXT);
        long batch = bounded(p, "batch", MAX_BATCH);
        int wbits = p.positiveInt("weight_bits");
        int kvBits = p.positiveInt("kv_bits");
        int actBits = preset ? PRESET_ACT_BITS : p.positiveInt("act_bits");
        long kvHeads = preset ? p.positiveLong("kv_heads") : c.kvHeads();
        if (kvHeads > c.heads() || c.heads() % kvHeads != 0) {
            throw new SpecException("--param", "kv_heads", "must divide the " + c.heads() + " attention heads of "
                    + c.name() + ", got " + kvHeads);
        }
        double skew = 1;
        if (c.moe() != null) {
            String v = p.values().get("expert_skew").trim();
            try {
                skew = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                skew = Double.NaN;
            }
            if (!(skew >= 1) || skew > c.moe().experts()) {
                throw new SpecException("--param", "expert_skew", "expected a number in [1, " + c.moe().experts()
                        + "] (the busiest expert's load over the mean), got '" + v + "'");
            }
        }
        long group = c.heads() / kvHeads;                     // query heads per K/V head
        // decode: the new token attends to the cached context and itself (at most a window of it);
        // prefill: the prompt attends causally
        long keys = decode ? ctx + 1 : ctx;
        if (decode && c.window() > 0) {
            keys = Math.min(keys, c.window());
        }
        long bucket = decode ? DECODE_BUCKET : PREFILL_BUCKET;
        long len = (keys + bucket - 1) / bucket * bucket;     // length-adaptive compilation (papers.md §3)
        long rows = decode ? batch : batch * len;             // activation rows through the projections
        long positions = decode ? 1 : len;                    // query positions per sequence
        CausalMask mask = null;
        if (!decode) {
            mask = new CausalMask(null, 0, (int) group, c.window() > 0 && c.window() < len ? c.window() : 0);
        }
        return new Setup(decode, ctx, batch, actBits, wbits, kvBits, kvHeads, p.nm("nm"), p.fraction("block_keep"),
                skew, len, rows, positions, batch * kvHeads, group, mask);
    }

    /**
     * Adds one decoder layer up to its MLP's output (the second residual is the caller's) and returns the name of
     * that output. Names are prefixed with {@code pre}; {@code x} is the layer's input.
     */
    private String layer(Workload.Builder b, String pre, String x, Setup s, boolean moeMlp, List<String> weights) {
        long hd = c.headDim();
        long h = c.hidden();
        long rows = s.rows();
        long qDim = c.heads() * hd;
        long kvDim = s.kvHeads() * hd;
        long groups = s.groups();
        long len = s.len();
        int a = s.actBits();
        Shape act = Shape.of(rows, h);
        if (s.decode()) {
            // the cache before this token (padded to the bucket); the token's own K and V are appended to it
            b.input(pre + "k_cache", Shape.of(groups, len - 1, hd)).input(pre + "v_cache", Shape.of(groups, len - 1, hd));
        }
        b.op(new Norm(pre + "attn_norm", List.of(x), act, VECTOR_BITS))
                .op(new Gemm(pre + "q_proj", List.of(pre + "attn_norm"), rows, h, qDim, a, s.wbits()))
                .op(new Gemm(pre + "k_proj", List.of(pre + "attn_norm"), rows, h, kvDim, a, s.wbits()))
                .op(new Gemm(pre + "v_proj", List.of(pre + "attn_norm"), rows, h, kvDim, a, s.wbits()));
        weights.addAll(List.of(pre + "q_proj", pre + "k_proj", pre + "v_proj", pre + "o_proj"));
        String q = pre + "q_proj";
        String k = pre + "k_proj";
        List<String> qkvFused = new ArrayList<>(List.of(pre + "attn_norm", pre + "q_proj", pre + "k_proj", pre + "v_proj"));
        if (c.rotary()) {                                    // rotary embeddings on Q and K
            b.op(new Eltwise(pre + "rope_q", List.of(q), Shape.of(rows, qDim), "rope", VECTOR_BITS))
                    .op(new Eltwise(pre + "rope_k", List.of(k), Shape.of(rows, kvDim), "rope", VECTOR_BITS));
            q = pre + "rope_q";
            k = pre + "rope_k";
            qkvFused.addAll(List.of(q, k));
        } else {                                             // learned positions (added once per pass), Q scaled
            b.op(new Eltwise(pre + "q_scale", List.of(q), Shape.of(rows, qDim), "scale", VECTOR_BITS));
            q = pre + "q_scale";
            qkvFused.add(q);
        }
        b.op(new Reshape(pre + "q_heads", List.of(q), Shape.of(groups, s.positions() * s.group(), hd), a));
        String kSrc;
        String vSrc;
        if (s.decode()) {
            // the new token's K and V go into the cache (kv_bits per element), and attention reads the cache back
            b.op(new Append(pre + "k_cache_write", List.of(pre + "k_cache", k), Shape.of(groups, len, hd), 1, 1, s.kvBits()))
                    .op(new Append(pre + "v_cache_write", List.of(pre + "v_cache", pre + "v_proj"), Shape.of(groups, len, hd), 1, 1,
                            s.kvBits()));
            kSrc = pre + "k_cache_write";
            vSrc = pre + "v_cache_write";
        } else {
            // the prompt's K and V come from the projections; they are also stored for the decode steps to come
            b.op(new Eltwise(pre + "k_cache_write", List.of(k), Shape.of(rows, kvDim), "kv-store", s.kvBits()))
                    .op(new Eltwise(pre + "v_cache_write", List.of(pre + "v_proj"), Shape.of(rows, kvDim), "kv-store", s.kvBits()))
                    .op(new Reshape(pre + "k_heads", List.of(k), Shape.of(groups, len, hd), a))
                    .op(new Reshape(pre + "v_heads", List.of(pre + "v_proj"), Shape.of(groups, len, hd), a));
            kSrc = pre + "k_heads";
            vSrc = pre + "v_heads";
        }
        long m = s.positions() * s.group();
        b.op(new Matmul(pre + "qk", List.of(pre + "q_heads", kSrc), groups, m, hd, len, true, a,
                        s.decode() ? s.kvBits() : a, s.mask()))
                .op(new Softmax(pre + "softmax", List.of(pre + "qk"), Shape.of(groups, m, len), VECTOR_BITS, s.mask()))
                .op(new Matmul(pre + "pv", List.of(pre + "softmax", vSrc), groups, m, len, hd, false, a,
                        s.decode() ? s.kvBits() : a, s.mask()))
                .op(new Reshape(pre + "attn", List.of(pre + "pv"), Shape.of(rows, qDim), a))
                .op(new Gemm(pre + "o_proj", List.of(pre + "attn"), rows, qDim, h, a, s.wbits()))
                .op(new Eltwise(pre + "residual1", List.of(pre + "o_proj", x), act, "add", VECTOR_BITS))
                .op(new Norm(pre + "ffn_norm", List.of(pre + "residual1"), act, VECTOR_BITS));
        if (s.decode()) {
            // papers.md §3, always-on-chip decode: MV + eltwise (incl. RoPE), attention + softmax, MV + SiLU. The
            // cache writes leave the chip: their outputs have no consumer in the layer.
            qkvFused.addAll(List.of(pre + "k_cache_write", pre + "v_cache_write", pre + "q_heads"));
            b.fuse(qkvFused.toArray(String[]::new))
                    .fuse(pre + "qk", pre + "softmax", pre + "pv", pre + "attn")
                    .fuse(pre + "o_proj", pre + "residual1", pre + "ffn_norm");
        }
        return moeMlp ? moe(b, pre, s, weights) : denseMlp(b, pre, pre + "ffn_norm", c.ffn(), s, weights);
    }

    /** The dense MLP from {@code in}; returns its output's name. */
    private String denseMlp(Workload.Builder b, String pre, String in, long ffn, Setup s, List<String> weights) {
        long rows = s.rows();
        long h = c.hidden();
        Shape mid = Shape.of(rows, ffn);
        int a = s.actBits();
        if (c.gatedMlp()) {
            String actOp = pre + c.act() + "_mul";
            b.op(new Gemm(pre + "gate_proj", List.of(in), rows, h, ffn, a, s.wbits()))
                    .op(new Gemm(pre + "up_proj", List.of(in), rows, h, ffn, a, s.wbits()))
                    .op(new Eltwise(actOp, List.of(pre + "gate_proj", pre + "up_proj"), mid, c.act() + "*mul", VECTOR_BITS))
                    .op(new Gemm(pre + "down_proj", List.of(actOp), rows, ffn, h, a, s.wbits()));
            weights.addAll(List.of(pre + "gate_proj", pre + "up_proj", pre + "down_proj"));
            if (s.decode()) {
                b.fuse(pre + "gate_proj", pre + "up_proj", actOp);
            }
            return pre + "down_proj";
        }
        String actOp = pre + c.act();
        b.op(new Gemm(pre + "fc1", List.of(in), rows, h, ffn, a, s.wbits()))
                .op(new Eltwise(actOp, List.of(pre + "fc1"), mid, c.act(), VECTOR_BITS))
                .op(new Gemm(pre + "fc2", List.of(actOp), rows, ffn, h, a, s.wbits()));
        weights.addAll(List.of(pre + "fc1", pre + "fc2"));
        if (s.decode()) {
            b.fuse(pre + "fc1", actOp);
        }
        return pre + "fc2";
    }

    /**
     * The mixture of experts: the router (a [hidden, experts] GEMM), a softmax over the experts and the top-k of
     * them per token (on a top-k engine where the architecture has one), the routed experts as
     * {@link ExpertGemm}s (only the experts the tokens touch are fetched), and the shared experts as a dense MLP
     * beside them. Returns the name of the combined output.
     */
    private String moe(Workload.Builder b, String pre, Setup s, List<String> weights) {
        LlmConfig.Moe e = c.moe();
        long rows = s.rows();
        long h = c.hidden();
        int a = s.actBits();
        String in = pre + "ffn_norm";
        b.op(new Gemm(pre + "router", List.of(in), rows, h, e.experts(), a, s.wbits()))
                .op(new Softmax(pre + "router_softmax", List.of(pre + "router"), Shape.of(rows, e.experts()), VECTOR_BITS))
                .op(new TopK(pre + "router_topk", List.of(pre + "router_softmax"), rows, e.experts(), e.topK(), VECTOR_BITS));
        String route = pre + "router_topk";
        List<String> routerFused = new ArrayList<>(List.of(pre + "router", pre + "router_softmax", route));
        if (e.normTopk()) {
            b.op(new Eltwise(pre + "router_norm", List.of(route), Shape.of(rows, e.topK()), "normalise", VECTOR_BITS));
            routerFused.add(pre + "router_norm");
        }
        long ffn = e.expertFfn();
        long assigned = rows * e.topK();
        String gate = pre + "expert_gate";
        String up = pre + "expert_up";
        String down = pre + "expert_down";
        String actOp = pre + "expert_" + c.act() + "_mul";
        b.op(new ExpertGemm(gate, List.of(in, route), rows, h, ffn, e.experts(), e.topK(), false, s.skew(), a, s.wbits()))
                .op(new ExpertGemm(up, List.of(in, route), rows, h, ffn, e.experts(), e.topK(), false, s.skew(), a, s.wbits()))
                .op(new Eltwise(actOp, List.of(gate, up), Shape.of(assigned, ffn), c.act() + "*mul", VECTOR_BITS))
                .op(new ExpertGemm(down, List.of(actOp, route), rows, ffn, h, e.experts(), e.topK(), true, s.skew(), a,
                        s.wbits()));
        weights.addAll(List.of(gate, up, down));
        if (s.decode()) {
            b.fuse(routerFused.toArray(String[]::new)).fuse(gate, up, actOp);
        }
        if (e.sharedFfn() == 0) {
            return down;
        }
        String shared = denseMlp(b, pre + "shared_", in, e.sharedFfn(), s, weights);
        List<String> sum = new ArrayList<>(List.of(down, shared));
        if (e.sharedGate()) {
            // Qwen-MoE: sigmoid(x . w) scales the shared expert's output; w is [hidden, 1]
            b.op(new Gemm(pre + "shared_expert_gate", List.of(in), rows, h, 1, a, s.wbits()))
                    .op(new Eltwise(pre + "shared_gate_mul", List.of(shared), Shape.of(rows, h), "sigmoid*mul", VECTOR_BITS));
            sum.set(1, pre + "shared_gate_mul");
        }
        b.op(new Eltwise(pre + "moe_sum", sum, Shape.of(rows, h), "add", VECTOR_BITS));
        return pre + "moe_sum";
    }

    /** The operators fused with the MLP's last projection in decode (MV + residual). */
    private List<String> fusedTail(String out, String pre) {
        if (out.endsWith("moe_sum")) {
            return List.of(pre + "expert_down", out, pre + "residual2");
        }
        return List.of(out, pre + "residual2");
    }

    private void overlay(Workload.Builder b, List<String> weights, Setup s) {
        if (s.nm() != null) {
            weights.forEach(w -> b.nm(w, s.nm()[0], s.nm()[1], "k"));
        }
        if (s.blockKeep() < 1) {
            weights.forEach(w -> b.keep(w, "k", s.blockKeep()));
        }
    }

    /**
     * The once-per-pass operators: token embedding (and learned positions), leading dense layers, and the final
     * norm and LM head over each sequence's last position. The prologue's output feeds the first layer and the
     * last layer's output feeds the epilogue; the two are separate chains here because the layers between them
     * are the repeated graph.
     */
    private PerPass perPass(Setup s) {
        long h = c.hidden();
        long rows = s.rows();
        Workload.Builder pb = new Workload.Builder(name + ".per-pass");
        pb.input("token_ids", Shape.of(rows));
        pb.op(new Embedding("embed", List.of("token_ids"), rows, c.vocab(), h, s.wbits(), c.tiedEmbeddings()));
        String x = "embed";
        if (!c.rotary()) {
            pb.input("position_ids", Shape.of(rows))
                    .op(new Embedding("pos_embed", List.of("position_ids"), rows, c.positions(), h, s.wbits(), false))
                    .op(new Eltwise("embed_add", List.of("embed", "pos_embed"), Shape.of(rows, h), "add", VECTOR_BITS));
            x = "embed_add";
        }
        List<String> weights = new ArrayList<>();
        int dense = c.moe() == null ? 0 : c.moe().firstDense();
        for (int i = 0; i < dense; i++) {
            String pre = "dense" + i + ".";
            String out = layer(pb, pre, x, s, false, weights);
            pb.op(new Eltwise(pre + "residual2", List.of(out, pre + "residual1"), Shape.of(rows, h), "add", VECTOR_BITS));
            if (s.decode()) {
                pb.fuse(fusedTail(out, pre).toArray(String[]::new));
            }
            x = pre + "residual2";
        }
        overlay(pb, weights, s);
        // the next token: final norm and LM head on the last position of each sequence
        pb.input("last_hidden", Shape.of(s.batch(), h))
                .op(new Norm("final_norm", List.of("last_hidden"), Shape.of(s.batch(), h), VECTOR_BITS))
                .op(new Gemm("lm_head", List.of("final_norm"), s.batch(), h, c.vocab(), s.actBits(), s.wbits()));
        if (s.decode()) {
            pb.fuse("final_norm", "lm_head");
        }
        Workload w = pb.build();
        return new PerPass(w.inputs(), w.operators(), w.sparsity(), w.fusion());
    }
}
