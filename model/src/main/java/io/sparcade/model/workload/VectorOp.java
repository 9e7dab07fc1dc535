package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An operator Sparcade has no model of, run on the vector unit as one pass: it reads its inputs (shapes
 * {@code inputShapes}) and writes {@code shape}, one vector operation per element of its largest input or of its
 * output, whichever is larger. What an imported graph's unsupported operators become on request
 * ({@code --param onnx_unsupported=vector}); {@code fn} names the original operator.
 */
public record VectorOp(String name, List<String> inputs, List<Shape> inputShapes, Shape shape, String fn, int bits)
        implements Operator {
    public VectorOp {
        Checks.name(name, "name");
        inputs = OpChecks.inputs(inputs, 1, 16);
        inputShapes = Checks.list(inputShapes);
        if (inputShapes.size() != inputs.size()) {
            throw new SpecException("input_shapes", "expected one shape per input (" + inputs.size() + "), got "
                    + inputShapes.size());
        }
        Checks.present(shape, "shape");
        fn = fn == null ? "vector" : fn;
        bits = OpChecks.bits(bits);
    }

    @Override
    public List<Shape> expectedInputShapes() {
        return inputShapes;
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    /** Vector operations: one per element of the largest input or of the output. */
    public long elements() {
        long n = shape.elements();
        for (Shape s : inputShapes) {
            n = Math.max(n, s.elements());
        }
        return n;
    }

    @Override
    public Map<String, Long> dims() {
        Map<String, Long> d = new LinkedHashMap<>();
        d.put("elements", elements());
        return d;
    }
}
