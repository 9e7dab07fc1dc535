package io.sparcade.model.workload;

import com.fasterxml.jackson.annotation.JsonValue;
import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;
import java.util.List;

/**
 * Token pruning of a vision-language model's visual tokens: from layer {@code from_layer} on, only a fraction
 * {@code density} of the visual tokens is kept, so every later operator's token dimensions shrink ("DivPrune:
 * Diversity-based Visual Token Pruning for Large Multimodal Models" prunes before the first layer; "ToDRE" adds
 * task relevance). The selection runs once per pass: DivPrune's max-min diversity selection (pairwise distances
 * of the visual tokens, then greedy picks) or a score-based top-k. SpAtten's cascade pruning is the {@code keep}
 * overlay.
 *
 * @param density   kept fraction of the visual tokens, in (0, 1]
 * @param visual    fraction of the operator's tokens that are visual, in (0, 1] (default 1: LLaVA-1.5 puts 576
 *                  visual tokens before the text prompt; pass 576 / context for a prompt of that many tokens)
 * @param fromLayer the first layer that runs pruned (default 0: DivPrune prunes before the LLM)
 * @param selector  {@code diversity} (DivPrune, default) or {@code scores} (attention scores and a top-k)
 * @param dims      the operator's token dimensions (default: m of a GEMM; queries and keys of an attention matmul;
 *                  rows and cols of a softmax; rows of a norm; elements of an elementwise operator)
 */
public record TokenOverlay(double density, double visual, int fromLayer, Selector selector, List<String> dims) {
    /** How the kept tokens are chosen. */
    public enum Selector {
        DIVERSITY("diversity"),
        SCORES("scores");

        private final String id;

        Selector(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }
    }

    public TokenOverlay {
        Checks.fraction(density, "density");
        visual = visual == 0 ? 1 : visual;
        Checks.fraction(visual, "visual");
        if (fromLayer < 0) {
            throw new SpecException("from_layer", "must be >= 0, got " + fromLayer);
        }
        selector = selector == null ? Selector.DIVERSITY : selector;
        dims = dims == null ? List.of() : List.copyOf(dims);
    }

    /** The token dimensions this overlay shrinks on {@code op}: its own {@code dims}, or the operator type's. */
    public List<String> dimsOf(Operator op) {
        if (!dims.isEmpty()) {
            return dims;
        }
        if (op instanceof Gemm || op instanceof ExpertGemm || op instanceof Conv2d) {
            return List.of("m");
        }
        if (op instanceof Matmul mm) {
            return List.of("m", mm.transposeB() ? "n" : "k");
        }
        if (op instanceof Softmax) {
            return List.of("rows", "cols");
        }
        if (op instanceof Norm) {
            return List.of("rows");
        }
        if (op instanceof Eltwise || op instanceof Append || op instanceof VectorOp) {
            return List.of("elements");
        }
        return List.of();
    }

    /** Kept fraction of all the tokens: the text tokens stay, the visual ones keep {@code density}. */
    public double keptFraction() {
        return 1 - visual * (1 - density);
    }
}
