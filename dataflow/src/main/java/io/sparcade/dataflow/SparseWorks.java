package io.sparcade.dataflow;

import io.sparcade.model.workload.ActivationOverlay;
import io.sparcade.model.workload.AttentionOverlay;
import io.sparcade.model.workload.BlockOverlay;
import io.sparcade.model.workload.CausalMask;
import io.sparcade.model.workload.ExpertOverlay;
import io.sparcade.model.workload.KvMethod;
import io.sparcade.model.workload.KvOverlay;
import io.sparcade.model.workload.Matmul;
import io.sparcade.model.workload.NmPattern;
import io.sparcade.model.workload.OpSparsity;
import io.sparcade.model.workload.Operator;
import io.sparcade.model.workload.Softmax;
import io.sparcade.model.workload.SparseFormat;
import io.sparcade.model.workload.TokenOverlay;
import io.sparcade.model.workload.UnstructuredOverlay;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies the sparsity-method overlays of an operator to its work: shrinking dimensions (tokens, evicted or
 * unselected KV tokens, inactive neurons), masks of kept elements (attention patterns, sparse weights and K/V),
 * B's storage, and experts. The masks are consulted tile by tile by the unit's model, at the unit's granularity.
 */
final class SparseWorks {
    private SparseWorks() {
    }

    /** The overlay's keep-ratios plus those of token pruning and KV eviction/selection. */
    static Map<String, Double> keep(Operator op, OpSparsity s) {
        Map<String, Double> keep = new LinkedHashMap<>(s == null ? Map.of() : s.keep());
        if (s == null) {
            return keep;
        }
        if (s.tokens() != null) {
            TokenOverlay t = s.tokens();
            for (String d : t.dimsOf(op)) {
                keep.merge(d, t.keptFraction(), (x, y) -> x * y);
            }
        }
        if (s.kv() != null && s.kv().method() != KvMethod.BITMAP) {
            String keysDim = keysDim(op);
            long keys = op.dims().get(keysDim);
            double f = s.kv().density();
            if (s.kv().method() == KvMethod.LOW_RANK) {
                long chunk = s.kv().chunk();
                long chunks = (keys + chunk - 1) / chunk;
                long sel = Math.max(1, (long) Math.ceil(chunks * f - 1e-9));
                f = Math.min(1.0, (double) (sel * chunk) / keys);
            }
            keep.merge(keysDim, f, (x, y) -> x * y);
        }
        return keep;
    }

    /** The dimension of an attention operator that runs over keys. */
    static String keysDim(Operator op) {
        if (op instanceof Matmul mm) {
            return mm.transposeB() ? "n" : "k";
        }
        return "cols";
    }

    /** The work with the overlay's masks, storage and experts applied; {@code keep} as from {@link #keep}. */
    static Work refine(Operator op, OpSparsity s, Work base, Map<String, Double> keep) {
        if (s == null) {
            return base;
        }
        if (base instanceof GemmWork g) {
            return refineGemm(op, s, g);
        }
        if (base instanceof VectorWork v && op instanceof Softmax sm && s.attention() != null) {
            // the entries a (kept) softmax computes: the pattern's, or the causal mask's, per matrix
            var dims = sm.shape().dims();
            long denseRows = dims.size() >= 2 ? dims.get(dims.size() - 2) : 1;
            long matrices = sm.shape().elements() / (denseRows * sm.shape().last());
            long rows = Math.max(1, (long) Math.ceil(denseRows * keep.getOrDefault("rows", 1.0) - 1e-9));
            long cols = Math.max(1, (long) Math.ceil(sm.shape().last() * keep.getOrDefault("cols", 1.0) - 1e-9));
            double perMatrix = s.attention() != null
                    ? AttentionPatterns.build(s.attention(), geometry(rows, cols, sm.causal())).mask().keptTotal()
                    : sm.causal().pairs(0, rows, cols);
            long kept = Math.round(matrices * perMatrix);
            return new VectorWork(v.function(), kept, v.inputs(), v.passes(), v.bits(), kept, cols);
        }
        return base;
    }

    static AttentionPatterns.Geometry geometry(long rows, long keys, CausalMask causal) {
        if (causal == null) {
            // decode: every row is the newest position, which sees every cached key
            return new AttentionPatterns.Geometry(rows, keys, rows, keys - 1, 0);
        }
        return new AttentionPatterns.Geometry(rows, keys, causal.group(), causal.offset(), causal.window());
    }

