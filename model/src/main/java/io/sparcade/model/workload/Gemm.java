package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fully connected layer: Y[m,n] = X[m,k] · W[k,n]. X is the one input tensor; W is this operator's
 * weight, read from off-chip memory. The reduction dimension is {@code k}.
 *
 * @param weightBits bits per weight (INT4/INT8 weights under 8-bit activations); defaults to {@code bits}
 */
public record Gemm(String name, List<String> inputs, long m, long k, long n, int bits, int weightBits)
        implements Operator {
    public Gemm {
        Checks.name(name, "name");
        inputs = OpChecks.inputs(inputs, 1, 1);
        Checks.positive(m, "m");
        Checks.positive(k, "k");
        Checks.positive(n, "n");
        bits = OpChecks.bits(bits);
        weightBits = weightBits == 0 ? bits : weightBits;
        Checks.positive(weightBits, "weight_bits");
    }

    @Override
    public List<Shape> expectedInputShapes() {
        return List.of(Shape.of(m, k));
    }

    @Override
    public Shape outputShape() {
        return Shape.of(m, n);
    }

    @Override
    public Map<String, Long> dims() {
        Map<String, Long> d = new LinkedHashMap<>();
        d.put("m", m);
        d.put("k", k);
        d.put("n", n);
        return d;
    }

    @Override
    public long weights() {
        return Math.multiplyExact(k, n);
    }

    /** N:M prunes the forward reduction {@code k}; training also prunes {@code n} for backward-data (BDWP). */
    @Override
    public List<String> prunableDims() {
        return List.of("k");
    }
}
