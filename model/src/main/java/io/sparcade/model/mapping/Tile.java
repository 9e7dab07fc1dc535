package io.sparcade.model.mapping;

import io.sparcade.model.Checks;

/** Tile sizes of a GEMM-like operator: rows {@code m}, reduction {@code k}, columns {@code n}. */
public record Tile(long m, long k, long n) {
    public Tile {
        Checks.positive(m, "m");
        Checks.positive(k, "k");
        Checks.positive(n, "n");
    }

    @Override
    public String toString() {
        return m + "x" + k + "x" + n;
    }
}
