/**
 * Mapping search: a {@link io.sparcade.dse.search.MapSpace} (unit, tile, loop order per node), ask/tell
 * {@link io.sparcade.dse.search.SearchStrategy} implementations (exhaustive, seeded random, hill climbing), and
 * {@link io.sparcade.dse.search.MappingSearch}, which drives a strategy against a cost model.
 */
package io.sparcade.dse.search;
