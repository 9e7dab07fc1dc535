package io.sparcade.dataflow;

/**
 * What a sparsity overlay adds to a GEMM beyond N:M and keep-ratios: masks of kept elements that the tile walk
 * consults, and how B is stored. All masks are in the GEMM's own (kept) coordinates.
 *
 * @param out         kept outputs over (m, n): attention scores Q·Kᵀ under a sparse pattern (causal included), or
 *                    null
 * @param a           kept elements of A over (m, k): attention probabilities P under a sparse pattern, or null
 * @param b           kept elements of B over (k, n): a sparse weight or a pruned K/V cache, or null
 * @param storage     how B is stored off chip
 * @param bVectors    the axis B's vectors run along, {@code 'n'} (rows of B: a weight row, a V row) or {@code 'k'}
 *                    (columns: a key of Kᵀ, a neuron stored neuron-major); a compressed vector or a gathered one is
 *                    one transfer
 * @param bGathered   whether B's vectors are fetched one by one (selected neurons, kept tokens): each rounded up to
 *                    whole DRAM bursts
 * @param bScale      factor on B's bytes (ShadowKV's low-rank keys: rank / head dimension), 1 otherwise
 * @param granularity the pattern's own granularity, for reports
 */
public record GemmOverlay(PairMask out, PairMask a, PairMask b, Storage storage, char bVectors, boolean bGathered,
                         double bScale, String granularity) {
    /** How B is stored. */
    public enum Storage {
        /** Every value (or N:M values and indices), no other metadata. */
        DENSE,
        /** Kept values plus a bitmap of one bit per element. */
        BITMAP,
        /** Kept values plus an index per value and a pointer per vector. */
        CSR,
        /** Kept blocks' values plus one bit per block (block sparse row). */
        BLOCKS
    }

    public GemmOverlay {
        storage = storage == null ? Storage.DENSE : storage;
        if (bVectors != 'n' && bVectors != 'k') {
            throw new IllegalArgumentException("B vectors run along n or k, got " + bVectors);
        }
        if (!(bScale > 0)) {
            throw new IllegalArgumentException("B scale must be > 0, got " + bScale);
        }
        if (storage != Storage.DENSE && b == null) {
            throw new IllegalArgumentException("compressed B storage needs B's mask");
        }
    }

    /** An overlay that only gathers B's vectors (selected neurons or tokens). */
    public static GemmOverlay gathered(char axis, String granularity) {
        return new GemmOverlay(null, null, null, Storage.DENSE, axis, true, 1, granularity);
    }

    public GemmOverlay withOut(PairMask m, String g) {
        return new GemmOverlay(m, a, b, storage, bVectors, bGathered, bScale, g);
    }

    public GemmOverlay withA(PairMask m, String g) {
        return new GemmOverlay(out, m, b, storage, bVectors, bGathered, bScale, g);
    }
}
