/**
 * Design-space exploration: {@link io.sparcade.dse.SweepRun} evaluates a declarative sweep
 * ({@link io.sparcade.dse.sweep}) point by point, or the points an exploration (NSGA-II, {@code Exploration})
 * picks, with a mapping search per point ({@link io.sparcade.dse.search}), on a
 * {@link io.sparcade.dse.exec.SweepExecutor}, streaming {@code points.csv} and ending with {@code pareto.csv} and
 * plots ({@link io.sparcade.dse.output}); memory does not grow with the number of points.
 */
package io.sparcade.dse;
