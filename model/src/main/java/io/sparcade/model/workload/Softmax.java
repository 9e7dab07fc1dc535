package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Softmax over the last dimension of {@code shape} (max, exponent-sum, normalise: read twice). With a causal
 * mask only the entries the mask keeps are computed.
 *
 * @param causal the causal mask over (rows, last dimension), or null
 */
public record Softmax(String name, List<String> inputs, Shape shape, int bits, CausalMask causal) implements Operator {
    public Softmax(String name, List<String> inputs, Shape shape, int bits) {
        this(name, inputs, shape, bits, null);
    }

    public Softmax {
        Checks.name(name, "name");
        inputs = OpChecks.inputs(inputs, 1, 1);
        Checks.present(shape, "shape");
        bits = OpChecks.bits(bits);
        if (causal != null && !causal.keys().equals("cols")) {
            causal = causal.over("cols");
        }
    }

    /** Entries computed: all of them, or the ones a causal mask keeps (per leading batch of rows x cols). */
    public long keptElements() {
        long cols = shape.last();
        if (causal == null) {
            return shape.elements();
        }
        long rowsPerMatrix = shape.rank() >= 2 ? shape.dims().get(shape.rank() - 2) : 1;
        long matrices = shape.elements() / (rowsPerMatrix * cols);
        return Math.multiplyExact(matrices, causal.pairs(0, rowsPerMatrix, cols));
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
