package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;

/**
 * SpAtten's progressive quantisation of an operator's second operand (K or V, papers.md §2): only the
 * {@code bits} most significant bits are fetched; for a fraction {@code refetchFraction} of the rows (those whose
 * largest attention probability stays below the threshold) the {@code refetchBits} least significant bits are
 * fetched too.
 */
public record QuantOverlay(int bits, int refetchBits, double refetchFraction) {
    public QuantOverlay {
        Checks.positive(bits, "bits");
        Checks.nonNegative(refetchBits, "refetch_bits");
        if (!(refetchFraction >= 0 && refetchFraction <= 1)) {
            throw new SpecException("refetch_fraction", "must be in [0, 1], got " + refetchFraction);
        }
    }

    /** Average bits fetched per element. */
    public double averageBits() {
        return bits + refetchFraction * refetchBits;
    }
}
