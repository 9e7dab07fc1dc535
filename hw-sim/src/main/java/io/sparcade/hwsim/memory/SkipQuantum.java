package io.sparcade.hwsim.memory;

/**
 * The granularity at which a unit can skip work, per GEMM dimension: a cell of {@code m} x {@code k} x {@code n}
 * (restricted to a mask's plane) is computed whole when it holds one kept element, skipped when it holds none.
 * An array skips whole folds along its spatial dimensions (its rows or columns) and single steps along its
 * temporal one; a DSP chain skips single outputs (rows in pairs when packed) and whole segments of the
 * reduction. {@link #TILE} skips only whole tiles.
 */
public record SkipQuantum(long m, long k, long n) {
    /** Only whole tiles are skipped (a unit model that states no finer granularity). */
    public static final SkipQuantum TILE = new SkipQuantum(Long.MAX_VALUE / 4, Long.MAX_VALUE / 4, Long.MAX_VALUE / 4);

    public SkipQuantum {
        if (m < 1 || k < 1 || n < 1) {
            throw new IllegalArgumentException("quantum " + m + "x" + k + "x" + n);
        }
    }

    /** The quantum clipped to a tile (a cell never spans tiles). */
    public SkipQuantum within(long tm, long tk, long tn) {
        return new SkipQuantum(Math.min(m, tm), Math.min(k, tk), Math.min(n, tn));
    }

    public String text() {
        return (m >= Long.MAX_VALUE / 4 ? "tile" : m + "x" + k + "x" + n);
    }
}
