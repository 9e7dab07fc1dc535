package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batched product of two activations (attention's Q·Kᵀ and P·V): C[b,m,n] = A[b,m,k] · B[b,k,n]. With
 * {@code transposeB} the second input is stored as [b,n,k] (Kᵀ). No weights. An optional third input is a
 * selection of rows of the reduction (the indices a top-k kept, SpAtten's "fetch V" after top-k): shape
 * [rows, s] with s &lt;= k; it orders the operator after the selection.
 *
 * @param bits   bits per element of A and C
 * @param bBits  bits per element of B (a KV cache may be stored narrower than the activations); 0 = {@code bits}
 * @param causal the causal mask of a causal model's attention, or null (every query sees every key)
 */
public record Matmul(String name, List<String> inputs, long batch, long m, long k, long n, boolean transposeB,
                     int bits, int bBits, CausalMask causal) implements Operator {
    public Matmul(String name, List<String> inputs, long batch, long m, long k, long n, boolean transposeB, int bits) {
        this(name, inputs, batch, m, k, n, transposeB, bits, 0, null);
    }

    public Matmul {
        Checks.name(name, "name");
        inputs = OpChecks.inputs(inputs, 2, 3);
        batch = batch == 0 ? 1 : batch;
        Checks.positive(batch, "batch");
        Checks.positive(m, "m");
        Checks.positive(k, "k");
        Checks.positive(n, "n");
        bits = OpChecks.bits(bits);
        bBits = bBits == 0 ? bits : OpChecks.bits(bBits);
        if (causal != null && causal.keys().equals("cols")) {
            causal = causal.over(transposeB ? "n" : "k");
        }
    }

    @Override
    public List<Shape> expectedInputShapes() {
        return List.of(Shape.of(batch, m, k), transposeB ? Shape.of(batch, n, k) : Shape.of(batch, k, n));
    }

    @Override
    public java.util.Optional<String> checkInput(int index, Shape actual) {
        if (index == 2) {
            return actual.last() <= k ? java.util.Optional.empty()
                    : java.util.Optional.of("selection " + actual + " selects more than k=" + k + " rows of '" + name() + "'");
        }
        return Operator.super.checkInput(index, actual);
    }

    @Override
    public Shape outputShape() {
        return Shape.of(batch, m, n);
    }

    @Override
    public Map<String, Long> dims() {
        Map<String, Long> d = new LinkedHashMap<>();
        d.put("batch", batch);
        d.put("m", m);
        d.put("k", k);
        d.put("n", n);
        return d;
    }
}
