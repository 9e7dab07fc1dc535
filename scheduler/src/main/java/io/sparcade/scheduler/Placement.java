package io.sparcade.scheduler;

import io.sparcade.dataflow.OnChip;
import io.sparcade.model.arch.ComputeUnitSpec;

/**
 * A node placed on a unit: the unit's name and spec, whether the unit runs the node's N:M pattern sparse, the
 * tiling (null for non-GEMM work), and which of its tensors stay on chip.
 *
 * @param unitName   the unit's name in the architecture
 * @param unit       the unit
 * @param sparseMode true when the unit exploits the node's N:M pattern; false runs it dense (zeros multiplied)
 * @param tiling     the tiling of a GEMM-like node, else null
 * @param onChip     the tensors kept on chip: the node's fusion, minus the fused tensors that did not fit the
 *                   buffer and spill to off-chip memory (see {@link OnChipPlanner})
 */
public record Placement(String unitName, ComputeUnitSpec unit, boolean sparseMode, TilePlan tiling, OnChip onChip) {
    public Placement {
        onChip = onChip == null ? OnChip.NONE : onChip;
    }

    /** The same placement with other on-chip tensors. */
    public Placement withOnChip(OnChip o) {
        return new Placement(unitName, unit, sparseMode, tiling, o);
    }
}
