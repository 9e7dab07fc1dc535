package io.sparcade.model.mapping;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Order of the tile loops of a GEMM-like operator, outermost first (the reduction loop is innermost). The
 * operand indexed by the outer loop stays in the buffer while the inner loop streams the other operand, so
 * {@code mn} re-fetches weight tiles once per row tile and {@code nm} re-fetches activation tiles once per
 * column tile.
 */
public enum LoopOrder {
    MN("mn"),
    NM("nm");

    private final String id;

    LoopOrder(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
