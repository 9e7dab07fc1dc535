package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sparsity overlay of one operator, kept apart from its dense description. Each component is one kind of
 * overlay (any may be null):
 * <ul>
 *   <li>{@code nm}: an N:M pattern on its weight (papers.md §1);</li>
 *   <li>{@code keep}: keep-ratios on named dimensions, the fraction that survives token/head pruning (e.g.
 *       {@code keep: {k: 0.5}} on P·V when a top-k kept half the tokens: SpAtten's cascade);</li>
 *   <li>{@code quant}: SpAtten's progressive quantisation of its second operand;</li>
 *   <li>{@code unstructured}, {@code blocks}: element-wise and block (group) sparsity of its weight;</li>
 *   <li>{@code activation}: activation sparsity (the neurons a token uses) with its selector;</li>
 *   <li>{@code attention}: a sparse-attention pattern (prefill), with its index-building step;</li>
 *   <li>{@code kv}: KV-cache sparsity (decode): eviction, bitmap-compressed pruning, low-rank keys;</li>
 *   <li>{@code tokens}: visual-token pruning from a given layer;</li>
 *   <li>{@code experts}: the projection run as a mixture of experts (BlockFFN-style chunk sparsity).</li>
 * </ul>
 * Where each kind applies, and what each parameter means and defaults to (with its paper), is in the kind's record.
 */
public record OpSparsity(NmPattern nm, Map<String, Double> keep, QuantOverlay quant, UnstructuredOverlay unstructured,
                         BlockOverlay blocks, ActivationOverlay activation, AttentionOverlay attention, KvOverlay kv,
                         TokenOverlay tokens, ExpertOverlay experts) {
    public OpSparsity(NmPattern nm, Map<String, Double> keep) {
        this(nm, keep, null);
    }

    public OpSparsity(NmPattern nm, Map<String, Double> keep, QuantOverlay quant) {
        this(nm, keep, quant, null, null, null, null, null, null, null);
    }

    public OpSparsity {
        keep = Checks.map(keep);
        keep.forEach((dim, ratio) -> Checks.fraction(ratio == null ? 0 : ratio, "keep." + dim));
    }

    /** An overlay of one method kind only. */
    public static OpSparsity of(Object kind) {
        return new OpSparsity(null, Map.of(), null).with(kind);
    }

    /** This overlay with one kind's component set (replacing that kind's, if any). */
    public OpSparsity with(Object kind) {
        return new OpSparsity(kind instanceof NmPattern p ? p : nm, keep, kind instanceof QuantOverlay q ? q : quant,
                kind instanceof UnstructuredOverlay u ? u : unstructured, kind instanceof BlockOverlay b ? b : blocks,
                kind instanceof ActivationOverlay a ? a : activation, kind instanceof AttentionOverlay t ? t : attention,
                kind instanceof KvOverlay v ? v : kv, kind instanceof TokenOverlay o ? o : tokens,
                kind instanceof ExpertOverlay e ? e : experts);
    }

    /** This overlay with other keep-ratios. */
    public OpSparsity withKeep(Map<String, Double> newKeep) {
        return new OpSparsity(nm, newKeep, quant, unstructured, blocks, activation, attention, kv, tokens, experts);
    }

    /** The YAML names of the kinds present, e.g. [nm, keep]. */
    public List<String> kinds() {
        List<String> k = new ArrayList<>();
        if (nm != null) {
            k.add("nm");
        }
        if (!keep.isEmpty()) {
            k.add("keep");
        }
        if (quant != null) {
            k.add("quant");
        }
        if (unstructured != null) {
            k.add("unstructured");
        }
        if (blocks != null) {
            k.add("blocks");
        }
        if (activation != null) {
            k.add("activation");
        }
        if (attention != null) {
            k.add("attention");
        }
        if (kv != null) {
            k.add("kv");
        }
        if (tokens != null) {
            k.add("tokens");
        }
        if (experts != null) {
            k.add("experts");
        }
        return k;
    }
}
