package io.sparcade.hwsim.block;

import io.sparcade.hwsim.compute.NmArrayModel;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.block.NmArrayConfig;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Bit-exact model of the N:M PE array block: Y[i][c] = sum over steps s and multipliers j of
 * w[c][s][j] * act_i[s][idx[c][s][j]], where step s's activation lanes are A[i][s*M + l] (sparse) or
 * A[i][s*N + l] for l &lt; N (dense; dense weights carry index j). Cycles are SCALE-Sim's output-stationary
 * fold, {@link NmArrayModel#tileComputeCycles} for one tile of rows x T x cols: T + rows + cols - 2, where
 * T = depth/M sparse or depth/N dense steps (a block PE is N multiplier lanes, so T counts steps of N MACs).
 */
public final class NmArrayBlock {
    private NmArrayBlock() {
    }

    /**
     * One query.
     *
     * @param sparse whether the N:M mode is used (else dense)
     * @param act    rows x depth signed activations
     * @param wgt    cols x steps x N signed weights
     * @param idx    cols x steps x N indices in 0..M-1 (dense: the lane j)
     */
    public record Query(boolean sparse, int[][] act, int[][][] wgt, int[][][] idx) implements BlockQuery {
    }

    public static BlockResult run(NmArrayConfig c, Query q) {
        int steps = c.steps(q.sparse());
        long[] out = new long[c.rows() * c.cols()];
        for (int i = 0; i < c.rows(); i++) {
            for (int col = 0; col < c.cols(); col++) {
                long sum = 0;
                for (int s = 0; s < steps; s++) {
                    for (int j = 0; j < c.n(); j++) {
                        int lane = q.idx()[col][s][j];
                        boolean live = q.sparse() || lane < c.n();
                        int a = live ? q.act()[i][s * (q.sparse() ? c.m() : c.n()) + lane] : 0;
                        sum += (long) q.wgt()[col][s][j] * a;
                    }
                }
                out[i * c.cols() + col] = sum;
            }
        }
        return new BlockResult(out, cycles(c, q.sparse()));
    }

    public static long cycles(NmArrayConfig c, boolean sparse) {
        NmArraySpec spec = new NmArraySpec(c.rows(), c.cols(), Dataflow.OS, c.width(), List.of(c.m()), "block");
        return NmArrayModel.tileComputeCycles(spec, c.rows(), c.steps(sparse), c.cols(), true);
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
        int[][][] wgt = new int[c.cols()][steps][c.n()];
        int[][][] idx = new int[c.cols()][steps][c.n()];
        for (int col = 0; col < c.cols(); col++) {
            for (int s = 0; s < steps; s++) {
                int[] pos = sparse ? Operands.positions(rng, c.n(), c.m()) : null;
                for (int j = 0; j < c.n(); j++) {
                    wgt[col][s][j] = Operands.signed(rng, c.width());
                    idx[col][s][j] = sparse ? pos[j] : j;
                }
            }
        }
        return new Query(sparse, act, wgt, idx);
    }
}
