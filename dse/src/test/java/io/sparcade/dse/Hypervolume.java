package io.sparcade.dse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The exact hypervolume of a set of points (every objective minimised) below a reference point, written out for the
 * tests by slicing (Zitzler's HSO): sort the points on the last objective; between two consecutive values of it the
 * region dominated is a prism whose base is the (d - 1)-dimensional hypervolume of the points at or below the
 * slab; in one dimension it is the reference minus the smallest value. Exponential in the dimension, fine for the
 * two or three objectives and the few hundred points of a Pareto front.
 */
final class Hypervolume {
    private Hypervolume() {
    }

    static double of(List<double[]> points, double[] reference) {
        List<double[]> inside = points.stream().filter(p -> dominatesReference(p, reference)).toList();
        return slice(inside, reference, reference.length);
    }

    private static boolean dominatesReference(double[] p, double[] reference) {
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] < reference[i])) {
                return false;
            }
        }
        return true;
    }

    private static double slice(List<double[]> points, double[] reference, int d) {
        if (points.isEmpty()) {
            return 0;
        }
        if (d == 1) {
            return reference[0] - points.stream().mapToDouble(p -> p[0]).min().orElseThrow();
        }
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(p -> p[d - 1]));
        List<double[]> below = new ArrayList<>();
        double volume = 0;
        for (int i = 0; i < sorted.size(); i++) {
            below.add(sorted.get(i));
            double z = sorted.get(i)[d - 1];
            double next = i + 1 < sorted.size() ? sorted.get(i + 1)[d - 1] : reference[d - 1];
            if (next > z) {
                volume += slice(below, reference, d - 1) * (next - z);
            }
        }
        return volume;
    }

    /**
     * Points normalised to a front's box: each objective mapped to (value - front min) / (front max - front min),
     * so the front spans [0, 1] in every objective (an objective constant on the front maps to 0).
     */
    static List<double[]> normalised(List<double[]> points, List<double[]> front) {
        int d = front.get(0).length;
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] p : front) {
            for (int k = 0; k < d; k++) {
                lo[k] = Math.min(lo[k], p[k]);
                hi[k] = Math.max(hi[k], p[k]);
            }
        }
        return points.stream().map(p -> {
            double[] q = new double[d];
            for (int k = 0; k < d; k++) {
                q[k] = hi[k] > lo[k] ? (p[k] - lo[k]) / (hi[k] - lo[k]) : 0;
            }
            return q;
        }).toList();
    }
}
