package io.sparcade.dataflow;

/** Which pass of a (possibly training) workload a graph node belongs to. */
public enum Pass {
    /** Inference, or the forward pass of a training step. */
    FORWARD("fwd"),
    /** Gradient with respect to a layer's input: dX = dY · Wᵀ (BDWP prunes W N:M along its other dimension). */
    BACKWARD_DATA("bwd-data"),
    /** Gradient with respect to a layer's weight: dW = Xᵀ · dY (dense). */
    BACKWARD_WEIGHT("bwd-weight"),
    /** Backward of an operator without weights. */
    BACKWARD("bwd"),
    /**
     * BDWP's pre-generation of the transposed N:M weight copy for backward-data, built while the forward pass
     * runs (papers.md §1): reads the dense weight, writes the N:M copy pruned along the other dimension.
     */
    PREGEN("pregen"),
    /**
     * The selector of a sparsity method, run before the operator it selects for: an activation threshold or
     * predictor, a router, a sparse-attention index build, a KV-cache scoring or pruning step.
     */
    SELECT("select");

    private final String id;

    Pass(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
