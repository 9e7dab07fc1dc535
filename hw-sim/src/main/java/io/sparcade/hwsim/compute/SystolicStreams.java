package io.sparcade.hwsim.compute;

import io.sparcade.hwsim.memory.OperandStreams;
import io.sparcade.model.arch.Dataflow;

/**
 * What a systolic array asks of its operand memories, cycle by cycle, for one GEMM (or convolution as im2col):
 * the ifmap (A, M x K) and filter (B, K x N) elements it reads in each cycle, the ofmap (C, M x N) elements it
 * writes, and the order in which a prefetcher brings each input operand in. This is SCALE-Sim v3's dataflow
 * (scalesim/compute/systolic_compute_{os,ws,is}.py at commit fab89b7), restated, not copied:
 *
 * <p>The GEMM maps to spatial rows Sr, spatial columns Sc and a temporal length T (OS: Sr=M, Sc=N, T=K; WS:
 * Sr=K, Sc=N, T=M; IS: Sr=K, Sc=M, T=N). Folds of R x C are walked column fold outer, row fold inner; a fold
 * takes T+R+C-2 cycles (OS) or 2R+C+T-2 (WS, IS). Within a fold an operand that enters from an array edge is
 * skewed (column j one cycle behind column j-1); the stationary operand of WS (filter) and IS (ifmap) is loaded in
 * the fold's first R cycles, its last row first. OS and WS read the ifmap again in every column fold, IS the
 * filter; WS and IS write every row fold's partial sums (M·N·ceil(K/R) words, never read back).
 *
 * <p>Prefetch order: each fold's slice once, stacked fold by fold; the skewed operands (OS ifmap and filter, WS
 * ifmap, IS filter) in anti-diagonal order of the stack (so a skewed cycle's reads are near each other), the
 * stationary ones (WS filter, IS ifmap) row by row. Partial folds are padded with empty slots.
 *
 * <p>Addresses only identify elements: an ifmap element read by several convolution windows has one address.
 */
public final class SystolicStreams implements OperandStreams {
    /** How ifmap elements are addressed: a GEMM's A is M x K distinct elements, a convolution's im2col repeats them. */
    public interface IfmapAddressing {
        /** Address of A[p][k], or -1 when the window element lies outside the input (no request). */
        int address(long p, long k);

        /** Addresses are in [0, space). */
        long space();

        /** Distinct addresses the layer reads. */
        long distinct();
    }

    /** A GEMM's A: element (p, k) at p·K + k. */
    public static IfmapAddressing gemm(long m, long k) {
        return new IfmapAddressing() {
            @Override
            public int address(long p, long kk) {
                return (int) (p * k + kk);
            }

            @Override
            public long space() {
                return m * k;
            }

            @Override
            public long distinct() {
                return m * k;
            }
        };
    }

    /**
     * A convolution's im2col A: row p is output pixel (b, oy, ox), column k is window element (ky, kx, c) with the
     * channel fastest, as SCALE-Sim orders them (operand_matrix.py:189-222); an input element is at
     * ((b·H + y)·W + x)·C + c, and a window element outside the (padded) input is no request.
     */
    public static IfmapAddressing conv(long batch, long channels, long inH, long inW, long kernelH, long kernelW,
                                       long stride, long padding, long outH, long outW) {
        long rows = covered(outH, kernelH, stride, padding, inH);
        long cols = covered(outW, kernelW, stride, padding, inW);
        return new IfmapAddressing() {
            // per output pixel: the window's top-left input row and column and its address; per window element:
            // its row and column in the window and its offset (built on first use: sizes are checked first)
            private int[] py;
            private int[] px;
            private long[] pBase;
            private int[] ky;
            private int[] kx;
            private long[] kOff;

            private void tables() {
                int pixels = (int) (batch * outH * outW);
                int window = (int) (kernelH * kernelW * channels);
                py = new int[pixels];
                px = new int[pixels];
                pBase = new long[pixels];
                for (int p = 0; p < pixels; p++) {
                    long b = p / (outH * outW);
                    long q = p % (outH * outW);
                    py[p] = (int) (q / outW * stride - padding);
                    px[p] = (int) (q % outW * stride - padding);
                    pBase[p] = ((b * inH + py[p]) * inW + px[p]) * channels;
                }
                ky = new int[window];
                kx = new int[window];
                kOff = new long[window];
                for (int k = 0; k < window; k++) {
                    ky[k] = (int) (k / (kernelW * channels));
                    kx[k] = (int) (k / channels % kernelW);
                    kOff[k] = (ky[k] * inW + kx[k]) * channels + k % channels;
                }
            }

            @Override
            public int address(long p, long k) {
                if (py == null) {
                    tables();
                }
                int pp = (int) p;
                int kk = (int) k;
                int y = py[pp] + ky[kk];
                int x = px[pp] + kx[kk];
                if (y < 0 || y >= inH || x < 0 || x >= inW) {
                    return -1;
                }
                return (int) (pBase[pp] + kOff[kk]);
            }

            @Override
            public long space() {
                return batch * inH * inW * channels;
            }

            @Override
            public long distinct() {
                return batch * rows * cols * channels;
            }
        };
    }

