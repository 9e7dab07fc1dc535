package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import java.util.Map;

/**
 * The sparsity overlay of one operator: an N:M pattern on its weight and/or keep-ratios on named dimensions
 * (the fraction that survives token/head pruning, e.g. {@code keep: {k: 0.5}} on P·V when half the tokens
 * were pruned by a top-k) and/or progressive quantisation of its second operand ({@code quant}).
 */
public record OpSparsity(NmPattern nm, Map<String, Double> keep, QuantOverlay quant) {
    public OpSparsity(NmPattern nm, Map<String, Double> keep) {
        this(nm, keep, null);
    }

    public OpSparsity {
        keep = Checks.map(keep);
        keep.forEach((dim, ratio) -> Checks.fraction(ratio == null ? 0 : ratio, "keep." + dim));
    }
}
