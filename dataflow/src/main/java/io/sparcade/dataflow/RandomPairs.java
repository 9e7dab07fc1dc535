package io.sparcade.dataflow;

/**
 * Kept elements spread at random over a plane: blocks of {@code blockRows} x {@code blockCols} (aligned to the
 * plane) are kept independently with probability {@code density}; element-wise (unstructured) sparsity has 1 x 1
 * blocks. Counts are expectations: a cell of a unit's quantum that overlaps b blocks holds a kept element with
 * probability 1 - (1 - density)^b, so unstructured zeros at density d leave a q-element cell empty only with
 * probability (1 - d)^q, while blocks aligned to the quantum are skipped whole.
 */
public record RandomPairs(long rows, long cols, double density, long blockRows, long blockCols) implements PairMask {
    public RandomPairs {
        if (!(density > 0 && density <= 1) || blockRows < 1 || blockCols < 1) {
            throw new IllegalArgumentException("density " + density + ", blocks " + blockRows + "x" + blockCols);
        }
    }

    /** Unstructured: independent elements. */
    public static RandomPairs elements(long rows, long cols, double density) {
        return new RandomPairs(rows, cols, density, 1, 1);
    }

    @Override
    public double kept(long r0, long r1, long c0, long c1) {
        return density * Math.max(0, r1 - r0) * Math.max(0, c1 - c0);
    }

    /** Probability that a span of blocks (b of them) holds a kept block. */
    private double any(double blocks) {
        return density >= 1 ? 1 : -Math.expm1(blocks * Math.log1p(-density));
    }

    @Override
    public double keptCellArea(long r0, long r1, long c0, long c1, long qr, long qc) {
        // cells along each axis, grouped by (extent, blocks overlapped): few distinct classes
        java.util.Map<Long, long[]> rowClasses = classes(r0, r1, qr, blockRows);
        java.util.Map<Long, long[]> colClasses = classes(c0, c1, qc, blockCols);
        double area = 0;
        for (long[] rc : rowClasses.values()) {
            for (long[] cc : colClasses.values()) {
                // rc = {extent, blocks, count}
                area += (double) rc[2] * cc[2] * rc[0] * cc[0] * any((double) rc[1] * cc[1]);
            }
        }
        return area;
    }

    /** Cells of [a0, a1) at quantum q, by (extent, blocks of size g they overlap) -> {extent, blocks, count}. */
    private static java.util.Map<Long, long[]> classes(long a0, long a1, long q, long g) {
        java.util.Map<Long, long[]> m = new java.util.HashMap<>();
        boolean aligned = q % g == 0 || g % q == 0;
        long a = a0;
        while (a < a1) {
            long b = Math.min(a1, (a / q + 1) * q);
            if (aligned && a % q == 0 && b - a == q) {
                // every full aligned cell overlaps the same number of blocks: count them at once
                long full = (a1 - a) / q;
                long blocks = q % g == 0 ? q / g : 1;
                add(m, q, blocks, full);
                a += full * q;
                continue;
            }
            add(m, b - a, (b - 1) / g - a / g + 1, 1);
            a = b;
        }
        return m;
    }

    private static void add(java.util.Map<Long, long[]> m, long extent, long blocks, long count) {
        m.computeIfAbsent(extent * 1_000_003L + blocks, x -> new long[] {extent, blocks, 0})[2] += count;
    }

    @Override
    public double keptColumns(long r0, long r1, long c0, long c1) {
        // a column is needed when a block it crosses within the rows is kept
        double rowBlocks = (double) Math.max(0, (r1 - 1) / blockRows - r0 / blockRows + 1);
        return r1 <= r0 ? 0 : Math.max(0, c1 - c0) * any(rowBlocks);
    }


    @Override
    public boolean empty(long r0, long r1, long c0, long c1) {
        return r1 <= r0 || c1 <= c0;
    }

    @Override
    public String granularity() {
        return blockRows == 1 && blockCols == 1 ? "element" : blockRows + "x" + blockCols + " blocks";
    }
}
