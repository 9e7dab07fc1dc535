package io.sparcade.model.block;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * N:M sparse PE array block: one output-stationary fold of {@code rows} x {@code cols} PEs computing Y = A·B
 * for A of rows x depth activations and B of depth x cols weights. Each PE is Sparcade's one N:M PE: one
 * multiplier, fed one weight with its log2(M)-bit index per step, and an M:1 multiplexer that picks the
 * matching activation among the M of the weight's group. Sparse mode takes the N nonzero weights of each
 * group of M, one per step: depth·N/M steps; dense mode takes every weight (index 0, the row's own
 * activation on lane 0): depth steps.
 *
 * @param rows  PE rows (1..8)
 * @param cols  PE columns (1..8)
 * @param n     nonzero weights per group (power of two, 1..m)
 * @param m     group size (power of two, 2..16)
 * @param width operand bits, signed (2..16)
 * @param depth reduction length K per query (multiple of m, m..256)
 */
public record NmArrayConfig(int rows, int cols, int n, int m, int width, int depth) implements BlockConfig {
    public NmArrayConfig {
        BlockKind b = BlockKind.NM_ARRAY;
        Ranges.in(b, "rows", rows, 1, 8);
        Ranges.in(b, "cols", cols, 1, 8);
        Ranges.in(b, "m", m, 2, 16);
        Ranges.powerOfTwo(b, "m", m);
        Ranges.in(b, "n", n, 1, m);
        Ranges.powerOfTwo(b, "n", n);
        Ranges.in(b, "width", width, 2, 16);
        Ranges.in(b, "depth", depth, m, 256);
        Ranges.require(depth % m == 0, b, "depth", "must be a multiple of m=" + m + ", got " + depth);
    }

    @Override
    public BlockKind kind() {
        return BlockKind.NM_ARRAY;
    }

    @Override
    public Map<String, Integer> params() {
        Map<String, Integer> p = new LinkedHashMap<>();
        p.put("rows", rows);
        p.put("cols", cols);
        p.put("n", n);
        p.put("m", m);
        p.put("width", width);
        p.put("depth", depth);
        return p;
    }

    /** Index bits per stored weight: log2(M). */
    public int indexBits() {
        return Ranges.log2(m);
    }

    /** Accumulator width: 2·width + ceil(log2(depth)) bits hold any sum of depth products exactly. */
    public int accBits() {
        return 2 * width + Ranges.bitsFor(depth);
    }

    /** Reduction steps per query: depth·N/M sparse (the stored nonzeros), depth dense. */
    public int steps(boolean sparse) {
        return sparse ? depth / m * n : depth;
    }
}
