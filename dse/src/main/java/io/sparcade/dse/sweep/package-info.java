/**
 * Sweep descriptions: designs (a base architecture and its workloads), axes over any architecture or workload
 * field, constraints and objectives ({@link io.sparcade.dse.sweep.Metric}), read from YAML by
 * {@link io.sparcade.dse.sweep.SweepParser}. Values only; evaluation lives in {@code io.sparcade.dse.eval}.
 */
package io.sparcade.dse.sweep;
