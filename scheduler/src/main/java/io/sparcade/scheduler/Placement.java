package io.sparcade.scheduler;

import io.sparcade.model.arch.ComputeUnitSpec;

/**
 * A node placed on a unit: the unit's name and spec, whether the unit runs the node's N:M pattern sparse, and
 * the tiling (null for non-GEMM work).
 *
 * @param unitName   the unit's name in the architecture
 * @param unit       the unit
 * @param sparseMode true when the unit exploits the node's N:M pattern; false runs it dense (zeros multiplied)
 * @param tiling     the tiling of a GEMM-like node, else null
 */
public record Placement(String unitName, ComputeUnitSpec unit, boolean sparseMode, TilePlan tiling) {
}