    /** Input rows (or columns) some window covers: the union of [o·s - pad, o·s - pad + kernel) within [0, in). */
    static long covered(long out, long kernel, long stride, long padding, long in) {
        long count = 0;
        long next = 0; // first index not yet counted
        for (long o = 0; o < out; o++) {
            long from = Math.max(Math.max(0, o * stride - padding), next);
            long to = Math.min(in, o * stride - padding + kernel);
            if (to > from) {
                count += to - from;
                next = to;
            }
        }
        return count;
    }

    private final int r;
    private final int c;
    private final Dataflow df;
    private final long m;
    private final long k;
    private final long n;
    private final IfmapAddressing im;
    private final long sr;
    private final long sc;
    private final long t;
    private final long rowFolds;
    private final long colFolds;
    private final long rowsPerFold;

    public SystolicStreams(int rows, int cols, Dataflow dataflow, long m, long k, long n, IfmapAddressing ifmap) {
        this.r = rows;
        this.c = cols;
        this.df = dataflow;
        this.m = m;
        this.k = k;
        this.n = n;
        this.im = ifmap;
        switch (dataflow) {
            case OS -> {
                sr = m;
                sc = n;
                t = k;
            }
            case WS -> {
                sr = k;
                sc = n;
                t = m;
            }
            default -> {
                sr = k;
                sc = m;
                t = n;
            }
        }
        rowFolds = ceilDiv(sr, rows);
        colFolds = ceilDiv(sc, cols);
        rowsPerFold = dataflow == Dataflow.OS ? t + rows + cols - 2 : 2L * rows + cols + t - 2;
    }

    private int fm(long kk, long nn) {
        return (int) (nn * k + kk);
    }

    @Override
    public long rows() {
        return rowFolds * colFolds * rowsPerFold;
    }

    @Override
    public int width(int operand) {
        boolean rowEdge = switch (df) {
            case OS, WS -> operand == IFMAP;
            case IS -> operand == FILTER;
        };
        return rowEdge ? r : c;
    }

    @Override
    public void demand(int operand, long row, int[] out) {
        long fold = row / rowsPerFold;
        long tt = row % rowsPerFold;
        long fc = fold / rowFolds;
        long fr = fold % rowFolds;
        java.util.Arrays.fill(out, -1);
        switch (df) {
            case OS -> {
                // column j reads element t-j of its row (ifmap) or column (filter) of the fold
                int lo = (int) Math.max(0, tt - t + 1);
                if (operand == IFMAP) {
                    int hi = (int) Math.min(Math.min(r, tt + 1), sr - fr * r);
                    for (int j = lo; j < hi; j++) {
                        out[j] = im.address(fr * r + j, tt - j);
                    }
                } else {
                    int hi = (int) Math.min(Math.min(c, tt + 1), sc - fc * c);
                    for (int j = lo; j < hi; j++) {
                        out[j] = fm(tt - j, fc * c + j);
                    }
                }
            }
            case WS -> {
                if (operand == IFMAP) {
                    // after R cycles of weight loading, column j reads row t-R-j of A at reduction index fr·R+j
                    int lo = (int) Math.max(0, tt - r - t + 1);
                    int hi = (int) Math.min(Math.min(r, tt - r + 1), sr - fr * r);
                    for (int j = lo; j < hi; j++) {
                        out[j] = im.address(tt - r - j, fr * r + j);
                    }
                } else if (tt < r && fr * r + (r - 1 - tt) < sr) {
                    // the fold's weights, its last row first, one row per cycle
                    long kk = fr * r + (r - 1 - tt);
                    int hi = (int) Math.min(c, sc - fc * c);
                    for (int j = 0; j < hi; j++) {
                        out[j] = fm(kk, fc * c + j);
                    }
                }
            }
            default -> {
                if (operand == IFMAP) {
                    if (tt < r && fr * r + (r - 1 - tt) < sr) {
                        // the fold's inputs, its last row first, one row per cycle
                        long kk = fr * r + (r - 1 - tt);
                        int hi = (int) Math.min(c, sc - fc * c);
                        for (int j = 0; j < hi; j++) {
                            out[j] = im.address(fc * c + j, kk);
                        }
                    }
                } else {
                    // after R loading cycles, column j reads column t-R-j of B at reduction index fr·R+j
                    int lo = (int) Math.max(0, tt - r - t + 1);
                    int hi = (int) Math.min(Math.min(r, tt - r + 1), sr - fr * r);
                    for (int j = lo; j < hi; j++) {
                        out[j] = fm(fr * r + j, tt - r - j);
                    }
                }
            }
        }
    }

