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
 * @param grain     elements that must all be in before any output of them can leave (a softmax or norm row;
 *                  1 for elementwise work; all elements for a reduction): the granularity it streams at
 */
public record VectorWork(String function, long elements, int inputs, int passes, int bits, long outElements,
                         long grain) implements Work {
    public VectorWork(String function, long elements, int inputs, int passes, int bits, long outElements) {
        this(function, elements, inputs, passes, bits, outElements, 1);
    }

    public VectorWork {
        grain = Math.max(1, Math.min(grain, Math.max(1, elements)));
    }

    /** Chunks the output appears in when the work streams. */
    public long chunks() {
        return Math.max(1, (elements + grain - 1) / grain);
    }

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
