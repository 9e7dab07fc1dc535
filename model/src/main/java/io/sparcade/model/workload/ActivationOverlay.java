package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;

/**
 * Activation sparsity on a weight GEMM: per token only a fraction {@code density} of the neurons along {@code dim}
 * is active, so the weight rows (dim k: input features) or columns (dim n: output neurons) of inactive neurons are
 * neither fetched nor multiplied. Tokens of one GEMM share the fetch: over m rows the union of their active
 * neurons is computed, 1 - (1 - density)^m of them (tokens independent, an estimate: correlated tokens need fewer,
 * "Sparsing Law: Towards Large Language Models with Greater Activation Sparsity"), so the gain is large in batch-1
 * decode and vanishes in prefill. Weights are assumed stored neuron-major, so one neuron's weights are contiguous
 * and its fetch is rounded up to whole DRAM bursts. A selector ({@link ActivationSelector}) runs first.
 *
 * @param selector how the active neurons are chosen (default {@code threshold})
 * @param density  kept fraction of neurons per token, in (0, 1]
 * @param dim      the weight dimension pruned: {@code k} (input features: TEAL, WINA, CATS on down_proj) or
 *                 {@code n} (output neurons: CATS on up_proj); default k
 * @param from     the tensor whose activations are compared or predicted from, default the operator's input
 * @param rank     predictor width: the low-rank predictor's rank ({@code predictor}, default 1024, an estimate in
 *                 the range 256..2048 of the lazy-neuron line's predictors) or the input features the
 *                 {@code topk} predictor reads (default 0: half of them, an estimate of Spark Transformer's split)
 */
public record ActivationOverlay(ActivationSelector selector, double density, String dim, String from, long rank) {
    /** Estimate of a low-rank activation predictor's rank (range 256..2048). */
    public static final long DEFAULT_PREDICTOR_RANK = 1024;

    public ActivationOverlay {
        selector = selector == null ? ActivationSelector.THRESHOLD : selector;
        Checks.fraction(density, "density");
        dim = dim == null ? "k" : dim;
        if (!dim.equals("k") && !dim.equals("n")) {
            throw new SpecException("dim", "activation sparsity prunes the weight's k (input features) or n (output neurons), got '" + dim + "'");
        }
        if (rank == 0 && selector == ActivationSelector.PREDICTOR) {
            rank = DEFAULT_PREDICTOR_RANK;
        }
        Checks.nonNegative(rank, "rank");
    }

    /** Fraction of neurons a GEMM of {@code rows} tokens computes: the union of the tokens' active neurons. */
    public double unionDensity(long rows) {
        return -Math.expm1(rows * Math.log1p(-Math.min(density, 1 - 1e-15)));
    }
}
