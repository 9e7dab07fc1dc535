package io.sparcade.dataflow;

/**
 * What a graph node asks of the hardware, with the sparsity overlay already applied: the kind of work picks
 * the compatible units, its sizes drive the cycle models.
 */
public sealed interface Work permits GemmWork, VectorWork, TopkWork, ViewWork {
    /** Bytes read from memory by this node (activations, weights with N:M metadata). */
    long inputBytes();

    /** Bytes written. */
    long outputBytes();

    /** One line for graphs and schedules, e.g. {@code gemm 256x1024x1024 2:8}. */
    String describe();

    /**
     * Whether the work can start on its first input chunks (streaming) rather than needing its whole input: a
     * top-k must see every score first.
     */
    default boolean consumesStreaming() {
        return !(this instanceof TopkWork);
    }

    /** Whether its output appears chunk by chunk while it runs (a top-k or a reduction emits only at the end). */
    default boolean producesStreaming() {
        return !(this instanceof TopkWork) && !(this instanceof VectorWork v && v.chunks() == 1);
    }
}
