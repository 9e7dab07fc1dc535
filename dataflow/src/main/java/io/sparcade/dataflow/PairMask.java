package io.sparcade.dataflow;

/**
 * Which elements of a plane of a GEMM are kept: the (query, key) pairs of attention scores or probabilities, or
 * the elements of a sparse weight. The plane has {@link #rows()} x {@link #cols()} elements; a rectangle is
 * [r0, r1) x [c0, c1). Counts are exact for patterns with known positions and expected values for random ones
 * (hence doubles).
 *
 * <p>A unit skips work in cells of its own granularity (its quantum: an array fold's rows or columns along a
 * spatial dimension, one step along the temporal one, a DSP-chain segment): a cell is computed when it holds at
 * least one kept element. {@link #keptCellArea} is the area of the cells a unit computes inside a tile, with cells
 * aligned to multiples of the quantum from the plane's origin and clipped to the rectangle.
 */
public interface PairMask {
    long rows();

    long cols();

    /** Kept elements in the rectangle. */
    double kept(long r0, long r1, long c0, long c1);

    /**
     * Area of the rectangle's cells (quantum qr x qc, aligned to the plane, clipped to the rectangle) that hold at
     * least one kept element.
     */
    double keptCellArea(long r0, long r1, long c0, long c1, long qr, long qc);

    /** Columns of [c0, c1) with at least one kept element in rows [r0, r1). */
    double keptColumns(long r0, long r1, long c0, long c1);

    /** Kept elements of the whole plane. */
    default double keptTotal() {
        return kept(0, rows(), 0, cols());
    }

    /** Whether the rectangle holds no kept element (the unit skips it). */
    default boolean empty(long r0, long r1, long c0, long c1) {
        return kept(r0, r1, c0, c1) <= 0;
    }

    /** The pattern's own granularity, for reports: {@code element}, {@code 64x64 blocks}... */
    String granularity();
}
