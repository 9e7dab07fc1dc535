/**
 * Dataflow graphs: a workload becomes a validated JGraphT DAG of operator passes ({@link io.sparcade.dataflow.OpNode})
 * carrying their work with the sparsity overlay applied; training workloads are expanded into forward,
 * backward-data and backward-weight passes (BDWP). Exports Graphviz DOT.
 */
package io.sparcade.dataflow;
