package io.sparcade.dse.sweep;

import io.sparcade.model.SpecException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The mapping-search strategies a sweep can name; {@code io.sparcade.dse.search.Strategies} builds them. */
public enum SearchStrategyKind {
    /** Every mapping of the map space in order, up to the budget. */
    EXHAUSTIVE("exhaustive"),
    /** Uniformly random mappings from a seeded generator. */
    RANDOM("random"),
    /** First-improvement hill climbing from the scheduler's own mapping, one choice changed at a time. */
    HILL_CLIMB("hill-climb"),
    /** A seeded elitist genetic algorithm (jMetal's NSGA-II with one objective) from the scheduler's own mapping. */
    GENETIC("genetic"),
    /** The genetic algorithm for half the budget, then hill climbing from the best mapping it found. */
    MEMETIC("memetic");

    private final String id;

    SearchStrategyKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static SearchStrategyKind parse(String source, String field, String text) {
        for (SearchStrategyKind k : values()) {
            if (k.id.equals(text) || (k == HILL_CLIMB && "greedy".equals(text))) {
                return k;
            }
        }
        throw new SpecException(source, field, "unknown search strategy '" + text + "' (known: "
                + Arrays.stream(values()).map(SearchStrategyKind::id).collect(Collectors.joining(", ")) + ", greedy)");
    }
}
