package io.sparcade.model.mapping;

import io.sparcade.model.arch.Dataflow;

/**
 * How one operator is mapped: the unit it runs on and, for GEMM-like operators, its tile and loop order, and the
 * dataflow of a reconfigurable array (an {@code nm-array} listing several {@code dataflows}). Any field may be
 * left out; the scheduler decides what is missing (an array runs in its default {@code dataflow}).
 *
 * @param unit      the unit's name, or null
 * @param tile      tile sizes (in the sizes the unit iterates), or null
 * @param loopOrder outer tile loop, or null
 * @param dataflow  the dataflow of a reconfigurable array for this operator, or null
 */
public record OpMapping(String unit, Tile tile, LoopOrder loopOrder, Dataflow dataflow) {
    public OpMapping(String unit, Tile tile, LoopOrder loopOrder) {
        this(unit, tile, loopOrder, null);
    }
}
