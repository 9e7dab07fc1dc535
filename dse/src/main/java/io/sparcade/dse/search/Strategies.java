package io.sparcade.dse.search;

import io.sparcade.dse.sweep.SearchStrategyKind;

/** Builds the strategy a sweep names, for one map space and one seed. */
public final class Strategies {
    private Strategies() {
    }

    /**
     * @param budget the evaluations the search will be allowed (strategies that plan, such as the genetic ones, size
     *               their phases by it)
     */
    public static SearchStrategy create(SearchStrategyKind kind, int[] sizes, long seed, int budget) {
        return switch (kind) {
            case EXHAUSTIVE -> new ExhaustiveSearch(sizes);
            case RANDOM -> new RandomSearch(sizes, seed);
            case HILL_CLIMB -> new HillClimbSearch(sizes, seed);
            case GENETIC -> new GeneticSearch(sizes, GeneticSearch.populationFor(budget), seed);
            case MEMETIC -> new MemeticSearch(sizes, budget, seed);
        };
    }
}
