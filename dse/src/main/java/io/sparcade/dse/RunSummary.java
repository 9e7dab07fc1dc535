package io.sparcade.dse;

import java.nio.file.Path;
import java.util.List;

/**
 * What a sweep run did.
 *
 * @param total      points in the sweep
 * @param resumed    points found done from an earlier run
 * @param evaluated  points evaluated by this run
 * @param errors     points whose evaluation failed (over the whole sweep)
 * @param infeasible points that break a constraint (over the whole sweep)
 * @param pareto     points on the Pareto fronts
 * @param seconds    wall time of the evaluation
 * @param files      files written (points.csv, pareto.csv, plots)
 */
public record RunSummary(long total, long resumed, long evaluated, long errors, long infeasible, long pareto,
                         double seconds, List<Path> files) {
    public RunSummary {
        files = List.copyOf(files);
    }

    public double pointsPerSecond() {
        return seconds > 0 ? evaluated / seconds : 0;
    }
}
