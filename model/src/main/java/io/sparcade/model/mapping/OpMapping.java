package io.sparcade.model.mapping;

/**
 * How one operator is mapped: the unit it runs on and, for GEMM-like operators, its tile and loop order. Any
 * field may be left out; the scheduler decides what is missing.
 */
public record OpMapping(String unit, Tile tile, LoopOrder loopOrder) {
}
