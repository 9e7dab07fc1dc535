package io.sparcade.dataflow;

import io.sparcade.model.workload.NmPattern;

/**
 * A batch of GEMMs C[m,n] = A[m,k] · B[k,n] (conv via im2col, attention matmuls, training passes), with the
 * overlay applied: {@code m}, {@code k}, {@code n} are the effective sizes after keep-ratios; {@code nm}, when
 * not null, makes B N:M sparse along the reduction {@code k}.
 *
 * @param batch      independent GEMMs of this size
 * @param m          rows of A and C
 * @param k          reduction length (dense length: the N:M pattern is applied on top)
 * @param n          columns of B and C
 * @param actBits    bits per activation (A and C)
 * @param bBits      bits per element of B
 * @param bIsWeight  B is a weight read from off-chip memory (else a second activation)
 * @param nm         N:M pattern of B along k, or null when dense
 */
public record GemmWork(long batch, long m, long k, long n, int actBits, int bBits, boolean bIsWeight, NmPattern nm)
        implements Work {

    public boolean sparse() {
        return nm != null;
    }

    /** Reduction length the hardware actually iterates over: k·N/M when N:M sparse (rounded up). */
    public long effectiveK() {
        return nm == null ? k : ceilDiv(k * nm.n(), nm.m());
    }

    /** MACs of the dense GEMM. */
    public long denseMacs() {
        return batch * m * k * n;
    }

    /** MACs on nonzero weights. */
    public long usefulMacs() {
        return batch * m * effectiveK() * n;
    }

    public long aBytes() {
        return bytes(batch * m * k, actBits);
    }

    /** B bytes: N:M stores N values and N log2(M)-bit indices per group. */
    public long bBytes() {
        long count = bIsWeight ? k * n : batch * k * n;
        if (nm == null) {
            return bytes(count, bBits);
        }
        long kept = ceilDiv(count * nm.n(), nm.m());
        return bytes(kept, bBits + nm.indexBits());
    }

    public long cBytes() {
        return bytes(batch * m * n, actBits);
    }

    @Override
    public long inputBytes() {
        return aBytes() + bBytes();
    }

    @Override
    public long outputBytes() {
        return cBytes();
    }

    static long bytes(long elements, int bits) {
        return ceilDiv(elements * bits, 8);
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    @Override
    public String describe() {
        String dims = m + "x" + k + "x" + n;
        return "gemm " + (batch > 1 ? batch + "x(" + dims + ")" : dims) + (nm != null ? " " + nm.ratio() : "");
    }
}
