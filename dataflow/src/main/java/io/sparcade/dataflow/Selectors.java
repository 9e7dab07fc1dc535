package io.sparcade.dataflow;

import io.sparcade.model.workload.ActivationOverlay;
import io.sparcade.model.workload.AttentionOverlay;
import io.sparcade.model.workload.ExpertOverlay;
import io.sparcade.model.workload.KvMethod;
import io.sparcade.model.workload.KvOverlay;
import io.sparcade.model.workload.Matmul;
import io.sparcade.model.workload.OpSparsity;
import io.sparcade.model.workload.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * The selector steps a sparsity method runs before the operator it selects for, as works on real units: GEMMs
 * (predictors, routers, pooled scores) on the matrix unit, comparisons and pooling on the vector unit, top-k on a
 * top-k engine (or the vector unit without one). Each step is a node of pass {@link Pass#SELECT}; its result (a
 * mask or indices) stays on chip. Sizes follow the papers' algorithms; where a paper fixes a size it is cited in
 * the overlay's record.
 */
public final class Selectors {
    private Selectors() {
    }

    /**
     * One step.
     *
     * @param suffix   the step's name after {@code <operator>.select.}
     * @param work     its work
     * @param function what it computes, for reports
     */
    public record Step(String suffix, Work work, String function) {
    }

    /**
     * The steps for {@code op} under {@code s}, given the operator's dense work {@code dense} (before the overlay)
     * and its overlaid work {@code sparse}; a key that identifies steps several operators share (one router for
     * gate, up and down), or an empty list.
     */
    public record Chain(String key, List<Step> steps) {
    }

    public static Chain of(Operator op, OpSparsity s, Work dense, Work sparse, String input) {
        if (s == null) {
            return null;
        }
        if (s.activation() != null && dense instanceof GemmWork d) {
            return activation(s.activation(), d, input);
        }
        if (s.experts() != null && dense instanceof GemmWork d) {
            return experts(s.experts(), d, input);
        }
        if (op instanceof Matmul mm && dense instanceof GemmWork d && sparse instanceof GemmWork g) {
            List<Step> steps = new ArrayList<>();
            if (s.kv() != null) {
                steps.addAll(kv(s.kv(), mm, d, g));
            }
            if (s.attention() != null && mm.transposeB()) {
                steps.addAll(attention(s.attention(), d, g));
            }
            return steps.isEmpty() ? null : new Chain(null, steps);
        }
        return null;
    }

    private static long ceil(double x) {
        return Math.max(1, (long) Math.ceil(x - 1e-9));
    }

    /** Activation selectors over m tokens and D neurons of the pruned dimension; h input features. */
    private static Chain activation(ActivationOverlay a, GemmWork d, String input) {
        long m = d.m() * d.batch();
        long neurons = a.dim().equals("k") ? d.k() : d.n();
        long h = d.k();
        int bits = d.actBits();
        List<Step> steps = new ArrayList<>();
        switch (a.selector()) {
            case THRESHOLD -> steps.add(new Step("threshold", new VectorWork("threshold", m * neurons, 1, 1, bits, m * neurons), "threshold"));
            case PREDICTOR -> {
                steps.add(new Step("predict-down", new GemmWork(1, m, h, a.rank(), bits, d.bBits(), true, null), "predictor"));
                steps.add(new Step("predict-up", new GemmWork(1, m, a.rank(), neurons, bits, d.bBits(), true, null), "predictor"));
                steps.add(new Step("threshold", new VectorWork("threshold", m * neurons, 1, 1, bits, m * neurons), "threshold"));
            }
            case WEIGHT_NORM -> {
                steps.add(new Step("score", new VectorWork("wina-score", m * neurons, 1, 1, bits, m * neurons), "weight-norm score"));
                steps.add(new Step("topk", new TopkWork(m, neurons, ceil(a.density() * neurons), bits,
                        GraphBuilder.seedOf("wina" + neurons)), "top-k"));
            }
            case TOPK -> {
                long r = a.rank() > 0 ? a.rank() : Math.max(1, h / 2);
                steps.add(new Step("predict", new GemmWork(1, m, r, neurons, bits, d.bBits(), true, null), "predictor"));
                // Spark Transformer's statistical top-k sorts nothing: one pass for the row's mean and standard
                // deviation, one comparing each score with mean + z(density) x std (linear time, its point)
                steps.add(new Step("topk", new VectorWork("statistical-topk", m * neurons, 1, 2, bits, m * neurons),
                        "statistical top-k"));
            }
        }
        String key = "activation:" + a.selector().id() + ":" + a.density() + ":" + (a.from() != null ? a.from() : input)
                + ":" + neurons + ":" + a.rank();
        return new Chain(key, steps);
    }

