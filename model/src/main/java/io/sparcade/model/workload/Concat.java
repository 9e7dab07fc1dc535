package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Joins its inputs along {@code axis} into {@code shape}: each input has the output's shape except along the
 * axis, where their sizes add up to the output's. A view: the producers write their parts of the joined tensor
 * and the consumers read it, so it costs nothing of its own (like {@link Reshape}).
 *
 * @param axis  the dimension joined along, 0-based
 * @param shape the joined shape
 */
public record Concat(String name, List<String> inputs, int axis, Shape shape, int bits) implements Operator {
    public Concat {
        Checks.name(name, "name");
        inputs = OpChecks.inputs(inputs, 1, 64);
        Checks.present(shape, "shape");
        if (axis < 0 || axis >= shape.rank()) {
            throw new SpecException("axis", "must be a dimension of shape " + shape + ", got " + axis);
        }
        bits = OpChecks.bits(bits);
    }

    /** The expected shapes cannot be known per input (only their sum along the axis): one per input, of size 1 there. */
    @Override
    public List<Shape> expectedInputShapes() {
        List<Shape> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            List<Long> d = new ArrayList<>(shape.dims());
            d.set(axis, 1L);
            out.add(new Shape(d));
        }
        return out;
    }

    @Override
    public Optional<String> checkInput(int index, Shape actual) {
        if (actual.rank() != shape.rank()) {
            return Optional.of("shape " + actual + " has rank " + actual.rank() + " but '" + name() + "' joins rank "
                    + shape.rank() + " tensors into " + shape);
        }
        for (int d = 0; d < shape.rank(); d++) {
            if (d != axis && actual.dim(d) != shape.dim(d)) {
                return Optional.of("shape " + actual + " differs from '" + name() + "' output " + shape
                        + " outside axis " + axis);
            }
        }
        return Optional.empty();
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