    @Override
    public int writes(long row) {
        long fold = row / rowsPerFold;
        long tt = row % rowsPerFold;
        long fc = fold / rowFolds;
        long fr = fold % rowFolds;
        long jmax = Math.min(c, sc - fc * c);
        long ulo;
        long uhi;
        if (df == Dataflow.OS) {
            // the fold's outputs leave after its T-1 cycles, its last row first: array row R-1-v in cycle T-1+v
            long valid = Math.min(r, sr - fr * r);
            uhi = t - 1 + r;
            ulo = uhi - valid;
        } else {
            ulo = 2L * r - 1;
            uhi = ulo + t;
        }
        long lo = Math.max(0, tt - uhi + 1);
        long hi = Math.min(jmax - 1, tt - ulo);
        return (int) Math.max(0, hi - lo + 1);
    }

    @Override
    public long prefetchLength(int operand) {
        long[] s = stackShape(operand);
        return s[0] * s[1];
    }

    /** Rows and columns of the stacked prefetch matrix, and whether it is walked by anti-diagonals. */
    private long[] stackShape(int operand) {
        return switch (df) {
            case OS -> operand == IFMAP ? new long[] {rowFolds * t, r, 1} : new long[] {colFolds * t, c, 1};
            case WS -> operand == IFMAP ? new long[] {rowFolds * t, r, 1} : new long[] {colFolds * k, c, 0};
            case IS -> operand == IFMAP ? new long[] {colFolds * k, c, 0} : new long[] {rowFolds * t, r, 1};
        };
    }

    private int stacked(int operand, long row, long j) {
        switch (df) {
            case OS -> {
                if (operand == IFMAP) {
                    long p = row / t * r + j;
                    return p < sr ? im.address(p, row % t) : -1;
                }
                long nn = row / t * c + j;
                return nn < sc ? fm(row % t, nn) : -1;
            }
            case WS -> {
                if (operand == IFMAP) {
                    long kk = row / t * r + j;
                    return kk < sr ? im.address(row % t, kk) : -1;
                }
                long nn = row / k * c + j;
                return nn < sc ? fm(row % k, nn) : -1;
            }
            default -> {
                if (operand == IFMAP) {
                    long p = row / k * c + j;
                    return p < sc ? im.address(p, row % k) : -1;
                }
                long kk = row / t * r + j;
                return kk < sr ? fm(kk, row % t) : -1;
            }
        }
    }

    @Override
    public void prefetch(int operand, AddressSink sink) {
        long[] s = stackShape(operand);
        long rows = s[0];
        long cols = s[1];
        if (s[2] == 0) {
            for (long i = 0; i < rows; i++) {
                for (long j = 0; j < cols; j++) {
                    sink.accept(stacked(operand, i, j));
                }
            }
            return;
        }
        for (long d = 0; d < rows + cols - 1; d++) {
            long top = Math.min(d, rows - 1);
            long bottom = Math.max(0, d - cols + 1);
            for (long i = top; i >= bottom; i--) {
                sink.accept(stacked(operand, i, d - i));
            }
        }
    }

    @Override
    public long addressSpace(int operand) {
        return operand == IFMAP ? im.space() : k * n;
    }

    @Override
    public long distinct(int operand) {
        return operand == IFMAP ? im.distinct() : k * n;
    }

    static long ceilDiv(long x, long y) {
        return (x + y - 1) / y;
    }
}
