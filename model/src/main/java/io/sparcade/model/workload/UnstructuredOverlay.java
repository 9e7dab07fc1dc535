package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;

/**
 * Unstructured (element-wise) sparsity of an operator's weight: a fraction {@code density} of the elements is
 * kept, anywhere, stored in a compressed {@code format}. Zeros are spread at random (independent elements), so a
 * unit that skips work only in whole blocks (an array fold, a DSP-chain segment) finds almost none of them empty:
 * at density d a block of q elements is all zero with probability (1 - d)^q. The bytes shrink with the format;
 * the compute shrinks only where the unit can skip (see README, "How sparsity methods land on hardware").
 *
 * @param density kept fraction, in (0, 1]
 * @param format  storage format, default {@code bitmap}
 * @param block   ELLPACK group size M along the reduction (default 8: the {@code BlockSize} of SCALE-Sim v3's
 *                shipped configurations, e.g. {@code configs/scale.cfg}); a power of two
 * @param slice   ELLPACK groups padded to one width (default 32, an estimate: one 32-wide fold of an array, range
 *                1..256); 1 pads nothing
 */
public record UnstructuredOverlay(double density, SparseFormat format, int block, int slice) {
    /** SCALE-Sim v3 configs (scale.cfg, google.cfg): BlockSize 8. */
    public static final int DEFAULT_BLOCK = 8;
    /** Estimate: one fold of a 32-wide array (range 1..256). */
    public static final int DEFAULT_SLICE = 32;

    public UnstructuredOverlay {
        Checks.fraction(density, "density");
        format = format == null ? SparseFormat.BITMAP : format;
        block = block == 0 ? DEFAULT_BLOCK : block;
        slice = slice == 0 ? DEFAULT_SLICE : slice;
        if (!Checks.isPowerOfTwo(block) || block < 2) {
            throw new SpecException("block", "unstructured (ELLPACK group size M) must be a power of two >= 2, got " + block);
        }
        Checks.positive(slice, "slice");
    }

    public UnstructuredOverlay(double density, SparseFormat format) {
        this(density, format, 0, 0);
    }
}
