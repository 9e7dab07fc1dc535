package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routed experts of a mixture-of-experts layer applying one projection: each of {@code tokens} tokens goes
 * to {@code top_k} of {@code experts} experts, each expert with its own [k, n] weight in off-chip memory.
 * Without {@code combine} the input is the tokens [tokens, k] and the output one row per (token, expert)
 * assignment [tokens x top_k, n] (gate and up projections); with {@code combine} the input is the assignments
 * [tokens x top_k, k] and the output the weighted sum of each token's top_k results [tokens, n] (down
 * projection). An optional second input is the routing (the router's top-k indices [tokens, top_k]), which
 * orders this operator after it.
 *
 * <p>Routing statistics (an estimate: real routing is data dependent): tokens are routed independently and
 * uniformly, so an expert escapes one token with probability 1 - top_k/experts and the expected number of
 * distinct experts touched is {@code experts x (1 - (1 - top_k/experts)^tokens)} ({@link #expectedDistinct}),
 * rounded to the nearest integer: exactly top_k for one token. Only those experts' weights are fetched. The
 * touched experts run as one batched GEMM padded to the busiest expert's load, {@code skew} x the mean load
 * (tokens x top_k / distinct), at most one row per token: with skew 1 the load is balanced, and a larger skew
 * models imbalance, the busiest expert setting the time.
 *
 * @param tokens  tokens routed
 * @param k       reduction (input features per expert)
 * @param n       output features per expert
 * @param experts experts of the layer (E)
 * @param topK    experts per token
 * @param combine whether the output sums each token's expert results (the down projection)
 * @param skew    the busiest expert's load over the mean load, &gt;= 1 (0: 1)
 */
public record ExpertGemm(String name, List<String> inputs, long tokens, long k, long n, long experts, long topK,
                         boolean combine, double skew, int bits, int weightBits) implements Operator {
    public ExpertGemm {
        Checks.name(name, "name");
        inputs = OpChecks.inputs(inputs, 1, 2);
        Checks.positive(tokens, "tokens");
        Checks.positive(k, "k");
        Checks.positive(n, "n");
        Checks.positive(experts, "experts");
        Checks.positive(topK, "top_k");
        if (topK > experts) {
            throw new SpecException("top_k", "must be <= experts (" + experts + "), got " + topK);
        }
        skew = skew == 0 ? 1 : skew;
        if (!(skew >= 1) || Double.isInfinite(skew)) {
            throw new SpecException("skew", "must be >= 1 (the busiest expert's load over the mean), got " + skew);
        }
        bits = OpChecks.bits(bits);
        weightBits = weightBits == 0 ? bits : weightBits;
        Checks.positive(weightBits, "weight_bits");
    }

    /** Expected distinct experts touched by {@code tokens} tokens each routed uniformly to {@code topK} of {@code experts}. */
    public static double expectedDistinct(long experts, long topK, long tokens) {
        return experts * -Math.expm1(tokens * Math.log1p(-(double) topK / experts));
    }

    /** Distinct experts touched: the expectation rounded to the nearest integer, within [top_k, experts]. */
    public long distinctExperts() {
        if (topK == experts) {
            return experts;
        }
        long d = Math.round(expectedDistinct(experts, topK, tokens));
        return Math.max(topK, Math.min(experts, d));
    }

    /** (token, expert) assignments: tokens x top_k. */
    public long assignments() {
        return Math.multiplyExact(tokens, topK);
    }

    /** Rows the busiest expert processes: skew x the mean load, rounded up, at most one per token. */
    public long busiestLoad() {
        double mean = (double) assignments() / distinctExperts();
        return Math.max(1, Math.min(tokens, (long) Math.ceil(skew * mean - 1e-9)));
    }

    @Override
    public List<Shape> expectedInputShapes() {
        Shape x = combine ? Shape.of(assignments(), k) : Shape.of(tokens, k);
        return inputs.size() == 1 ? List.of(x) : List.of(x, Shape.of(tokens, topK));
    }

    @Override
    public Shape outputShape() {
        return combine ? Shape.of(tokens, n) : Shape.of(assignments(), n);
    }

    /** The batched GEMM it runs: {@code experts} touched x {@code m} rows (the busiest load) x k x n. */
    @Override
    public Map<String, Long> dims() {
        Map<String, Long> d = new LinkedHashMap<>();
        d.put("experts", distinctExperts());
        d.put("m", busiestLoad());
        d.put("k", k);
        d.put("n", n);
        return d;
    }

    @Override
    public List<String> prunableDims() {
        return List.of("k");
    }

    @Override
    public long weights() {
        return Math.multiplyExact(experts, Math.multiplyExact(k, n));
    }

    /** Weights one token uses: its top_k experts'. */
    @Override
    public long activeWeights() {
        return Math.multiplyExact(topK, Math.multiplyExact(k, n));
    }
}
