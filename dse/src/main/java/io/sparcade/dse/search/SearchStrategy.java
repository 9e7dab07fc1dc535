package io.sparcade.dse.search;

import java.util.Optional;

/**
 * A mapping search, ask/tell style (Timeloop's mapper): {@link #next()} proposes a point of the map space, the
 * caller evaluates it and {@link #report(double)}s its cost (lower is better; infinite for an invalid mapping)
 * before asking again. A strategy decides nothing about how mappings are evaluated.
 */
public interface SearchStrategy {
    /** The next point to evaluate (one index per choice of the {@link MapSpace}), or empty when done. */
    Optional<int[]> next();

    /** The cost of the point last returned by {@link #next()}. */
    void report(double cost);
}
