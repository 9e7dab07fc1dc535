package io.sparcade.model.mapping;

import io.sparcade.model.Checks;
import java.util.Map;
import java.util.Optional;

/**
 * An optional mapping of operators (by name; expanded training passes as {@code fc1.fwd}, {@code fc1.bwd-data},
 * {@code fc1.bwd-weight}) onto units. Operators not listed are placed by the scheduler.
 */
public record Mapping(Map<String, OpMapping> operators) {
    public static final Mapping NONE = new Mapping(Map.of());

    public Mapping {
        operators = Checks.map(operators);
    }

    public Optional<OpMapping> of(String operator) {
        return Optional.ofNullable(operators.get(operator));
    }
}
