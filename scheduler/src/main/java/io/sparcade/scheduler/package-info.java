/**
 * Scheduling: which unit runs each graph node (compatibility, an optional mapping), how GEMMs are tiled to
 * fit buffers, and in what order nodes are issued (list scheduling by critical path). The result, a
 * {@link io.sparcade.scheduler.Schedule}, is a printable value; cycle estimates come from a pluggable
 * {@link io.sparcade.scheduler.CostModel}.
 */
package io.sparcade.scheduler;
