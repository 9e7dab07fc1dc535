package io.sparcade.dse.eval;

import io.sparcade.dse.sweep.DesignPoint;
import java.util.List;

/**
 * The outcome of one design point: its metrics and best mapping, or the error its evaluation threw.
 *
 * @param point       the point
 * @param arch        architecture name
 * @param metrics     what it measured; null when it failed
 * @param violations  the constraints it breaks ({@code dsp48 8192 > 6840}); empty when feasible
 * @param evaluations mappings the search evaluated
 * @param mapping     the best mapping, one line ({@link io.sparcade.dse.search.MappingText})
 * @param error       one-line error, or null
 */
public record PointResult(DesignPoint point, String arch, Metrics metrics, List<String> violations, int evaluations,
                          String mapping, String error) implements java.io.Serializable {
    public PointResult {
        violations = List.copyOf(violations);
    }

    public boolean ok() {
        return error == null;
    }

    public boolean feasible() {
        return ok() && violations.isEmpty();
    }
}
