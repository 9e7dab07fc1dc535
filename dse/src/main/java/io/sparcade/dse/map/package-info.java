/**
 * The mapper behind {@code sparcade map}: for one architecture and one workload, searches every operator's map
 * space (unit, dataflow of a reconfigurable array, tile sizes, loop order) under the simulator's cost model, then
 * the workload's (which operator candidates to combine, which fusion groups to run fused) with whole-workload
 * simulations. The pieces:
 * <ul>
 *   <li>{@link io.sparcade.dse.map.MapConstraints}: pinned fields, tile-size bounds and forbidden units;</li>
 *   <li>{@link io.sparcade.dse.map.OperatorSpace}: one node's map space as a product of discrete choices, and
 *       {@link io.sparcade.dse.map.OpCandidate}, one concrete mapping of a node;</li>
 *   <li>{@link io.sparcade.dse.map.GraphSpace}: the workload-level choices;</li>
 *   <li>{@link io.sparcade.dse.map.Mapper}: runs the search strategies of {@code io.sparcade.dse.search} over
 *       both and returns a {@link io.sparcade.dse.map.MapResult};</li>
 *   <li>{@link io.sparcade.dse.map.MapOutputs}: {@code map.csv}, {@code mapspace.csv}, the plots and the page.</li>
 * </ul>
 */
package io.sparcade.dse.map;
