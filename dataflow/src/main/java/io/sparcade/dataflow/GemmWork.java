package io.sparcade.dataflow;

import io.sparcade.model.workload.CausalMask;
import io.sparcade.model.workload.NmPattern;
import io.sparcade.model.workload.QuantOverlay;

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
 * @param quant      progressive quantisation of B (MSBs, plus LSBs for some rows), or null
 * @param causal     causal attention mask over (m, n) or (m, k), or null: tiles the mask removes entirely are
 *                   skipped, partly masked tiles are computed whole
 * @param overlay    what other sparsity overlays keep (masks over the output, A or B, B's storage), or null
 */
public record GemmWork(long batch, long m, long k, long n, int actBits, int bBits, boolean bIsWeight, NmPattern nm,
                       QuantOverlay quant, CausalMask causal, GemmOverlay overlay) implements Work {

    public GemmWork(long batch, long m, long k, long n, int actBits, int bBits, boolean bIsWeight, NmPattern nm,
                    QuantOverlay quant, CausalMask causal) {
        this(batch, m, k, n, actBits, bBits, bIsWeight, nm, quant, causal, null);
    }

    public GemmWork(long batch, long m, long k, long n, int actBits, int bBits, boolean bIsWeight, NmPattern nm) {
        this(batch, m, k, n, actBits, bBits, bIsWeight, nm, null, null);
    }

    public GemmWork(long batch, long m, long k, long n, int actBits, int bBits, boolean bIsWeight, NmPattern nm,
                    QuantOverlay quant) {
        this(batch, m, k, n, actBits, bBits, bIsWeight, nm, quant, null);
    }

    public GemmWork {
        if (causal != null && !causal.keys().equals("n") && !causal.keys().equals("k")) {
            throw new IllegalArgumentException("a GEMM's causal mask runs over n or k, got " + causal.keys());
        }
    }

    /** Whether the causal mask runs over n (scores Q·Kᵀ); false: over k (P·V) or no mask. */
    public boolean maskOnN() {
        return causal != null && causal.keys().equals("n");
    }

    /** Whether the causal mask runs over the reduction k (P·V). */
    public boolean maskOnK() {
        return causal != null && causal.keys().equals("k");
    }

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

    /** The same work with an overlay. */
    public GemmWork withOverlay(GemmOverlay o) {
        return new GemmWork(batch, m, k, n, actBits, bBits, bIsWeight, nm, quant, causal, o);
    }

    /** The same work with an N:M pattern (ELLPACK-padded unstructured weights run as w:M). */
    public GemmWork withNm(NmPattern p) {
        return new GemmWork(batch, m, k, n, actBits, bBits, bIsWeight, p, quant, causal, overlay);
    }

    /** Kept outputs over (m, n): an overlay's pattern, else the causal mask over n, else null (all kept). */
    public PairMask outMask() {
        if (overlay != null && overlay.out() != null) {
            return overlay.out();
        }
        return maskOnN() ? new CausalPairs(causal, m, n) : null;
    }

    /** Kept elements of A over (m, k): an overlay's pattern, else the causal mask over k, else null. */
    public PairMask aMask() {
        if (overlay != null && overlay.a() != null) {
            return overlay.a();
        }
        return maskOnK() ? new CausalPairs(causal, m, k) : null;
    }

    /** Kept elements of B over (k, n), or null. */
    public PairMask bMask() {
        return overlay == null ? null : overlay.b();
    }

    /** MACs on nonzero weights, and only on the (query, key) pairs a causal mask keeps. */
    public long usefulMacs() {
        if (overlay != null && (overlay.out() != null || overlay.a() != null || overlay.b() != null)) {
            double pairs = overlay.out() != null ? overlay.out().keptTotal() * k
                    : overlay.a() != null ? overlay.a().keptTotal() * n : (double) m * k * n;
            if (overlay.b() != null) {
                pairs *= overlay.b().keptTotal() / ((double) k * n);
            }
            return Math.round(batch * pairs);
        }
        if (maskOnN()) {
            return Math.multiplyExact(batch, Math.multiplyExact(causal.pairs(0, m, n), effectiveK()));
        }
        if (maskOnK()) {
            return Math.multiplyExact(batch, Math.multiplyExact(causal.pairs(0, m, k), n));
        }
        return Math.multiplyExact(Math.multiplyExact(batch, m), Math.multiplyExact(effectiveK(), n));
    }

    public long aBytes() {
        return bytes(batch * m * k, actBits);
    }

    /** Bits fetched per element of B: the datapath width, or the quantised MSBs plus refetched LSBs on average. */
    public double bBitsFetched() {
        return quant == null ? bBits : quant.averageBits();
    }

    /** B bytes: N:M stores N values and N log2(M)-bit indices per group; quantised B fetches fewer bits. */
    public long bBytes() {
        long count = bIsWeight ? k * n : batch * k * n;
        if (overlay != null && overlay.storage() != GemmOverlay.Storage.DENSE) {
            return (long) Math.ceil((double) count / ((double) k * n) * storedB(k, n).total() * overlay.bScale());
        }
        if (overlay != null && overlay.bScale() != 1) {
            return (long) Math.ceil(bytes(count, bBits) * overlay.bScale());
        }
        if (quant != null) {
            return (long) Math.ceil(count * (nm == null ? 1.0 : nm.density())
                    * (quant.averageBits() + (nm == null ? 0 : nm.indexBits())) / 8);
        }
        if (nm == null) {
            return bytes(count, bBits);
        }
        long kept = ceilDiv(count * nm.n(), nm.m());
        return bytes(kept, bBits + nm.indexBits());
    }

    /**
     * Values and metadata of a [tk x tn] part of B at {@code (k0, n0)} in its stored format (without bursts): the
     * kept elements' values plus the format's metadata per vector.
     */
    public CompressedBytes.Split storedB(long k0, long n0, long tk, long tn) {
        PairMask mask = overlay.b();
        double kept = mask.kept(k0, k0 + tk, n0, n0 + tn);
        double values = kept * bBits / 8;
        long vectors = overlay.bVectors() == 'n' ? tk : tn;
        long length = overlay.bVectors() == 'n' ? tn : tk;
        return switch (overlay.storage()) {
            case BITMAP -> new CompressedBytes.Split(values, vectors * CompressedBytes.vector(
                    io.sparcade.model.workload.SparseFormat.BITMAP, length, 0, bBits).metadata());
            case CSR -> new CompressedBytes.Split(values, (kept * CompressedBytes.indexBits(length) + 32.0 * vectors) / 8);
            case BLOCKS -> {
                RandomPairs r = (RandomPairs) mask;
                double blocks = (double) ((k0 + tk - 1) / r.blockRows() - k0 / r.blockRows() + 1)
                        * ((n0 + tn - 1) / r.blockCols() - n0 / r.blockCols() + 1);
                yield new CompressedBytes.Split(values, blocks / 8);
            }
            case DENSE -> new CompressedBytes.Split((double) tk * tn * bBits / 8, 0);
        };
    }

    private CompressedBytes.Split storedB(long tk, long tn) {
        return storedB(0, 0, tk, tn);
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
        String dims = m + "x" + k + "x" + n + (causal != null ? " causal" : "");
        return "gemm " + (batch > 1 ? batch + "x(" + dims + ")" : dims) + (nm != null ? " " + nm.ratio() : "")
                + (overlay != null && overlay.granularity() != null ? " [" + overlay.granularity() + "]" : "")
                + (quant != null ? " q" + quant.bits() + (quant.refetchFraction() > 0 ? "+" + quant.refetchBits() : "") : "");
    }
}
