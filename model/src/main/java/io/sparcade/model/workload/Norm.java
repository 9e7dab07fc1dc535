package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Layer or RMS normalisation over the last dimension of {@code shape} (statistics, then scale: read twice). */
public record Norm(String name, List<String> inputs, Shape shape, int bits) implements Operator {
    public Norm {
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