    /** A router over E = neurons / size experts: [m x h] x [h x E], then ReLU + RMSNorm or softmax + top-k. */
    private static Chain experts(ExpertOverlay e, GemmWork d, String input) {
        long m = d.m() * d.batch();
        long neurons = e.dim().equals("n") ? d.n() : d.k();
        long h = e.dim().equals("n") ? d.k() : d.n();
        long experts = neurons / e.size();
        int bits = d.actBits();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("router", new GemmWork(1, m, h, experts, bits, d.bBits(), true, null), "router"));
        if (e.router() == ExpertOverlay.Router.RELU) {
            steps.add(new Step("relu-norm", new VectorWork("relu-rmsnorm", m * experts, 1, 2, bits, m * experts), "ReLU + RMSNorm"));
        } else {
            steps.add(new Step("softmax", new VectorWork("softmax", m * experts, 1, 2, bits, m * experts), "softmax"));
            steps.add(new Step("topk", new TopkWork(m, experts, ceil(e.density() * experts), bits,
                    GraphBuilder.seedOf("router" + experts)), "top-k"));
        }
        String key = "experts:" + e.router().id() + ":" + e.density() + ":" + e.size() + ":" + h + ":" + neurons + ":" + input;
        return new Chain(key, steps);
    }

    /** KV scoring / pruning: d is the dense attention GEMM (batch = K/V heads), g the overlaid one. */
    private static List<Step> kv(KvOverlay v, Matmul mm, GemmWork d, GemmWork g) {
        long heads = d.batch();
        long hd = mm.transposeB() ? d.k() : d.n();
        long keys = mm.transposeB() ? d.n() : d.k();
        int bits = d.actBits();
        List<Step> steps = new ArrayList<>();
        switch (v.method()) {
            case EVICT -> {
                if (mm.transposeB()) {
                    // TRIM-KV: a retention gate scores the new token once (one dot product per head), and the token
                    // with the lowest decayed score among the budget is evicted (one comparison per kept token)
                    long kept = g.n();
                    steps.add(new Step("retention", new VectorWork("retention-gate", heads * hd, 1, 1, bits, heads), "retention gate"));
                    steps.add(new Step("evict", new VectorWork("evict-min", heads * kept, 1, 1, bits, heads), "evict minimum"));
                }
            }
            case BITMAP -> {
                // Mustafar: the new token's K (or V) is pruned per token by magnitude: a top-k over the head dimension
                steps.add(new Step("prune", new TopkWork(heads, hd, ceil(v.density() * hd), d.bBits(),
                        GraphBuilder.seedOf("mustafar" + hd + mm.transposeB())), "per-token magnitude top-k"));
            }
            case LOW_RANK -> {
                if (mm.transposeB()) {
                    long chunks = (keys + v.chunk() - 1) / v.chunk();
                    long selected = g.n();
                    // ShadowKV: the query against the chunks' landmarks (mean keys), top-k of chunks, then the
                    // selected keys rebuilt from their rank-r factors by the [r x head_dim] projection
                    steps.add(new Step("landmarks", new GemmWork(heads, d.m(), hd, chunks, bits, d.bBits(), false, null), "landmark scores"));
                    steps.add(new Step("topk", new TopkWork(heads, chunks, ceil((double) selected / v.chunk()), bits,
                            GraphBuilder.seedOf("shadowkv" + chunks)), "top-k of chunks"));
                    steps.add(new Step("rebuild", new GemmWork(heads, selected, v.rankFor(hd), hd, bits, d.bBits(), true, null), "key rebuild"));
                }
            }
        }
        return steps;
    }

    /** Index building of Q·Kᵀ (batch = K/V-head groups, m = query rows, k = head dim, n = keys). */
    private static List<Step> attention(AttentionOverlay a, GemmWork d, GemmWork g) {
        long heads = d.batch();
        long rows = d.m();
        long hd = d.k();
        long keys = d.n();
        long group = d.causal() != null ? d.causal().group() : rows;
        int bits = d.actBits();
        long blk = a.block();
        long qb = ceil((double) rows / (blk * group));
        long kb = ceil((double) keys / blk);
        AttentionMask mask = (AttentionMask) g.outMask();
        long keptPerRow = ceil((double) Math.max(1, mask.keptBlocks()) / qb);
        List<Step> steps = new ArrayList<>();
        switch (a.pattern()) {
            case WINDOW, A_SHAPE -> {
                // static patterns: no index to build
            }
            case VERTICAL_SLASH -> {
                long last = Math.min(rows, a.lastQ() * group);
                steps.add(new Step("last-q", new GemmWork(heads, last, hd, keys, bits, bits, false, null), "last queries' scores"));
                steps.add(new Step("line-sums", new VectorWork("vs-scores", heads * last * keys, 1, 3, bits, heads * 2 * keys), "softmax + line sums"));
                steps.add(new Step("verticals", new TopkWork(heads, keys, Math.max(1, mask.verticalLines()), bits,
                        GraphBuilder.seedOf("vertical" + keys)), "top-k verticals"));
                steps.add(new Step("slashes", new TopkWork(heads, keys, Math.max(1, mask.slashLines()), bits,
                        GraphBuilder.seedOf("slash" + keys)), "top-k slashes"));
            }
            case BLOCK -> {
                steps.add(new Step("pool", new VectorWork("block-pool", heads * (rows + keys) * hd, 1, 1, bits, heads * (qb + kb) * hd), "mean-pool Q, K"));
                steps.add(new Step("scores", new GemmWork(heads, qb, hd, kb, bits, bits, false, null), "pooled scores"));
                steps.add(new Step("topk", new TopkWork(heads * qb, kb, Math.min(kb, keptPerRow), bits, GraphBuilder.seedOf("blocks" + kb)), "top-k blocks"));
            }
            case GATED -> {
                steps.add(new Step("pool", new VectorWork("gate-pool", heads * (rows + keys) * hd, 1, 3, bits, heads * (qb + 3 * kb) * hd), "pool Q (avg), K (avg, max, min)"));
                steps.add(new Step("gate-q", new GemmWork(1, heads * qb, hd, a.gateDim(), bits, bits, true, null), "gate Q projection"));
                steps.add(new Step("gate-k", new GemmWork(1, heads * kb, 3 * hd, a.gateDim(), bits, bits, true, null), "gate K projection"));
                steps.add(new Step("scores", new GemmWork(heads, qb, a.gateDim(), kb, bits, bits, false, null), "gate scores"));
                steps.add(new Step("threshold", new VectorWork("gate-threshold", heads * qb * kb, 1, 2, bits, heads * qb * kb), "softmax + threshold"));
            }
            case FLEX -> {
                long last = Math.min(rows, blk * group);
                steps.add(new Step("last-block", new GemmWork(heads, last, hd, keys, bits, bits, false, null), "last query block's scores"));
                steps.add(new Step("estimate", new VectorWork("flex-estimate", heads * last * keys, 1, 3, bits, heads * kb), "softmax + pool + pattern choice"));
                steps.add(new Step("scores", new GemmWork(heads, qb, hd, kb, bits, bits, false, null), "pooled scores"));
                steps.add(new Step("budget", new TopkWork(heads * qb, kb, Math.min(kb, keptPerRow), bits, GraphBuilder.seedOf("flex" + kb)), "cumulative budget (sorted)"));
            }
            case NSA -> {
                long compressed = ceil((double) keys / AttentionOverlay.NSA_COMPRESS_STRIDE);
                long window = AttentionOverlay.NSA_COMPRESS_BLOCK * hd;
                steps.add(new Step("compress-k", new GemmWork(1, heads * compressed, window, hd, bits, bits, true, null), "compress K (MLP)"));
                steps.add(new Step("compress-v", new GemmWork(1, heads * compressed, window, hd, bits, bits, true, null), "compress V (MLP)"));
                steps.add(new Step("cmp-scores", new GemmWork(heads, rows, hd, compressed, bits, bits, false, null), "compressed attention Q·Kᵀ"));
                steps.add(new Step("cmp-softmax", new VectorWork("softmax", heads * rows * compressed / 2, 1, 2, bits, heads * rows * compressed / 2), "compressed softmax"));
                steps.add(new Step("cmp-pv", new GemmWork(heads, rows, compressed, hd, bits, bits, false, null), "compressed attention P·V"));
                steps.add(new Step("topk", new TopkWork(heads * qb, kb, Math.min(kb, keptPerRow), bits, GraphBuilder.seedOf("nsa" + kb)), "top-n blocks"));
            }
        }
        return steps;
    }
}
