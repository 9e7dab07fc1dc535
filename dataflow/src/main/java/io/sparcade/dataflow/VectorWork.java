package io.sparcade.dataflow;

/**
 * Elementwise, softmax, normalisation or reduction work: {@code passes} sweeps over {@code elements} elements of
 * each of {@code inputs} inputs.
 *
 * @param function  what it computes, for reports (softmax, norm, relu, add, reduce...)
 * @param elements  elements per input
 * @param inputs    input tensors read
 * @param passes    sweeps over the data (softmax and norms: 2, papers.md §3; elementwise: 1)
 * @param bits      bits per element
 * @param outElements elements written
 */
public record VectorWork(String function, long elements, int inputs, int passes, int bits, long outElements)
        implements Work {
    @Override
    public long inputBytes() {
        return GemmWork.bytes(elements * inputs, bits);
    }

    @Override
    public long outputBytes() {
        return GemmWork.bytes(outElements, bits);
    }

    @Override
    public String describe() {
        return function + " " + elements + (inputs > 1 ? "x" + inputs : "");
    }
}
