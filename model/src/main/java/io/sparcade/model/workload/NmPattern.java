package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;

/**
 * N:M structured sparsity on an operator's weight: in every group of {@code m} consecutive weights along
 * dimension {@code dim}, at most {@code n} are nonzero. Stored as n values plus n indices of log2(m) bits per
 * group (papers.md §1).
 */
public record NmPattern(int n, int m, String dim) {
    public NmPattern {
        Checks.positive(n, "n");
        Checks.positive(m, "m");
        if (n > m) {
            throw new SpecException("n", "N must be <= M, got " + n + ":" + m);
        }
        if (!Checks.isPowerOfTwo(m) || m < 2) {
            throw new SpecException("m", "M must be a power of two >= 2, got " + m);
        }
        dim = dim == null ? "k" : dim;
    }

    /** Fraction of weights kept, N/M. */
    public double density() {
        return (double) n / m;
    }

    /** Bits of index metadata per kept weight. */
    public int indexBits() {
        return Integer.numberOfTrailingZeros(m);
    }

    public String ratio() {
        return n + ":" + m;
    }
}
