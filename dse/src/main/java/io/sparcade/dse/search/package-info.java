/**
 * Search, ask/tell style, separate from how points are evaluated.
 * <ul>
 *   <li>Mapping search per design point: a {@link io.sparcade.dse.search.MapSpace} (unit, tile, loop order per
 *       node), {@link io.sparcade.dse.search.SearchStrategy} implementations (exhaustive, seeded random, hill
 *       climbing, a genetic algorithm and the memetic genetic-then-hill-climbing search) and
 *       {@link io.sparcade.dse.search.MappingSearch}, which drives a strategy against a cost model.</li>
 *   <li>Design-space exploration: {@link io.sparcade.dse.search.ParetoSearch}, multi-objective and batched per
 *       generation, implemented by {@link io.sparcade.dse.search.Nsga2Search} (jMetal's NSGA-II).</li>
 * </ul>
 */
package io.sparcade.dse.search;
