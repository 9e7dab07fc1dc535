package io.sparcade.dataflow;

import io.sparcade.model.workload.Operator;

/**
 * A node of the dataflow graph: one pass of one workload operator and the work it asks for.
 *
 * @param name     unique name: the operator's name, with {@code .fwd}/{@code .bwd-data}/... in training graphs
 * @param operator the dense operator it comes from
 * @param pass     which pass
 * @param work     the work, sparsity overlay applied
 * @param onChip   which of its tensors stay on chip (fusion), never moved to or from DRAM
 */
public record OpNode(String name, Operator operator, Pass pass, Work work, OnChip onChip) {
    public OpNode(String name, Operator operator, Pass pass, Work work) {
        this(name, operator, pass, work, OnChip.NONE);
    }

    /**
     * A node is a vertex of one graph: equality is identity. Graph and scheduler lookups then cost no walk over
     * the node's operator and work, and nodes of two graphs (a run and its dense baseline) never collide.
     */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** The operator type as written in YAML (gemm, conv2d, ...). */
    public String kind() {
        return operator.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return name;
    }
}
