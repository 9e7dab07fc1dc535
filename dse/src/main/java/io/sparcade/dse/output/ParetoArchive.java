package io.sparcade.dse.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The Pareto front of a stream of points, kept incrementally (every objective minimised): a point enters unless a
 * point already held dominates it, and evicts the points it dominates. By transitivity of dominance the archive
 * holds exactly the non-dominated points of everything offered, whatever the order ({@link Pareto#front} on the
 * whole set gives the same points); equal objective vectors do not dominate each other, so all of them stay.
 * Memory is the front's size, not the stream's.
 *
 * @param <T> what is kept with each point (e.g. its CSV row)
 */
public final class ParetoArchive<T> {
    private record Entry<T>(double[] objectives, T item) {
    }

    private final List<Entry<T>> front = new ArrayList<>();

    /**
     * Offers a point; NaN vectors never enter.
     *
     * @return whether it is on the front now
     */
    public boolean offer(double[] objectives, T item) {
        if (Arrays.stream(objectives).anyMatch(Double::isNaN)) {
            return false;
        }
        for (Entry<T> e : front) {
            if (Pareto.dominates(e.objectives(), objectives)) {
                return false;
            }
        }
        for (Iterator<Entry<T>> it = front.iterator(); it.hasNext();) {
            if (Pareto.dominates(objectives, it.next().objectives())) {
                it.remove();
            }
        }
        front.add(new Entry<>(objectives.clone(), item));
        return true;
    }

    /** The items on the front, in the order they entered. */
    public List<T> items() {
        return front.stream().map(Entry::item).toList();
    }

    /** The objective vectors on the front, in the order they entered. */
    public List<double[]> objectives() {
        return front.stream().map(e -> e.objectives().clone()).toList();
    }

    public int size() {
        return front.size();
    }
}
