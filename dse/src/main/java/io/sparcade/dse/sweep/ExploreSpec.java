package io.sparcade.dse.sweep;

import io.sparcade.model.SpecException;

/**
 * Exploration instead of enumeration: a multi-objective search proposes which points of the sweep to evaluate,
 * at most {@code budget} of them, towards each design group's Pareto front in the sweep's objectives.
 *
 * @param strategy the search algorithm
 * @param budget   the most design points evaluated over the whole sweep (shared among the design groups in
 *                 proportion to their sizes)
 * @param seed     seed of every random choice of the search
 */
public record ExploreSpec(ExploreStrategyKind strategy, long budget, long seed) implements java.io.Serializable {
    /** Largest budget: the points an exploration evaluates stay in memory (their objectives) while it runs. */
    public static final long MAX_BUDGET = 1_000_000;

    public ExploreSpec {
        if (budget < 1 || budget > MAX_BUDGET) {
            throw new SpecException("explore.budget", "expected an integer in 1.." + MAX_BUDGET + ", got " + budget);
        }
    }

    /** The settings as one line, e.g. {@code nsga2 budget 1500 seed 7}. */
    public String describe() {
        return strategy.id() + " budget " + budget + " seed " + seed;
    }
}
