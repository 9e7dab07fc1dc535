package io.sparcade.hwsim.block;

import io.sparcade.hwsim.compute.NmArrayModel;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.block.NmArrayConfig;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Bit-exact model of the N:M PE array block (one output-stationary fold of Sparcade's one N:M PE: one
 * multiplier and an M:1 activation multiplexer). Y[i][c] = sum over steps s of w[c][s] * a(i, s), where
 * a(i, s) = A[i][(s / N) * M + idx[c][s]] sparse (step s holds nonzero s mod N of group s / N) and A[i][s]
 * dense. Cycles are the op-level model's fold, {@link NmArrayModel#tileComputeCycles} for one tile of
 * rows x T x cols: T + rows + cols - 2, where T = depth·N/M sparse, depth dense.
 */
public final class NmArrayBlock {
    private NmArrayBlock() {
    }

    /**
     * One query.
     *
     * @param sparse whether the N:M mode is used (else dense)
     * @param act    rows x depth signed activations
     * @param wgt    cols x steps signed weights
     * @param idx    cols x steps indices in 0..M-1 (dense: 0)
     */
    public record Query(boolean sparse, int[][] act, int[][] wgt, int[][] idx) implements BlockQuery {
    }

    public static BlockResult run(NmArrayConfig c, Query q) {
        int steps = c.steps(q.sparse());
        long[] out = new long[c.rows() * c.cols()];
        for (int i = 0; i < c.rows(); i++) {
            for (int col = 0; col < c.cols(); col++) {
                long sum = 0;
                for (int s = 0; s < steps; s++) {
                    int a = q.sparse() ? q.act()[i][s / c.n() * c.m() + q.idx()[col][s]] : q.act()[i][s];
                    sum += (long) q.wgt()[col][s] * a;
                }
                out[i * c.cols() + col] = sum;
            }
        }
        return new BlockResult(out, cycles(c, q.sparse()));
    }

    public static long cycles(NmArrayConfig c, boolean sparse) {
        NmArraySpec spec = new NmArraySpec(c.rows(), c.cols(), Dataflow.OS, c.width(), List.of(c.m()), "block");
        return NmArrayModel.tileComputeCycles(spec, c.rows(), c.steps(sparse), c.cols());
    }

    /** Uniform random operands; sparse weights keep N distinct positions per group of M. */
    public static Query random(NmArrayConfig c, boolean sparse, SplittableRandom rng) {
        int steps = c.steps(sparse);
        int[][] act = new int[c.rows()][c.depth()];
        for (int[] row : act) {
            for (int t = 0; t < row.length; t++) {
                row[t] = Operands.signed(rng, c.width());
            }
        }
        int[][] wgt = new int[c.cols()][steps];
        int[][] idx = new int[c.cols()][steps];
        for (int col = 0; col < c.cols(); col++) {
            for (int g = 0; g < (sparse ? steps / c.n() : 0); g++) {
                int[] pos = Operands.positions(rng, c.n(), c.m());
                for (int u = 0; u < c.n(); u++) {
                    idx[col][g * c.n() + u] = pos[u];
                }
            }
            for (int s = 0; s < steps; s++) {
                wgt[col][s] = Operands.signed(rng, c.width());
            }
        }
        return new Query(sparse, act, wgt, idx);
    }
}
