package io.sparcade.dse.search;

import io.sparcade.dse.sweep.SearchStrategyKind;

/** Builds the strategy a sweep names, for one map space and one seed. */
public final class Strategies {
    private Strategies() {
    }

    public static SearchStrategy create(SearchStrategyKind kind, int[] sizes, long seed) {
        return switch (kind) {
            case EXHAUSTIVE -> new ExhaustiveSearch(sizes);
            case RANDOM -> new RandomSearch(sizes, seed);
            case HILL_CLIMB -> new HillClimbSearch(sizes, seed);
        };
    }
}
