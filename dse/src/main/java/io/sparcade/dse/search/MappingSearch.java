package io.sparcade.dse.search;

import io.sparcade.model.SpecException;
import io.sparcade.model.mapping.Mapping;
import java.util.Optional;
import java.util.function.Function;

/**
 * Drives a strategy over a map space with a budget: asks for a point, prices its mapping with {@code cost},
 * tells the strategy, keeps the cheapest. A mapping the model refuses (a {@link SpecException}: its tile does
 * not fit, its unit cannot run the operator) is priced infinite and counted; any other exception is a bug and
 * propagates: it is never priced as a bad mapping.
 */
public final class MappingSearch {
    private MappingSearch() {
    }

    /** The search's outcome: the best mapping, what the evaluation returned for it, and how many were tried. */
    public record Outcome<R>(Mapping mapping, R result, double cost, int evaluations) {
    }

    /**
     * @param evaluate returns the evaluation of a mapping (or throws when the mapping is invalid)
     * @param cost     turns an evaluation into the number the search minimises
     * @return the best mapping; empty when no mapping could be evaluated
     */
    public static <R> Optional<Outcome<R>> run(MapSpace space, SearchStrategy strategy, int budget,
                                               Function<Mapping, R> evaluate, java.util.function.ToDoubleFunction<R> cost) {
        Outcome<R> best = null;
        SpecException firstFailure = null;
        int evaluations = 0;
        while (evaluations < budget) {
            Optional<int[]> next = strategy.next();
            if (next.isEmpty()) {
                break;
            }
            evaluations++;
            double c;
            R r = null;
            Mapping m = null;
            try {
                m = space.mapping(next.get());
                r = evaluate.apply(m);
                c = cost.applyAsDouble(r);
            } catch (SpecException e) {
                if (firstFailure == null) {
                    firstFailure = e;
                }
                c = Double.POSITIVE_INFINITY;
            }
            strategy.report(c);
            if (r != null && (best == null || c < best.cost())) {
                best = new Outcome<>(m, r, c, 0);
            }
        }
        if (best == null && firstFailure != null) {
            throw firstFailure;
        }
        return best == null ? Optional.empty() : Optional.of(new Outcome<>(best.mapping(), best.result(), best.cost(), evaluations));
    }
}
