package io.sparcade.verilator;

import io.sparcade.hwsim.block.BlockQuery;
import io.sparcade.hwsim.block.BlockResult;
import io.sparcade.hwsim.block.DspChainBlock;
import io.sparcade.hwsim.block.NmArrayBlock;
import io.sparcade.hwsim.block.TopkBlock;
import io.sparcade.model.block.BlockConfig;
import io.sparcade.model.block.DspChainConfig;
import io.sparcade.model.block.NmArrayConfig;
import io.sparcade.model.block.TopkConfig;
import java.util.SplittableRandom;

/**
 * The seeded queries of a cross-check, their hw-sim block model results, and their encoding as the input words
 * of the RTL's load buffer (layouts documented in sc_nm_ctrl.sv, sc_dsp_ctrl.sv, sc_topk_engine.sv).
 */
public final class Stimuli {
    private Stimuli() {
    }

    /**
     * Query {@code i} of a run: the N:M array and DSP chain alternate dense (even i) and N:M sparse (odd i);
     * top-k cycles through full-range scores, heavy ties (4 distinct values) and len/2 distinct values.
     */
    public static BlockQuery query(BlockConfig c, int i, SplittableRandom rng) {
        if (c instanceof NmArrayConfig a) {
            return NmArrayBlock.random(a, i % 2 == 1, rng);
        }
        if (c instanceof TopkConfig t) {
            int distinct = switch (i % 3) {
                case 0 -> Integer.MAX_VALUE;
                case 1 -> 4;
                default -> Math.max(2, t.len() / 2);
            };
            return TopkBlock.random(t, distinct, rng);
        }
        return DspChainBlock.random((DspChainConfig) c, i % 2 == 1, rng);
    }

    /** A short description of query i's mode, for reports. */
    public static String mode(BlockConfig c, BlockQuery q) {
        if (q instanceof NmArrayBlock.Query a) {
            NmArrayConfig n = (NmArrayConfig) c;
            return a.sparse() ? n.n() + ":" + n.m() : "dense";
        }
        if (q instanceof DspChainBlock.Query d) {
            DspChainConfig n = (DspChainConfig) c;
            return d.sparse() ? n.n() + ":" + n.m() : "dense";
        }
        return "k=" + ((TopkConfig) c).k();
    }

    public static BlockResult model(BlockConfig c, BlockQuery q) {
        if (q instanceof NmArrayBlock.Query a) {
            return NmArrayBlock.run((NmArrayConfig) c, a);
        }
        if (q instanceof TopkBlock.Query t) {
            return TopkBlock.run((TopkConfig) c, t);
        }
        return DspChainBlock.run((DspChainConfig) c, (DspChainBlock.Query) q);
    }

    public static int[] encode(BlockConfig c, BlockQuery q) {
        if (q instanceof NmArrayBlock.Query a) {
            return nmArray((NmArrayConfig) c, a);
        }
        if (q instanceof TopkBlock.Query t) {
            return t.scores().clone();
        }
        return dspChain((DspChainConfig) c, (DspChainBlock.Query) q);
    }

    private static int mask(int v, int bits) {
        return v & ((1 << bits) - 1);
    }

    private static int[] nmArray(NmArrayConfig c, NmArrayBlock.Query q) {
        int k = c.depth();
        int[] w = new int[1 + c.rows() * k + c.cols() * k];
        w[0] = q.sparse() ? 1 : 0;
        for (int i = 0; i < c.rows(); i++) {
            for (int t = 0; t < k; t++) {
                w[1 + i * k + t] = mask(q.act()[i][t], c.width());
            }
        }
        int base = 1 + c.rows() * k;
        for (int col = 0; col < c.cols(); col++) {
            for (int s = 0; s < c.steps(q.sparse()); s++) {
                w[base + col * k + s] = (q.idx()[col][s] << c.width()) | mask(q.wgt()[col][s], c.width());
            }
        }
        return w;
    }

    private static int[] dspChain(DspChainConfig c, DspChainBlock.Query q) {
        int l = c.stages();
        int xl = Math.max(c.activationsPerRow(false), c.activationsPerRow(true));
        int[] w = new int[1 + l + c.outputs() * xl];
        w[0] = q.sparse() ? 1 : 0;
        for (int t = 0; t < l; t++) {
            w[1 + t] = (q.idx()[t] << c.width()) | mask(q.wgt()[t], c.width());
        }
        for (int o = 0; o < c.outputs(); o++) {
            int[] row = q.act()[o];
            for (int d = 0; d < row.length; d++) {
                w[1 + l + o * xl + d] = mask(row[d], c.width());
            }
        }
        return w;
    }
}
