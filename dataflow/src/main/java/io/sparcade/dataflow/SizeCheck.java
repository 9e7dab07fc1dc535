package io.sparcade.dataflow;

import io.sparcade.model.SpecException;
import io.sparcade.model.workload.Operator;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Workload;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a workload whose sizes the model cannot count exactly. Every count the models derive from an operator
 * (MACs, elements, bytes, the three passes of training, a graph repeated per layer) is at most a small multiple of
 * the product of the operator's dimensions, or of a tensor's elements, times the repeat count; keeping that product
 * at or below {@link #LIMIT} = 2^56 leaves a factor of 128 of headroom below a {@code long}'s 2^63 for bits per
 * element, passes and sums over operators, so no counter downstream can overflow. 2^56 MACs is about 7e16: a GEMM of
 * 400,000 cubed, far beyond any layer of the models in the presets.
 */
final class SizeCheck {
    /** The largest work product or tensor the model counts: 2^56. */
    static final long LIMIT = 1L << 56;

    private SizeCheck() {
    }

    static void check(String source, Workload w) {
        long repeat = Math.max(1, w.repeat());
        for (Map.Entry<String, Shape> in : w.inputs().entrySet()) {
            long elements = product(in.getValue().dims(), repeat);
            if (elements < 0) {
                throw new SpecException(source, "inputs." + in.getKey(), "the tensor's " + in.getValue()
                        + " elements" + times(repeat) + " exceed " + limitText() + "; Sparcade refuses sizes it cannot count exactly");
            }
        }
        for (int i = 0; i < w.operators().size(); i++) {
            Operator op = w.operators().get(i);
            Map<String, Long> dims = op.dims();
            long work = product(dims.values(), repeat);
            if (work < 0) {
                throw new SpecException(source, "operators[" + i + "]." + largest(dims), "operator '" + op.name()
                        + "' spans " + String.join("·", dims.keySet()) + " = " + approx(dims.values()) + times(repeat)
                        + ", beyond the " + limitText() + " the model counts exactly; split the operator");
            }
        }
    }

    /** The product of {@code values} and {@code repeat}, or -1 when it exceeds {@link #LIMIT}. */
    private static long product(Iterable<Long> values, long repeat) {
        long p = repeat;
        for (long v : values) {
            if (v > 0 && p > LIMIT / v) {
                return -1;
            }
            p *= Math.max(1, v);
        }
        return p > LIMIT ? -1 : p;
    }

    private static String largest(Map<String, Long> dims) {
        return dims.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("dims");
    }

    private static String approx(Iterable<Long> values) {
        double p = 1;
        for (long v : values) {
            p *= Math.max(1, v);
        }
        return String.format(Locale.ROOT, "%.3g", p);
    }

    private static String times(long repeat) {
        return repeat > 1 ? " (x repeat " + repeat + ")" : "";
    }

    private static String limitText() {
        return "2^56 (7.2e16)";
    }
}
