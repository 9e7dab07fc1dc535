package io.sparcade.verilator.layer;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OnChip;
import io.sparcade.hwsim.memory.DramModel;
import io.sparcade.hwsim.memory.TileWalk;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.scheduler.TilePlan;
import io.sparcade.scheduler.Tiler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One GEMM node as a layer engine runs it: seeded integer operands laid out in DRAM (A row-major, batch·m x k;
 * B row-major, its iterated k x n, compressed to the N nonzeros of each group of M with their indices when
 * the unit runs the N:M pattern, else dense with the pruned weights as zeros; C row-major, batch·m x n), the
 * tile program of {@link TileWalk} encoded for the engine, and the reference results: exact 32-bit sums and
 * the sums rounded to the output width (arithmetic shift right by {@link #shift()}, then saturation).
 */
public final class GemmLayer {
    private final GemmWork w;
    private final boolean sparse;
    private final int width;
    private final int groupN;
    private final int groupM;
    private final long kIter;
    private final long aBase = 0;
    private final long bBase;
    private final long cBase;
    private final int[] a;
    private final int[] bVal;
    private final int[] bIdx;
    private final int shift;
    private final Program program = new Program();
    private final long aHalfWords;
    private final long bHalfWords;
    private final long cHalfWords;
    private final boolean aResident;
    private final boolean bResident;
    private final boolean cResident;

    /** What a unit's compute instruction adds to the common words: flag bits of word 13 and words 15 on. */
    public interface UnitWords {
        long flags(TileWalk.Compute c);

        /** Words 15, 16, ... of the instruction, given the tile's row strides in the A, B and C buffers. */
        long[] extra(TileWalk.Compute c, long aStride, long bStride, long cStride);

        /** An array's: the fold counts along its rows and columns (words 16, 17). */
        static UnitWords array(NmArraySpec a) {
            return new UnitWords() {
                @Override
                public long flags(TileWalk.Compute c) {
                    return 0;
                }

                @Override
                public long[] extra(TileWalk.Compute c, long aStride, long bStride, long cStride) {
                    // fold counts along the rows and columns, then the fold steps of the addresses (instruction
                    // words 16..20: sc_seq_os.sv, sc_seq_ws.sv, sc_seq_is.sv)
                    long r = a.rows();
                    long cl = a.cols();
                    return switch (a.dataflow()) {
                        case OS -> new long[] {0, (c.tm() + r - 1) / r, (c.tn() + cl - 1) / cl, r * aStride, r * cStride};
                        case WS -> new long[] {0, (c.tk() + r - 1) / r, (c.tn() + cl - 1) / cl, r * bStride};
                        case IS -> new long[] {0, (c.tk() + r - 1) / r, (c.tm() + cl - 1) / cl, r * bStride, cl * aStride,
                            cl * cStride};
                    };
                }
            };
        }
    }

    /**
     * @param width the engine's operand width (DRAM words hold operands sign-extended to it)
     * @param unit  the unit's part of the tile cost (the walk is the model's)
     * @param words the unit's part of the compute instructions
     */
    public GemmLayer(GemmWork w, boolean sparseMode, TilePlan plan, BufferSpec buffer, DramModel dram, long latency,
                     OnChip onChip, TileWalk.TileCost unit, int width, long seed, UnitWords words) {
        if (w.quant() != null) {
            throw new IllegalArgumentException("progressive quantisation (fractional bits per weight) is not in the RTL engines");
        }
        if (w.actBits() > width || w.bBits() > width) {
            throw new IllegalArgumentException("operands of " + Math.max(w.actBits(), w.bBits()) + " bits exceed the unit's "
                    + width + "-bit datapath");
        }
        this.w = w;
        this.aResident = onChip.input(0);
        this.bResident = !w.bIsWeight() && onChip.input(1);
        this.cResident = onChip.output();
        this.sparse = sparseMode;
        this.width = width;
        this.groupN = sparseMode ? w.nm().n() : 1;
        this.groupM = sparseMode ? w.nm().m() : 1;
        if (Integer.bitCount(groupN) != 1) {
            throw new IllegalArgumentException("the RTL PE groups compressed rows by shifts: N must be a power of two, got "
                    + w.nm().ratio());
        }
        long[] dims = Tiler.dims(w, sparseMode);
        this.kIter = dims[1];
        long bCopies = w.bIsWeight() ? 1 : w.batch();
        this.bBase = w.batch() * w.m() * w.k();
        this.cBase = bBase + bCopies * kIter * w.n();
        SplittableRandom rng = new SplittableRandom(seed);
        this.a = new int[(int) checkedSize(w.batch() * w.m() * w.k(), "A")];
        for (int i = 0; i < a.length; i++) {
            a[i] = signed(rng, w.actBits());
        }
        this.bVal = new int[(int) checkedSize(bCopies * kIter * w.n(), "B")];
        this.bIdx = new int[bVal.length];
        fillB(rng, bCopies);
        this.shift = roundingShift();
        long maxDlen = 0;
        long tk = plan.tile().k();
        for (long k0 = 0; k0 < kIter; k0 += tk) {
            long t = Math.min(tk, kIter - k0);
            maxDlen = Math.max(maxDlen, ((k0 + t - 1) / groupN + 1) * groupM - k0 / groupN * groupM);
        }
        this.aHalfWords = Math.min(plan.tile().m(), w.m()) * maxDlen;
        this.bHalfWords = Math.min(tk, kIter) * Math.min(plan.tile().n(), w.n());
        this.cHalfWords = Math.min(plan.tile().m(), w.m()) * Math.min(plan.tile().n(), w.n());
        int lgN = Integer.numberOfTrailingZeros(groupN);
        int lgM = Integer.numberOfTrailingZeros(groupM);
        int bBits = w.bBits() + (sparseMode ? w.nm().indexBits() : 0);
        TileWalk.walk(w, sparseMode, plan.tile(), plan.loopOrder(), buffer, dram, latency, onChip, unit, new TileWalk.Sink() {
            @Override
            public void load(TileWalk.Load l) {
                if (l.operand() == 0) {
                    program.dma(1, l.waitTiles(), aBase + (l.batch() * w.m() + l.row0()) * w.k() + l.col0(), l.rows(),
                            l.cols(), w.k(), l.half() * aHalfWords, l.cols(), w.actBits(), 0, 0);
                } else {
                    long copy = w.bIsWeight() ? 0 : l.batch();
                    program.dma(2, l.waitTiles(), bBase + (copy * kIter + l.row0()) * w.n() + l.col0(), l.rows(), l.cols(),
                            w.n(), l.half() * bHalfWords, l.cols(), bBits, 0, 0);
                }
            }

            @Override
            public void compute(TileWalk.Compute c) {
                // a fused operand sits whole in its buffer (row-major, as in DRAM), so the tile is read in place
                long aAt = aResident ? (c.batch() * w.m() + c.m0()) * w.k() + c.d0() : c.aHalf() * aHalfWords;
                long aStride = aResident ? w.k() : c.dlen();
                long bCopy = w.bIsWeight() ? 0 : c.batch();
                long bAt = bResident ? (bCopy * kIter + c.k0()) * w.n() + c.n0() : c.bHalf() * bHalfWords;
                long bStride = bResident ? w.n() : c.tn();
                long cAt = cResident ? (c.batch() * w.m() + c.m0()) * w.n() + c.n0() : c.cHalf() * cHalfWords;
                long cStride = cResident ? w.n() : c.tn();
                long[] head = {1, c.waitLoads(), c.waitStores(), c.tm(), c.tk(), c.tn(), aAt, aStride, c.d0(), bAt, bStride,
                        cAt, cStride, (c.firstK() || c.carryIn() ? 1 : 0) | (c.carryIn() ? 2 : 0) | (c.carryOut() ? 4 : 0)
                                | (lgN << 8) | (lgM << 12) | words.flags(c), c.k0()};
                long[] extra = words.extra(c, aStride, bStride, cStride);
                long[] all = java.util.Arrays.copyOf(head, head.length + extra.length);
                System.arraycopy(extra, 0, all, head.length, extra.length);
                program.compute(all);
            }

            @Override
            public void store(TileWalk.Store s) {
                program.dma(3, s.waitTiles(), cBase + (s.batch() * w.m() + s.row0()) * w.n() + s.col0(), s.rows(), s.cols(),
                        w.n(), s.half() * cHalfWords, s.cols(), w.actBits(), shift, w.actBits());
            }
        });
    }

    private static long checkedSize(long n, String what) {
        if (n > (1L << 27)) {
            throw new IllegalArgumentException(what + " of " + n + " elements is too large for a layer run (at most 2^27)");
        }
        return n;
    }

    static int signed(SplittableRandom rng, int bits) {
        return rng.nextInt(1 << bits) - (1 << (bits - 1));
    }

    /** B: N:M weights keep N distinct positions per group of M along k (stored compressed when sparse). */
    private void fillB(SplittableRandom rng, long copies) {
        long n = w.n();
        for (long c = 0; c < copies; c++) {
            long base = c * kIter * n;
            if (w.nm() == null) {
                for (long i = 0; i < kIter * n; i++) {
                    bVal[(int) (base + i)] = signed(rng, w.bBits());
                }
                continue;
            }
            int nn = w.nm().n();
            int mm = w.nm().m();
            long groups = w.k() / mm;
            for (long col = 0; col < n; col++) {
                for (long g = 0; g < groups; g++) {
                    int[] pos = positions(rng, nn, mm);
                    for (int u = 0; u < nn; u++) {
                        int v = signed(rng, w.bBits());
                        long row = sparse ? g * nn + u : g * mm + pos[u];
                        bVal[(int) (base + row * n + col)] = v;
                        bIdx[(int) (base + row * n + col)] = sparse ? pos[u] : 0;
                    }
                }
            }
        }
    }

    private static int[] positions(SplittableRandom rng, int n, int m) {
        int[] all = new int[m];
        for (int i = 0; i < m; i++) {
            all[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(m - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] p = java.util.Arrays.copyOf(all, n);
        java.util.Arrays.sort(p);
        return p;
    }

    /** A shift that keeps about three standard deviations of the sums within the output width. */
    private int roundingShift() {
        double sa = (1 << (w.actBits() - 1)) / Math.sqrt(3);
        double sb = (1 << (w.bBits() - 1)) / Math.sqrt(3);
        double sigma = Math.sqrt((double) w.k() * (w.nm() == null ? 1 : w.nm().density())) * sa * sb;
        int need = (int) Math.ceil(Math.log(3 * sigma + 1) / Math.log(2));
        return Math.max(0, Math.min(31, need - (w.actBits() - 1)));
    }

    public int shift() {
        return shift;
    }

    public Program program() {
        return program;
    }

    /** DRAM words the layout needs. */
    public long dramWords() {
        return cBase + w.batch() * w.m() * w.n();
    }

    /** Buffer words the program uses in the A, B and C memories (both halves, or the fused tensor held whole). */
    public long[] bufferWords() {
        long bCopies = w.bIsWeight() ? 1 : w.batch();
        return new long[] {aResident ? (long) a.length : 2 * aHalfWords,
            bResident ? bCopies * kIter * w.n() : 2 * bHalfWords,
            cResident ? w.batch() * w.m() * w.n() : 2 * cHalfWords};
    }

    /** Whether the output stays on chip (fused): it is read back from the C buffer, as exact sums. */
    public boolean outputOnChip() {
        return cResident;
    }

    /** First DRAM word of the output, or an empty range when the output stays on chip. */
    public long outputLo() {
        return cResident ? 1 : cBase;
    }

    public long outputHi() {
        return cResident ? 0 : cBase + w.batch() * w.m() * w.n() - 1;
    }

    /** The fused operands the engine's A (0) and B (1) buffers hold at the start. */
    public Map<Integer, Map<Long, long[]>> bufferImages() {
        Map<Integer, Map<Long, long[]>> img = new LinkedHashMap<>();
        if (aResident) {
            img.put(0, Map.of(0L, aWords()));
        }
        if (bResident) {
            img.put(1, Map.of(0L, bWords()));
        }
        return img;
    }

    /** The C-buffer range to read back: the whole output when it stays on chip. */
    public Map<Integer, long[]> bufferDumps() {
        return cResident ? Map.of(2, new long[] {0, w.batch() * w.m() * w.n() - 1}) : Map.of();
    }

    /** The DRAM image of the operands that do not stay on chip: address to words. */
    public Map<Long, long[]> dramImage() {
        Map<Long, long[]> img = new LinkedHashMap<>();
        if (!aResident) {
            img.put(aBase, aWords());
        }
        if (!bResident) {
            img.put(bBase, bWords());
        }
        return img;
    }

    private long[] aWords() {
        long mask = (1L << width) - 1;
        long[] av = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            av[i] = a[i] & mask;
        }
        return av;
    }

    private long[] bWords() {
        long mask = (1L << width) - 1;
        long[] bv = new long[bVal.length];
        for (int i = 0; i < bVal.length; i++) {
            bv[i] = ((long) bIdx[i] << width) | (bVal[i] & mask);
        }
        return bv;
    }

    /** Exact sums (32-bit, wrapping as the accumulators do), batch·m x n row-major. */
    public int[] expectedSums() {
        long m = w.m();
        long n = w.n();
        long k = w.k();
        int[] c = new int[(int) (w.batch() * m * n)];
        long[] acc = new long[(int) n];
        for (long b = 0; b < w.batch(); b++) {
            long bOff = (w.bIsWeight() ? 0 : b) * kIter * n;
            for (long i = 0; i < m; i++) {
                java.util.Arrays.fill(acc, 0);
                long aRow = (b * m + i) * k;
                for (long kc = 0; kc < kIter; kc++) {
                    long row = bOff + kc * n;
                    long dense = kc / groupN * groupM;
                    for (int col = 0; col < n; col++) {
                        int v = bVal[(int) (row + col)];
                        if (v != 0) {
                            acc[col] += (long) v * a[(int) (aRow + dense + bIdx[(int) (row + col)])];
                        }
                    }
                }
                for (int col = 0; col < n; col++) {
                    c[(int) ((b * m + i) * n + col)] = (int) acc[col];
                }
            }
        }
        return c;
    }

    /** A sum rounded to the output width as the DMA's store does. */
    public int round(int sum) {
        int s = sum >> shift;
        int hi = (1 << (w.actBits() - 1)) - 1;
        return Math.max(-hi - 1, Math.min(hi, s));
    }
}
