package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An elementwise operator over one to four tensors of the same {@code shape} (ReLU, GELU, SiLU, add, mul,
 * RoPE...). {@code fn} is a label for reports; the cost depends only on the shape and the input count.
 */
public record Eltwise(String name, List<String> inputs, Shape shape, String fn, int bits) implements Operator {
    public Eltwise {
        Checks.name(name, "name");
        inputs = OpChecks.inputs(inputs, 1, 4);
        Checks.present(shape, "shape");
        fn = fn == null ? "eltwise" : fn;
        bits = OpChecks.bits(bits);
    }

    @Override
    public List<Shape> expectedInputShapes() {
        return Collections.nCopies(inputs.size(), shape);
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
