package io.sparcade.model.workload;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.sparcade.model.SpecException;
import java.util.List;
import java.util.stream.Collectors;

/** A tensor shape: positive dimensions, outermost first. Written in YAML as a list, e.g. {@code [64, 1024]}. */
public record Shape(List<Long> dims) {
    public Shape {
        if (dims == null || dims.isEmpty()) {
            throw new SpecException("shape", "must have at least one dimension");
        }
        dims = List.copyOf(dims);
        for (Long d : dims) {
            if (d == null || d <= 0) {
                throw new SpecException("shape", "dimensions must be > 0, got " + format(dims));
            }
        }
    }

    @JsonCreator
    public static Shape fromList(List<Long> dims) {
        return new Shape(dims);
    }

    public static Shape of(long... dims) {
        return new Shape(java.util.Arrays.stream(dims).boxed().toList());
    }

    @JsonValue
    public List<Long> dims() {
        return dims;
    }

    public int rank() {
        return dims.size();
    }

    public long dim(int i) {
        return dims.get(i);
    }

    public long last() {
        return dims.get(dims.size() - 1);
    }

    public long elements() {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public String toString() {
        return format(dims);
    }

    private static String format(List<Long> dims) {
        return dims.stream().map(String::valueOf).collect(Collectors.joining("x", "[", "]"));
    }
}
