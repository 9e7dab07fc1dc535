package io.sparcade.dse.search;

import java.util.List;

/**
 * A multi-objective search over a box of discrete choices, ask/tell style in generations: {@link #ask()} proposes
 * the points of the next generation (one index per choice), the caller evaluates them, possibly in parallel, and
 * {@link #tell(List)}s their outcomes in the same order before asking again. Every objective is minimised. A
 * strategy decides nothing about how points are evaluated; it may propose a point again, and the caller may answer
 * a repeat from what it already measured.
 */
public interface ParetoSearch {
    /** The points to evaluate next; empty when the search has nothing more to propose. */
    List<int[]> ask();

    /** The outcomes of the points of the last {@link #ask()}, in the same order. */
    void tell(List<Outcome> outcomes);

    /**
     * What one point measured.
     *
     * @param objectives one value per objective, all minimised; finite
     * @param violation  0 for a feasible point; otherwise how far it is from feasible (the relative excess over its
     *                   constraints summed, or {@link #FAILED} for a point whose evaluation failed). Feasible points
     *                   beat infeasible ones, and a smaller violation beats a larger one (Deb's constrained
     *                   domination).
     */
    record Outcome(double[] objectives, double violation) {
        /** Violation of a point whose evaluation failed: worse than any point that ran. */
        public static final double FAILED = 1e30;

        public Outcome {
            objectives = objectives.clone();
            if (!(violation >= 0)) {
                throw new IllegalArgumentException("violation must be >= 0, got " + violation);
            }
        }

        /** A failed evaluation: the worst violation, objectives at zero (they are never compared with a feasible point). */
        public static Outcome failed(int objectives) {
            return new Outcome(new double[objectives], FAILED);
        }

        public boolean feasible() {
            return violation == 0;
        }
    }
}
