package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums over every dimension but the last: input {@code shape}, output [1, last]. SpAtten's token importance is
 * such a sum of attention probabilities over heads and queries.
 */
public record Reduce(String name, List<String> inputs, Shape shape, int bits) implements Operator {
    public Reduce {
        Checks.name(name, "name");
        inputs = OpChecks.inputs(inputs, 1, 1);
        Checks.present(shape, "shape");
        bits = OpChecks.bits(bits);
    }

    @Override
    public List<Shape> expectedInputShapes() {
        return List.of(shape);
    }

    @Override
    public Shape outputShape() {
        return Shape.of(1, shape.last());
    }

    @Override
    public Map<String, Long> dims() {
        Map<String, Long> d = new LinkedHashMap<>();
        d.put("elements", shape.elements());
        return d;
    }
}
