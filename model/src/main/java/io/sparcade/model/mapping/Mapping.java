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

    /** The entries whose key names one of {@code operators} (or one of their training passes). */
    public Mapping restrictedTo(java.util.Collection<String> operators) {
        Map<String, OpMapping> m = new java.util.LinkedHashMap<>();
        this.operators.forEach((k, v) -> {
            if (operators.contains(k) || operators.contains(k.replaceFirst("\\.[^.]*$", ""))) {
                m.put(k, v);
            }
        });
        return new Mapping(m);
    }

    /** The entries whose key names none of {@code operators}. */
    public Mapping without(java.util.Collection<String> operators) {
        Map<String, OpMapping> m = new java.util.LinkedHashMap<>(this.operators);
        m.keySet().removeAll(restrictedTo(operators).operators().keySet());
        return new Mapping(m);
    }

    public Optional<OpMapping> of(String operator) {
        return Optional.ofNullable(operators.get(operator));
    }
}
