/**
 * Layer co-simulation: an operator of a workload, scheduled and tiled as {@code simulate} does, runs through
 * the op-level model and through the RTL layer engine of its unit with the same tile program and seeded
 * integer data; cycles, compute cycles, stall cycles and DRAM bytes are compared within
 * {@link io.sparcade.verilator.Tolerances}, and the outputs bit for bit.
 */
package io.sparcade.verilator.layer;
