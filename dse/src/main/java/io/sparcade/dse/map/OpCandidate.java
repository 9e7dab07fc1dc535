package io.sparcade.dse.map;

import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.OpMapping;
import io.sparcade.model.mapping.Tile;

/**
 * One concrete mapping of one node: its unit, the dataflow of an array (null for other units), and for a
 * GEMM-like node its tile and loop order (null otherwise).
 *
 * @param unit      unit name
 * @param dataflow  the array's dataflow for this node, or null when the unit is not an array
 * @param tile      tile sizes in the sizes the unit iterates, or null
 * @param loopOrder loop order, or null
 */
public record OpCandidate(String unit, Dataflow dataflow, Tile tile, LoopOrder loopOrder) {
    /**
     * As a mapping entry; the dataflow is written only when {@code reconfigurable} (a fixed array has one, and
     * naming it is redundant).
     */
    public OpMapping toMapping(boolean reconfigurable) {
        return new OpMapping(unit, tile, loopOrder, reconfigurable ? dataflow : null);
    }

    /** One-line text: {@code unit[/dataflow][/tile/order]}, e.g. {@code array/ws/6272x32x32/mn}. */
    public String text() {
        StringBuilder b = new StringBuilder(unit);
        if (dataflow != null) {
            b.append('/').append(dataflow.id());
        }
        if (tile != null) {
            b.append('/').append(tile).append('/').append(loopOrder == null ? "*" : loopOrder.id());
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
