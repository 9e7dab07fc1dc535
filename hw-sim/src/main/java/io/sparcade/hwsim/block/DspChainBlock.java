package io.sparcade.hwsim.block;

import io.sparcade.hwsim.compute.DspChainModel;
import io.sparcade.model.arch.DspChainSpec;
import io.sparcade.model.block.DspChainConfig;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Bit-exact model of the sparse DSP chain block (L = 2·groups MAC stages). Output row o is computed by segment
 * s = (o / PF) mod SEG in batch o / (PF·SEG) (PF = 2 with packing, SEG = 1 dense or n sparse). A segment's
 * result is the sum over its stages t of w[t]·a(t): dense, a(t) is x[o][t] when idx[t] = 0 (lane 0); sparse,
 * a(t) = x[o][g·M + idx[t]] with g = (t mod S) / N. Packed, the two rows of a pair share the weights and the
 * sum is taken of w·(x_hi·2^17 + x_lo), the operand held in the 25-bit A port of a DSP48E1 (so it wraps when
 * x_hi = -128 and x_lo &lt; 0), then split as the RTL does (lo = low 17 bits sign-extended, hi = (P - lo) / 2^17).
 * Packed results equal the two true dot products only when no operand wraps and the low sum stays within
 * ±2^16: FlightLLM's overflow-adjust unit is not modelled.
 * Cycles follow {@link DspChainModel}: ceil(ceil(rows / PF) / segments) + L (the cascade fill).
 */
public final class DspChainBlock {
    private DspChainBlock() {
    }

    /**
     * One query.
     *
     * @param sparse whether the chain is cut into n sparse segments
     * @param wgt    L signed weights, stage by stage
     * @param idx    L multiplexer indices in 0..M-1 (dense: 0)
     * @param act    rows x activationsPerRow(sparse) signed activations
     */
    public record Query(boolean sparse, int[] wgt, int[] idx, int[][] act) implements BlockQuery {
    }

    public static BlockResult run(DspChainConfig c, Query q) {
        int pf = c.packing();
        int seg = c.segments(q.sparse());
        int len = c.segmentLength(q.sparse());
        int rows = c.outputs();
        long[] out = new long[rows];
        for (int base = 0; base < rows; base += pf) {
            int s = (base / pf) % seg;
            long p = 0;
            for (int t = s * len; t < (s + 1) * len; t++) {
                long lo = operand(c, q, base, t);
                long hi = pf == 2 && base + 1 < rows ? operand(c, q, base + 1, t) : 0;
                p += q.wgt()[t] * (pf == 2 ? packedOperand(hi, lo) : lo);
            }
            if (pf == 2) {
                long lo = (p & 0x1FFFF) - ((p & 0x10000) << 1);
                out[base] = lo;
                if (base + 1 < rows) {
                    out[base + 1] = (p - lo) >> DspChainConfig.PACK_SHIFT;
                }
            } else {
                out[base] = p;
            }
        }
        return new BlockResult(out, cycles(c, q.sparse()));
    }

    /**
     * The packed A-port operand hi·2^17 + lo, as the 25-bit port of a DSP48E1 holds it: it wraps when
     * hi = -128 and lo &lt; 0.
     */
    static long packedOperand(long hi, long lo) {
        long a = (hi << DspChainConfig.PACK_SHIFT) + lo;
        return (a << 39) >> 39;
    }

    private static long operand(DspChainConfig c, Query q, int row, int t) {
        if (!q.sparse()) {
            return q.idx()[t] == 0 ? q.act()[row][t] : 0;
        }
        int group = (t % c.segmentLength(true)) / c.n();
        return q.act()[row][group * c.m() + q.idx()[t]];
    }

    /** DspChainModel's tile cycles for one chain and this query's rows, plus its cascade fill of L cycles. */
    public static long cycles(DspChainConfig c, boolean sparse) {
        DspChainSpec spec = new DspChainSpec(1, c.groups(), 2, c.pack() == 1, List.of(c.m()), c.width(), "block");
        int k = c.segmentLength(sparse);
        int seg = DspChainModel.segmentLength(spec, k, sparse ? c.n() : 0);
        long segments = spec.dspsPerChain() / seg;
        long passes = (k + seg - 1) / seg;
        long outputs = (c.outputs() + c.packing() - 1) / c.packing();
        return (outputs * passes + segments - 1) / segments + spec.dspsPerChain();
    }

    public static Query random(DspChainConfig c, boolean sparse, SplittableRandom rng) {
        int l = c.stages();
        int[] w = new int[l];
        int[] idx = new int[l];
        int s = c.segmentLength(sparse);
        for (int t = 0; t < l; t++) {
            w[t] = Operands.signed(rng, c.width());
        }
        if (sparse) {
            // Each group of M in a segment holds up to N nonzeros at distinct positions.
            for (int start = 0; start < l; start += s) {
                for (int g = 0; g * c.n() < s; g++) {
                    int count = Math.min(c.n(), s - g * c.n());
                    int[] pos = Operands.positions(rng, count, c.m());
                    for (int j = 0; j < count; j++) {
                        idx[start + g * c.n() + j] = pos[j];
                    }
                }
            }
        }
        int[][] act = new int[c.outputs()][c.activationsPerRow(sparse)];
        for (int[] row : act) {
            for (int d = 0; d < row.length; d++) {
                row[d] = Operands.signed(rng, c.width());
            }
        }
        return new Query(sparse, w, idx, act);
    }
}
