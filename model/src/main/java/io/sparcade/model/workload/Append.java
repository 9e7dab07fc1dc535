package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Appends new rows to a tensor kept in off-chip memory, in place: a decoder's KV cache taking the K or V of the
 * new token. Inputs: the cache ({@code shape} with {@code new} fewer entries along {@code axis}) and the new
 * rows; output: the grown cache, which stays in off-chip memory (its consumers read it from there even when
 * fused with the append). Only the new rows are moved: written at {@code bits} per element.
 *
 * @param shape shape of the grown cache (the output)
 * @param axis  dimension the rows are appended along
 * @param added entries appended along {@code axis}
 * @param bits  bits per stored element
 */
public record Append(String name, List<String> inputs, Shape shape, int axis, long added, int bits)
        implements Operator {
    public Append {
        Checks.name(name, "name");
        inputs = OpChecks.inputs(inputs, 2, 2);
        Checks.present(shape, "shape");
        if (axis < 0 || axis >= shape.rank()) {
            throw new SpecException("axis", "must be a dimension of shape " + shape + ", got " + axis);
        }
        Checks.positive(added, "added");
        if (added >= shape.dim(axis)) {
            throw new SpecException("added", "must be less than the grown size " + shape.dim(axis) + " along axis "
                    + axis + ", got " + added);
        }
        bits = OpChecks.bits(bits);
    }

    private Shape withAxis(long size) {
        List<Long> d = new ArrayList<>(shape.dims());
        d.set(axis, size);
        return new Shape(d);
    }

    @Override
    public List<Shape> expectedInputShapes() {
        return List.of(withAxis(shape.dim(axis) - added), withAxis(added));
    }

    @Override
    public Optional<String> checkInput(int index, Shape actual) {
        if (index == 1 && actual.elements() == withAxis(added).elements()) {
            return Optional.empty(); // the new rows may arrive in any layout of the same size (e.g. [batch, heads x d])
        }
        return Operator.super.checkInput(index, actual);
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    /** Elements written: the appended rows. */
    public long addedElements() {
        return withAxis(added).elements();
    }

    @Override
    public Map<String, Long> dims() {
        Map<String, Long> d = new LinkedHashMap<>();
        d.put("elements", addedElements());
        return d;
    }
}
