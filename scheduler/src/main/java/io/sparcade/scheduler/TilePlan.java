package io.sparcade.scheduler;

import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.Tile;

/**
 * How a GEMM-like node is cut into tiles: tile sizes over (m, k, n) in the sizes the unit iterates (k already
 * compressed when the unit runs the N:M pattern), the loop order, and the buffer bytes one tile needs.
 *
 * @param tile           tile sizes
 * @param loopOrder      outer tile loop ({@code mn}: weights re-fetched per row tile; {@code nm}: activations per column tile)
 * @param footprintBytes buffer bytes in use: double-buffered A and B tiles plus the 32-bit accumulator tile
 */
public record TilePlan(Tile tile, LoopOrder loopOrder, long footprintBytes) {
    @Override
    public String toString() {
        return tile + " " + loopOrder.id();
    }
}
