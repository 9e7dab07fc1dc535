package io.sparcade.model.workload;

import io.sparcade.model.Checks;

/**
 * Group / block sparsity of an operator's weight [k, n]: the weight is cut into blocks of {@code rows} (along the
 * reduction k) x {@code cols} (along n) and a fraction {@code density} of the blocks is kept whole ("GQSA: Group
 * Quantization and Sparsity for Accelerating Large Language Model Inference": row-wise groups, stored in block
 * sparse row format). Metadata: one bit per block. A unit skips a block of its own granularity when every
 * weight block inside it is pruned, so blocks aligned to the unit's tiles give the full gain.
 *
 * @param density kept fraction of blocks, in (0, 1]
 * @param rows    block height along k (default 16: estimate of GQSA's group, range 8..128)
 * @param cols    block width along n (default 1: a group inside one output row, as GQSA)
 */
public record BlockOverlay(double density, long rows, long cols) {
    /** Estimate of GQSA's group along the input dimension (range 8..128). */
    public static final long DEFAULT_ROWS = 16;

    public BlockOverlay {
        Checks.fraction(density, "density");
        rows = rows == 0 ? DEFAULT_ROWS : rows;
        cols = cols == 0 ? 1 : cols;
        Checks.positive(rows, "rows");
        Checks.positive(cols, "cols");
    }
}
