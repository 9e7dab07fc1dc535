/**
 * Sweep outputs: the streamed, resumable {@code points.csv}, per-group summaries gathered row by row
 * ({@link io.sparcade.dse.output.GroupSummary}: incremental Pareto front, effects, a bounded plot sample), the
 * Pareto front, PNG plots, and the hypervolume ratio of a found front ({@link io.sparcade.dse.output.FrontQuality}).
 */
package io.sparcade.dse.output;
