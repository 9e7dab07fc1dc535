package io.sparcade.model.block;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FlightLLM-style sparse DSP chain block: {@code groups} DSP groups of 2 MAC stages (L = 2·groups), fixed
 * cascade inside a group, reduction nodes between groups. Dense, the chain is one segment of L stages and
 * yields one dot product of L terms per step; N:M sparse, it is cut into {@code n} segments of L/n stages
 * (so {@code n} must divide {@code groups}), each stage picking 1 of M activations by its weight's index, and
 * yields n outputs per step. With {@code pack} = 1 each stage computes two INT8 MACs sharing a weight.
 * A query is {@code outputs} activation rows.
 *
 * @param groups  DSP groups (1..16)
 * @param n       nonzeros per group of M in sparse mode (1..m, dividing groups)
 * @param m       sparse group size (power of two, 2..16)
 * @param pack    1 for two INT8 MACs per DSP (needs width &lt;= 8), else 0
 * @param width   operand bits, signed (2..16)
 * @param outputs activation rows (dot products) per query (1..64)
 */
public record DspChainConfig(int groups, int n, int m, int pack, int width, int outputs) implements BlockConfig {
    /** Bit offset of the high operand in a packed DSP operand (25-bit A port of a DSP48E1: 8 + 17 bits). */
    public static final int PACK_SHIFT = 17;

    public DspChainConfig {
        BlockKind b = BlockKind.DSP_CHAIN;
        Ranges.in(b, "groups", groups, 1, 16);
        Ranges.in(b, "m", m, 2, 16);
        Ranges.powerOfTwo(b, "m", m);
        Ranges.in(b, "n", n, 1, m);
        Ranges.require(groups % n == 0, b, "n", "must divide groups=" + groups + " (segments are whole DSP groups), got " + n);
        Ranges.in(b, "pack", pack, 0, 1);
        Ranges.in(b, "width", width, 2, 16);
        Ranges.require(pack == 0 || width <= 8, b, "width", "must be <= 8 with pack=1 (two INT8 per DSP), got " + width);
        Ranges.in(b, "outputs", outputs, 1, 64);
    }

    @Override
    public BlockKind kind() {
        return BlockKind.DSP_CHAIN;
    }

    @Override
    public Map<String, Integer> params() {
        Map<String, Integer> p = new LinkedHashMap<>();
        p.put("groups", groups);
        p.put("n", n);
        p.put("m", m);
        p.put("pack", pack);
        p.put("width", width);
        p.put("outputs", outputs);
        return p;
    }

    /** MAC stages (DSP48s) in the chain. */
    public int stages() {
        return 2 * groups;
    }

    /** Segments the chain is cut into: 1 dense, n sparse. */
    public int segments(boolean sparse) {
        return sparse ? n : 1;
    }

    /** Stages per segment. */
    public int segmentLength(boolean sparse) {
        return stages() / segments(sparse);
    }

    /** Dense activations per output row: L dense, ceil(S/N)·M sparse (S stages per segment). */
    public int activationsPerRow(boolean sparse) {
        if (!sparse) {
            return stages();
        }
        int s = segmentLength(true);
        return (s + n - 1) / n * m;
    }

    /** Index bits per weight: log2(M). */
    public int indexBits() {
        return Ranges.log2(m);
    }

    public int packing() {
        return pack + 1;
    }
}