    private static GemmWork refineGemm(Operator op, OpSparsity s, GemmWork g) {
        GemmOverlay o = null;
        if (s.activation() != null) {
            ActivationOverlay a = s.activation();
            double u = a.unionDensity(g.m() * g.batch());
            boolean onK = a.dim().equals("k");
            long k = onK ? Math.max(1, (long) Math.ceil(g.k() * u - 1e-9)) : g.k();
            long n = onK ? g.n() : Math.max(1, (long) Math.ceil(g.n() * u - 1e-9));
            g = new GemmWork(g.batch(), g.m(), k, n, g.actBits(), g.bBits(), g.bIsWeight(), g.nm(), g.quant(), g.causal());
            o = GemmOverlay.gathered(onK ? 'n' : 'k', "neuron (" + (onK ? "weight rows" : "weight columns")
                    + ", union over " + g.m() + " rows: " + String.format(java.util.Locale.ROOT, "%.3g", u) + ")");
        }
        if (s.unstructured() != null) {
            UnstructuredOverlay u = s.unstructured();
            PairMask b = RandomPairs.elements(g.k(), g.n(), u.density());
            if (u.format() == SparseFormat.ELLPACK) {
                int w = CompressedBytes.ellpackWidth(u.block(), u.density(), u.slice());
                g = g.withNm(new NmPattern(w, u.block(), "k"));
                o = new GemmOverlay(null, null, b, GemmOverlay.Storage.DENSE, 'n', false, 1,
                        "element (ELLPACK: groups of " + u.block() + " padded to " + w + " over " + u.slice() + ")");
            } else {
                o = new GemmOverlay(null, null, b, u.format() == SparseFormat.BITMAP ? GemmOverlay.Storage.BITMAP
                        : GemmOverlay.Storage.CSR, 'n', false, 1, "element (" + u.format().id() + ")");
            }
        }
        if (s.blocks() != null) {
            BlockOverlay bl = s.blocks();
            PairMask b = new RandomPairs(g.k(), g.n(), bl.density(), Math.min(bl.rows(), g.k()), Math.min(bl.cols(), g.n()));
            o = new GemmOverlay(null, null, b, GemmOverlay.Storage.BLOCKS, 'n', false, 1, b.granularity());
        }
        if (s.experts() != null) {
            ExpertOverlay e = s.experts();
            boolean onN = e.dim().equals("n");
            long neurons = onN ? g.n() : g.k();
            long experts = neurons / e.size();
            long rows = g.m() * g.batch();
            double u = e.unionDensity(rows);
            long distinct = Math.max(1, Math.min(experts, Math.round(experts * u)));
            // the touched experts run as one batched GEMM, each over its share of the token-expert assignments
            long load = Math.max(1, Math.min(rows, (long) Math.ceil(rows * e.density() * experts / distinct - 1e-9)));
            g = new GemmWork(distinct, load, onN ? g.k() : e.size(), onN ? e.size() : g.n(), g.actBits(), g.bBits(), false,
                    null, g.quant(), null);
            o = new GemmOverlay(null, null, null, GemmOverlay.Storage.DENSE, 'n', false, 1,
                    "expert (" + e.size() + " neurons; " + distinct + " of " + experts + " touched)");
        }
        if (op instanceof Matmul mm && s.kv() != null) {
            KvOverlay v = s.kv();
            char axis = mm.transposeB() ? 'k' : 'n';
            if (v.method() == KvMethod.BITMAP) {
                PairMask b = RandomPairs.elements(g.k(), g.n(), v.density());
                o = new GemmOverlay(null, null, b, GemmOverlay.Storage.BITMAP, axis, false, 1, "element (bitmap K/V)");
            } else if (v.method() == KvMethod.EVICT) {
                o = GemmOverlay.gathered(axis, "token (retention budget)");
            } else {
                double scale = mm.transposeB() ? Math.min(1.0, (double) v.rankFor(g.k()) / g.k()) : 1;
                o = new GemmOverlay(null, null, null, GemmOverlay.Storage.DENSE, axis, true, scale,
                        "chunk of " + v.chunk() + " tokens" + (mm.transposeB() ? " (rank-" + v.rankFor(g.k()) + " keys)" : ""));
            }
        }
        if (op instanceof Matmul mm && s.attention() != null) {
            AttentionOverlay a = s.attention();
            long keys = mm.transposeB() ? g.n() : g.k();
            AttentionPatterns.Built b = AttentionPatterns.build(a, geometry(g.m(), keys, g.causal()));
            GemmOverlay base = o != null ? o : new GemmOverlay(null, null, null, GemmOverlay.Storage.DENSE,
                    mm.transposeB() ? 'k' : 'n', false, 1, null);
            o = mm.transposeB() ? base.withOut(b.mask(), b.mask().granularity()) : base.withA(b.mask(), b.mask().granularity());
        }
        return o == null ? g : g.withOverlay(o);
    }
}
