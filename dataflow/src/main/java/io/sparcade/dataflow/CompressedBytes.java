package io.sparcade.dataflow;

import io.sparcade.model.workload.SparseFormat;

/**
 * Bytes of a compressed sparse operand: the kept values plus the format's metadata (kept apart, since metadata
 * is what a study reports separately). Values and metadata of one vector (a weight row or column, one token's K or
 * V) are stored together; a vector fetched on its own is rounded up to whole DRAM bursts by the caller.
 */
public final class CompressedBytes {
    private CompressedBytes() {
    }

    /** Bytes of values and of metadata. */
    public record Split(double values, double metadata) {
        public double total() {
            return values + metadata;
        }
    }

    /**
     * A vector of {@code length} elements of which {@code kept} (expected) are kept, {@code bits} per value.
     * <ul>
     *   <li>bitmap: 1 bit per element;</li>
     *   <li>csr: a ceil(log2 length)-bit index per kept value plus one 32-bit pointer per vector (SCALE-Sim v3's
     *       CSR/CSC metadata: one index per nonzero and one pointer per row);</li>
     *   <li>ellpack is sized by {@link #ellpackWidth} as an N:M operand, not here.</li>
     * </ul>
     */
    public static Split vector(SparseFormat format, long length, double kept, int bits) {
        double values = kept * bits / 8;
        return switch (format) {
            case BITMAP -> new Split(values, length / 8.0);
            case CSR -> new Split(values, (kept * indexBits(length) + 32) / 8);
            case ELLPACK -> throw new IllegalArgumentException("ELLPACK operands are sized as w:M N:M operands");
        };
    }

    /** Bits to index one of {@code length} positions. */
    public static int indexBits(long length) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, length - 1)));
    }

    /**
     * Blocked ELLPACK width: the groups of M elements of a slice are padded to the widest, so the stored width is
     * the maximum of {@code slice} independent Binomial(M, density) counts; its expectation
     * E[max] = sum over w >= 1 of P(max >= w) = sum (1 - F(w - 1)^slice), rounded up to a whole number of
     * entries (an N:M datapath takes a whole N).
     */
    public static int ellpackWidth(int m, double density, int slice) {
        double[] pmf = new double[m + 1];
        for (int x = 0; x <= m; x++) {
            pmf[x] = Math.exp(logChoose(m, x) + (x == 0 ? 0 : x * Math.log(density))
                    + (m - x == 0 ? 0 : (m - x) * Math.log1p(-Math.min(density, 1 - 1e-15))));
        }
        double cdf = 0;
        double expectedMax = 0;
        for (int w = 1; w <= m; w++) {
            cdf += pmf[w - 1];
            expectedMax += 1 - Math.pow(Math.min(1, cdf), slice);
        }
        return (int) Math.max(1, Math.min(m, Math.ceil(expectedMax - 1e-9)));
    }

    private static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }
}
