package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A view of its input with another shape of the same element count (e.g. [1, 4096] as 32 heads [32, 1, 128]). Costs nothing. */
public record Reshape(String name, List<String> inputs, Shape shape, int bits) implements Operator {
    public Reshape {
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
    public Optional<String> checkInput(int index, Shape actual) {
        return actual.elements() == shape.elements() ? Optional.empty()
                : Optional.of("shape " + actual + " has " + actual.elements() + " elements but '" + name()
                        + "' reshapes to " + shape + " (" + shape.elements() + ")");
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    @Override
    public Map<String, Long> dims() {
        Map<String, Long> d = new LinkedHashMap<>();
        d.put("elements", shape.elements());
        return d;
    }
}
