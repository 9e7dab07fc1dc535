package io.sparcade.dse.sweep;

import io.sparcade.model.Checks;

/**
 * How each design point's mapping is searched.
 *
 * @param strategy  the search strategy
 * @param budget    the most mappings evaluated per design point (the scheduler's own choice is always the first)
 * @param objective the metric the search minimises
 */
public record SearchSpec(SearchStrategyKind strategy, int budget, Metric objective) implements java.io.Serializable {
    /** Default: hill climbing over 6 mappings, minimising the energy-delay product. */
    public static final SearchSpec DEFAULT = new SearchSpec(SearchStrategyKind.HILL_CLIMB, 6, Metric.EDP);

    public SearchSpec {
        Checks.positive(budget, "budget");
    }
}
