package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Selects the {@code k} largest of {@code n} scores in each of {@code rows} rows (token or head importance in
 * SpAtten's cascade pruning). Input [rows, n]; output the selected indices [rows, k].
 */
public record TopK(String name, List<String> inputs, long rows, long n, long k, int bits) implements Operator {
    public TopK {
        Checks.name(name, "name");
        inputs = OpChecks.inputs(inputs, 1, 1);
        rows = rows == 0 ? 1 : rows;
        Checks.positive(rows, "rows");
        Checks.positive(n, "n");
        Checks.positive(k, "k");
        if (k > n) {
            throw new SpecException("k", "must be <= n (" + n + "), got " + k);
        }
        bits = OpChecks.bits(bits);
    }

    @Override
    public List<Shape> expectedInputShapes() {
        return List.of(Shape.of(rows, n));
    }

    @Override
    public Shape outputShape() {
        return Shape.of(rows, k);
    }

    @Override
    public Map<String, Long> dims() {
        Map<String, Long> d = new LinkedHashMap<>();
        d.put("rows", rows);
        d.put("n", n);
        d.put("k", k);
        return d;
    }
}
