package io.sparcade.model.presets;

import io.sparcade.model.workload.Matmul;
import io.sparcade.model.workload.Reduce;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Softmax;
import io.sparcade.model.workload.TopK;
import io.sparcade.model.workload.Workload;
import java.util.List;

/**
 * One attention layer as SpAtten runs it (papers.md §2): Q·Kᵀ over the fetched keys, softmax, token importance
 * (sum of probabilities over heads and queries), top-k over tokens, P·V over the fetched values, fused so
 * only Q, K and V come from DRAM. The dense description has every head and token at full precision; pruning
 * and progressive quantisation are the sparsity overlay, so {@link Workload#dense()} is the unpruned baseline.
 *
 * @param prefix      operator name prefix, e.g. {@code l3.}
 * @param heads       heads of the model
 * @param headDim     D
 * @param queries     query rows per head (1 for generation)
 * @param tokens      L, keys/values in the sequence (dense)
 * @param bits        unquantised element width
 * @param keptHeads   heads left by cascade head pruning
 * @param keptKeys    keys fetched per kept head (cascade token pruning)
 * @param keptValues  values fetched per kept head (local value pruning)
 * @param keptTokens  tokens the layer's top-k keeps for later layers (= tokens: no top-k)
 * @param keyBits     MSBs fetched per key (= bits: no quantisation)
 * @param valueBits   bits fetched per value
 * @param refetchBits LSBs re-fetched for low-confidence rows
 * @param refetchFraction fraction of rows that re-fetch
 * @param keptQueries query rows left (encoders prune queries with their tokens; generation keeps its one query)
 */
public record AttentionLayer(String prefix, long heads, long headDim, long queries, long tokens, int bits,
                             double keptHeads, double keptKeys, double keptValues, long keptTokens, int keyBits,
                             int valueBits, int refetchBits, double refetchFraction, double keptQueries) {

    public AttentionLayer(String prefix, long heads, long headDim, long queries, long tokens, int bits,
                          double keptHeads, double keptKeys, double keptValues, long keptTokens, int keyBits,
                          int valueBits, int refetchBits, double refetchFraction) {
        this(prefix, heads, headDim, queries, tokens, bits, keptHeads, keptKeys, keptValues, keptTokens, keyBits,
                valueBits, refetchBits, refetchFraction, queries);
    }

    /** The same layer where only {@code kept} queries remain (an encoder's pruned tokens are queries too). */
    public AttentionLayer queriesKept(double kept) {
        return new AttentionLayer(prefix, heads, headDim, queries, tokens, bits, keptHeads, keptKeys, keptValues,
                keptTokens, keyBits, valueBits, refetchBits, refetchFraction, kept);
    }

    /** Adds the layer's inputs, operators, fusion group and overlay to {@code b}. */
    public void addTo(Workload.Builder b) {
        String q = prefix + "q";
        String k = prefix + "k";
        String v = prefix + "v";
        b.input(q, Shape.of(heads, queries, headDim))
                .input(k, Shape.of(heads, tokens, headDim))
                .input(v, Shape.of(heads, tokens, headDim))
                .op(new Matmul(prefix + "qk", List.of(q, k), heads, queries, headDim, tokens, true, bits))
                .op(new Softmax(prefix + "softmax", List.of(prefix + "qk"), Shape.of(heads, queries, tokens), bits))
                .op(new Reduce(prefix + "importance", List.of(prefix + "softmax"), Shape.of(heads, queries, tokens), bits))
                .op(new TopK(prefix + "token_topk", List.of(prefix + "importance"), 1, tokens, tokens, bits))
                .op(new Matmul(prefix + "pv", List.of(prefix + "softmax", v, prefix + "token_topk"), heads, queries,
                        tokens, headDim, false, bits))
                .fuse(prefix + "qk", prefix + "softmax", prefix + "importance", prefix + "token_topk", prefix + "pv");
        double headRatio = keptHeads / heads;
        double queryRatio = keptQueries / queries;
        double keyRatio = keptKeys / tokens;
        if (headRatio < 1) {
            b.keep(prefix + "qk", "batch", headRatio).keep(prefix + "pv", "batch", headRatio);
        }
        if (headRatio * queryRatio < 1) {
            b.keep(prefix + "softmax", "rows", headRatio * queryRatio);
        }
        if (keyRatio < 1) {
            b.keep(prefix + "qk", "n", keyRatio).keep(prefix + "softmax", "cols", keyRatio);
        }
        if (headRatio * queryRatio * keyRatio < 1) {
            b.keep(prefix + "importance", "elements", headRatio * queryRatio * keyRatio);
        }
        if (queryRatio < 1) {
            b.keep(prefix + "qk", "m", queryRatio).keep(prefix + "pv", "m", queryRatio);
        }
        if (keptValues < tokens) {
            b.keep(prefix + "pv", "k", keptValues / tokens);
        }
        if (keptTokens < tokens) {
            b.keep(prefix + "token_topk", "k", (double) keptTokens / tokens);
        }
        if (keyBits < bits || refetchFraction > 0) {
            b.quant(prefix + "qk", keyBits, refetchBits, refetchFraction);
        }
        if (valueBits < bits) {
            b.quant(prefix + "pv", valueBits, 0, 0);
        }
    }
}
