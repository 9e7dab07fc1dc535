package io.sparcade.model.workload;

import io.sparcade.model.SpecException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that each overlay kind of an operator's {@link OpSparsity} applies to that operator and fits its shape.
 * A failure names the field ({@code sparsity.<operator>.<kind>.<field>}), the method and the operator.
 */
final class OverlayChecks {
    private OverlayChecks() {
    }

    static void check(Operator op, OpSparsity s, String path, Map<String, Operator> ops, Set<String> inputs) {
        String type = typeOf(op);
        boolean weight = op instanceof Gemm || op instanceof Conv2d || op instanceof ExpertGemm;
        if (s.unstructured() != null) {
            String m = "unstructured weight sparsity (" + s.unstructured().format().id() + ")";
            require(weight, path + ".unstructured", m, op, "applies to an operator with a weight (gemm, conv2d, expert_gemm), not a " + type);
            require(s.nm() == null, path + ".unstructured", m, op, "cannot be combined with nm on the same weight");
            long k = op.dims().get("k");
            require(s.unstructured().format() != SparseFormat.ELLPACK || s.unstructured().block() <= k,
                    path + ".unstructured.block", m, op, "ELLPACK groups of " + s.unstructured().block() + " do not fit k=" + k);
        }
        if (s.blocks() != null) {
            String m = "block sparsity (GQSA)";
            require(weight, path + ".blocks", m, op, "applies to an operator with a weight (gemm, conv2d, expert_gemm), not a " + type);
            require(s.nm() == null && s.unstructured() == null, path + ".blocks", m, op,
                    "cannot be combined with nm or unstructured on the same weight");
            long k = op.dims().get("k");
            long n = op.dims().get("n");
            require(s.blocks().rows() <= k, path + ".blocks.rows", m, op, "blocks of " + s.blocks().rows() + " rows do not fit k=" + k);
            require(s.blocks().cols() <= n, path + ".blocks.cols", m, op, "blocks of " + s.blocks().cols() + " columns do not fit n=" + n);
        }
        if (s.activation() != null) {
            ActivationOverlay a = s.activation();
            String m = "activation sparsity (" + a.selector().id() + ")";
            require(op instanceof Gemm, path + ".activation", m, op,
                    "applies to a weight GEMM (the neurons it fetches), not a " + type);
            require(s.experts() == null, path + ".activation", m, op, "cannot be combined with experts on the same operator");
            require(a.from() == null || ops.containsKey(a.from()) || inputs.contains(a.from()), path + ".activation.from", m, op,
                    "no tensor named '" + a.from() + "'");
            long k = op.dims().get("k");
            require(a.rank() < k || a.selector() == ActivationSelector.PREDICTOR, path + ".activation.rank", m, op,
                    "the predictor reads " + a.rank() + " input features, but k=" + k);
        }
        if (s.attention() != null) {
            AttentionOverlay a = s.attention();
            String m = "attention pattern '" + a.pattern().id() + "'";
            require(op instanceof Matmul || op instanceof Softmax, path + ".attention", m, op,
                    "applies to attention (Q·Kᵀ, its softmax, P·V), not a " + type);
            long keys = keysOf(op);
            require(!a.pattern().blockwise() || a.block() <= keys, path + ".attention.block", m, op,
                    "blocks of " + a.block() + " keys do not fit the " + keys + " keys");
            require(a.pattern() != AttentionPattern.A_SHAPE || a.sink() < keys, path + ".attention.sink", m, op,
                    a.sink() + " sink keys leave no room for a window among the " + keys + " keys");
        }
        if (s.kv() != null) {
            KvOverlay v = s.kv();
            String m = "KV-cache " + v.method().id();
            require(op instanceof Matmul || op instanceof Softmax, path + ".kv", m, op,
                    "applies to decode attention reading the KV cache (Q·Kᵀ, its softmax, P·V), not a " + type);
            require(!(op instanceof Softmax) || v.method() != KvMethod.BITMAP, path + ".kv", m, op,
                    "prunes K and V elements: it applies to Q·Kᵀ and P·V, not to the softmax");
            long keys = keysOf(op);
            require(v.method() != KvMethod.LOW_RANK || v.chunk() <= keys, path + ".kv.chunk", m, op,
                    "chunks of " + v.chunk() + " tokens do not fit the " + keys + " cached tokens");
            require(v.method() != KvMethod.LOW_RANK || !(op instanceof Matmul mm) || !mm.transposeB() || v.rankFor(mm.k()) < mm.k(),
                    path + ".kv.rank", m, op, "rank " + v.rank() + " is not below the head dimension " + (op instanceof Matmul mm2 ? mm2.k() : 0));
        }
        if (s.tokens() != null) {
            String m = "token pruning (" + s.tokens().selector().id() + ")";
            List<String> dims = s.tokens().dimsOf(op);
            require(!dims.isEmpty(), path + ".tokens.dims", m, op, "a " + type + " has no token dimension; name them in dims");
            for (String d : dims) {
                require(op.dims().containsKey(d), path + ".tokens.dims", m, op,
                        "no dimension '" + d + "' (has " + op.dims().keySet() + ")");
            }
        }
        if (s.experts() != null) {
            ExpertOverlay e = s.experts();
            String m = "experts (" + e.router().id() + " router)";
            require(op instanceof Gemm, path + ".experts", m, op, "turns a dense MLP projection (gemm) into experts, not a " + type);
            require(s.nm() == null && s.unstructured() == null && s.blocks() == null, path + ".experts", m, op,
                    "cannot be combined with weight sparsity on the same operator");
            long d = op.dims().get(e.dim());
            require(d % e.size() == 0, path + ".experts.size", m, op,
                    "experts of " + e.size() + " neurons do not divide " + e.dim() + "=" + d);
        }
    }

    /** Keys an attention operator runs over: n of Q·Kᵀ, k of P·V, the columns of a softmax. */
    static long keysOf(Operator op) {
        if (op instanceof Matmul mm) {
            return mm.transposeB() ? mm.n() : mm.k();
        }
        return op.dims().get("cols");
    }

    private static String typeOf(Operator op) {
        if (op instanceof ExpertGemm) {
            return "expert_gemm";
        }
        return op.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static void require(boolean ok, String field, String method, Operator op, String problem) {
        if (!ok) {
            throw new SpecException(field, method + " on '" + op.name() + "': " + problem);
        }
    }
}
