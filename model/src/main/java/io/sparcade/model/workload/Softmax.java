package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Softmax over the last dimension of {@code shape} (max, exponent-sum, normalise: read twice). */
public record Softmax(String name, List<String> inputs, Shape shape, int bits) implements Operator {
    public Softmax {
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
        return shape;
    }

    @Override
    public Map<String, Long> dims() {
        Map<String, Long> d = new LinkedHashMap<>();
        d.put("rows", shape.elements() / shape.last());
        d.put("cols", shape.last());
        return d;
    }
}
