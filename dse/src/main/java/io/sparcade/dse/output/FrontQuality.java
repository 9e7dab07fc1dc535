package io.sparcade.dse.output;

import java.util.List;
import org.uma.jmetal.qualityindicator.impl.hypervolume.impl.WFGHypervolume;

/**
 * How much of a reference Pareto front a found front recovers, by hypervolume (every objective minimised): both
 * fronts are normalised to the reference front's box (0 = its best value of an objective, 1 = its worst), the
 * reference point is 1.1 in every objective, and the ratio found / reference is returned (1 = as good).
 *
 * <p>The hypervolume is jMetal's WFG algorithm (While, Bradstreet and Barone, IEEE TEVC 16(1), 2012). jMetal 6.1
 * computes it below the point (1, ..., 1) whatever reference point it is given, so the fronts are scaled by 1 / 1.1
 * to put the reference point there; points at or beyond it add nothing.
 */
public final class FrontQuality {
    /** The reference point, in the normalised objectives. */
    public static final double REFERENCE = 1.1;

    private FrontQuality() {
    }

    /** Hypervolume of {@code found} divided by that of {@code reference}, both normalised to the reference front's box. */
    public static double hypervolumeRatio(List<double[]> found, List<double[]> reference) {
        if (reference.isEmpty()) {
            throw new IllegalArgumentException("the reference front is empty");
        }
        int d = reference.get(0).length;
        double[] lo = new double[d];
        double[] hi = new double[d];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] p : reference) {
            for (int k = 0; k < d; k++) {
                lo[k] = Math.min(lo[k], p[k]);
                hi[k] = Math.max(hi[k], p[k]);
            }
        }
        return volume(found, lo, hi) / volume(reference, lo, hi);
    }

    private static double volume(List<double[]> front, double[] lo, double[] hi) {
        int d = lo.length;
        double[][] scaled = front.stream().map(p -> {
            double[] q = new double[d];
            for (int k = 0; k < d; k++) {
                double unit = hi[k] > lo[k] ? (p[k] - lo[k]) / (hi[k] - lo[k]) : 0;
                q[k] = Math.min(1, unit / REFERENCE);
            }
            return q;
        }).toArray(double[][]::new);
        if (scaled.length == 0) {
            return 0;
        }
        double[] ones = new double[d];
        java.util.Arrays.fill(ones, 1);
        return new WFGHypervolume(ones).compute(scaled);
    }
}
