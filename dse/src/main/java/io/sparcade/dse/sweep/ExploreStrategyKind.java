package io.sparcade.dse.sweep;

import io.sparcade.model.SpecException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The design-space exploration algorithms a sweep can name ({@code explore: {strategy: ...}}). */
public enum ExploreStrategyKind {
    /** NSGA-II (Deb et al. 2002), jMetal's implementation: see {@code io.sparcade.dse.search.Nsga2Search}. */
    NSGA2("nsga2");

    private final String id;

    ExploreStrategyKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ExploreStrategyKind parse(String source, String field, String text) {
        for (ExploreStrategyKind k : values()) {
            if (k.id.equals(text)) {
                return k;
            }
        }
        throw new SpecException(source, field, "unknown exploration strategy '" + text + "' (known: "
                + Arrays.stream(values()).map(ExploreStrategyKind::id).collect(Collectors.joining(", ")) + ")");
    }
}
