package io.sparcade.dse.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The Pareto front of a set of points, every objective minimised: a point is on the front when no other point
 * is at least as good in every objective and strictly better in one. Points with equal objective vectors do not
 * dominate each other, so all of them stay. Sort-and-filter: after sorting lexicographically, a point can only
 * be dominated by one before it, and then also by one already on the front.
 */
public final class Pareto {
    private Pareto() {
    }

    /** Indices of the non-dominated vectors, in ascending index order. NaN vectors are never on the front. */
    public static List<Integer> front(List<double[]> points) {
        Integer[] order = new Integer[points.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Comparator<Integer> lex = (a, b) -> Arrays.compare(points.get(a), points.get(b));
        Arrays.sort(order, lex);
        List<Integer> front = new ArrayList<>();
        for (int i : order) {
            double[] p = points.get(i);
            if (Arrays.stream(p).anyMatch(Double::isNaN)) {
                continue;
            }
            boolean dominated = false;
            for (int f : front) {
                if (dominates(points.get(f), p)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(i);
            }
        }
        front.sort(Comparator.naturalOrder());
        return front;
    }

    /** Whether {@code a} dominates {@code b}: no worse anywhere, better somewhere. */
    public static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            if (a[i] < b[i]) {
                better = true;
            }
        }
        return better;
    }
}
