package io.sparcade.hwsim.memory;

import io.sparcade.dataflow.CompressedBytes;
import io.sparcade.dataflow.GemmOverlay;
import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.PairMask;
import java.util.HashMap;
import java.util.Map;

/**
 * What a GEMM's masks keep of one tile, at the unit's {@link SkipQuantum}: whether the tile is skipped, the
 * fraction of its MACs computed (the area of its cells holding a kept element), and the bytes of its operands
 * (selected key columns or V rows, compressed B with its metadata, gathered vectors rounded to DRAM bursts). The
 * causal mask of a plain causal attention is one such mask; sparse-attention patterns, sparse weights and
 * pruned K/V caches are others. Results are memoised per tile position: every GEMM of a batch (every head)
 * shares the masks.
 */
public final class TileMasks {
    private final GemmWork w;
    private final boolean sparseMode;
    private final SkipQuantum quantum;
    private final int burst;
    private final PairMask out;
    private final PairMask a;
    private final PairMask b;
    private final GemmOverlay overlay;
    private final Map<Pos, Keep> memo = new HashMap<>();

    private record Pos(long i0, long tm, long l0, long tk, long j0, long tn) {
    }

    /**
     * What is kept of a tile.
     *
     * @param skip      nothing kept: the tile is neither loaded nor computed
     * @param compute   fraction of the tile's MACs (and compute cycles) the unit spends
     * @param aFraction fraction of the A tile's bytes loaded
     * @param bBytes    B tile bytes loaded (values and metadata), or -1 for the dense tile's
     * @param bMetadata of which metadata
     * @param cFraction fraction of the C tile written
     */
    public record Keep(boolean skip, double compute, double aFraction, double bBytes, double bMetadata,
                       double cFraction) {
        static final Keep SKIP = new Keep(true, 0, 0, 0, 0, 0);
        static final Keep ALL = new Keep(false, 1, 1, -1, 0, 1);
    }

    /**
     * @param burstBytes the off-chip memory's burst: a vector fetched on its own is rounded up to whole bursts
     */
    public TileMasks(GemmWork w, boolean sparseMode, SkipQuantum quantum, int burstBytes) {
        this.w = w;
        this.sparseMode = sparseMode;
        this.quantum = quantum;
        this.burst = Math.max(1, burstBytes);
        this.out = w.outMask();
        this.a = w.aMask();
        this.overlay = w.overlay();
        // under N:M the unit iterates the compressed k: the zeros of B are already gone
        this.b = sparseMode ? null : w.bMask();
    }

    /** Whether the work has anything for the walk to consult. */
    public static boolean needed(GemmWork w) {
        return w.overlay() != null;
    }

    /** Whether no kept output falls in rows [i0, i1) x columns [j0, j1) (every k tile of it is skipped). */
    public boolean outputsEmpty(long i0, long i1, long j0, long j1) {
        return out != null && out.kept(i0, i1, j0, j1) <= 0;
    }

    /** Area of the cells of {@code m} holding a kept element; a whole-tile quantum makes the rectangle one cell. */
    private double area(PairMask m, long r0, long r1, long c0, long c1, long qr, long qc) {
        if (quantum == SkipQuantum.TILE) {
            return m.kept(r0, r1, c0, c1) > 0 ? (double) (r1 - r0) * (c1 - c0) : 0;
        }
        return m.keptCellArea(r0, r1, c0, c1, qr, qc);
    }

    /** The tile at (i0.., l0.., j0..) of tm x tk x tn (k in the unit's iterated coordinates). */
    public Keep keep(long i0, long tm, long l0, long tk, long j0, long tn) {
        return memo.computeIfAbsent(new Pos(i0, tm, l0, tk, j0, tn), x -> compute(i0, tm, l0, tk, j0, tn));
    }

    private Keep compute(long i0, long tm, long l0, long tk, long j0, long tn) {
        SkipQuantum q = quantum.within(tm, tk, tn);
        double f = 1;
        double fa = 1;
        double fc = 1;
        double bBytes = -1;
        double meta = 0;
        double bBits = w.bBitsFetched() * (overlay == null ? 1 : overlay.bScale());
        if (out != null) {
            double area = area(out, i0, i0 + tm, j0, j0 + tn, q.m(), q.n());
            if (area <= 0) {
                return Keep.SKIP;
            }
            f *= area / ((double) tm * tn);
            fc = f;
            // only the keys some row of the tile keeps are loaded: whole key vectors (columns of Kᵀ)
            double keys = out.keptColumns(i0, i0 + tm, j0, j0 + tn);
            if (keys < tn) {
                bBytes = keys * rounded(tk * bBits / 8);
            }
        }
        if (a != null) {
            double area = area(a, i0, i0 + tm, l0, l0 + tk, q.m(), q.k());
            if (area <= 0) {
                return Keep.SKIP;
            }
            double fraction = area / ((double) tm * tk);
            f *= fraction;
            fa = fraction;
            // only the V rows (keys) some row of the tile keeps are loaded
            double keys = a.keptColumns(i0, i0 + tm, l0, l0 + tk);
            if (keys < tk) {
                bBytes = keys * rounded(tn * bBits / 8);
            }
        }
        if (b != null) {
            double area = area(b, l0, l0 + tk, j0, j0 + tn, q.k(), q.n());
            if (area <= 0) {
                return Keep.SKIP;
            }
            f *= area / ((double) tk * tn);
        }
        if (overlay != null && overlay.storage() != GemmOverlay.Storage.DENSE && !sparseMode) {
            CompressedBytes.Split s = w.storedB(l0, j0, tk, tn);
            bBytes = (s.values() + s.metadata()) * overlay.bScale();
            meta = s.metadata() * overlay.bScale();
        } else if (overlay != null && overlay.bGathered() && bBytes < 0) {
            long vectors = overlay.bVectors() == 'n' ? tk : tn;
            long length = overlay.bVectors() == 'n' ? tn : tk;
            bBytes = vectors * rounded(length * bBits / 8);
        } else if (overlay != null && overlay.bScale() != 1 && bBytes < 0) {
            bBytes = Math.ceil(tk * tn * bBits / 8);
        }
        return new Keep(false, f, fa, bBytes, meta, fc);
    }

    /** Bytes of one vector fetched on its own: whole bursts. */
    private double rounded(double bytes) {
        return Math.ceil(bytes / burst) * burst;
    }
}
