package io.sparcade.dataflow;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The (query, key) pairs a sparse-attention pattern keeps, over the rows (queries) x keys plane of one attention
 * head group. Row r is query position p = floor(r / group) + offset (grouped-query heads share a position); it
 * sees keys [firstKey(p), p] (causal, and a model's own sliding window), and keeps those of its pattern: sink keys
 * [0, sink), a local window (p - window, p], vertical lines (key columns), slash lines (keys p - o for offsets o),
 * and kept blocks of {@code block} positions x {@code block} keys. Built by {@link AttentionPatterns}; a value
 * (the cache of resolved grids is a memo, not state).
 *
 * <p>Counts are exact. The union of a run of positions' keys, clipped to [firstKey(first), last], is what a cell of
 * several rows needs: every structure above is monotone in p, so that union is exact.
 */
public final class AttentionMask implements PairMask {
    /** Largest grid (cells) resolved once and kept; larger ones are resolved tile by tile. */
    private static final long GRID_LIMIT = 1L << 27;

    private final long rows;
    private final long keys;
    private final long group;
    private final long offset;
    private final long modelWindow;
    private final long sink;
    private final long window;
    private final long[] verticals;
    private final long[] slashes;
    private final long block;
    private final BitSet blocks;
    private final long keyBlocks;
    private final String granularity;
    private final Map<Long, long[][]> grids = new ConcurrentHashMap<>();
    private volatile double total = -1;

    /**
     * @param rows        query rows
     * @param keys        keys
     * @param group       query rows per position, >= 1
     * @param offset      position of the first query row
     * @param modelWindow the model's own sliding window (0: none)
     * @param sink        initial keys kept (0: none)
     * @param window      local window kept (0: none)
     * @param verticals   kept key columns, sorted
     * @param slashes     kept diagonal offsets p - key, sorted
     * @param block       block edge (positions and keys), or 0 without blocks
     * @param blocks      kept blocks, bit qb x keyBlocks + kb, qb = p / block, kb = key / block
     * @param granularity the pattern's own granularity, for reports
     */
    AttentionMask(long rows, long keys, long group, long offset, long modelWindow, long sink, long window,
                  long[] verticals, long[] slashes, long block, BitSet blocks, String granularity) {
        this.rows = rows;
        this.keys = keys;
        this.group = group;
        this.offset = offset;
        this.modelWindow = modelWindow;
        this.sink = sink;
        this.window = window;
        this.verticals = verticals.clone();
        this.slashes = slashes.clone();
        this.block = block;
        this.blocks = blocks == null ? new BitSet() : (BitSet) blocks.clone();
        this.keyBlocks = block == 0 ? 0 : (keys + block - 1) / block;
        this.granularity = granularity;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public long cols() {
        return keys;
    }

    long position(long row) {
        return row / group + offset;
    }

    /** The first key position p sees (the model's window), 0 without one. */
    long firstKey(long p) {
        return modelWindow == 0 ? 0 : Math.max(0, p - modelWindow + 1);
    }

    /** Keys the pattern keeps for positions [p0, p1] (union), within [c0, c1), marked as bits (key - c0) / q. */
    void mark(long p0, long p1, long c0, long c1, long q, long[] bits) {
        long lo = Math.max(c0, firstKey(p0));
        long hi = Math.min(c1, Math.min(keys, p1 + 1));
        if (hi <= lo) {
            return;
        }
        if (sink > 0) {
            range(bits, lo, Math.min(hi, sink), c0, q);
        }
        if (window > 0) {
            range(bits, Math.max(lo, p0 - window + 1), hi, c0, q);
        }
        int v = lowerBound(verticals, lo);
        for (; v < verticals.length && verticals[v] < hi; v++) {
            long b = (verticals[v] - c0) / q;
            bits[(int) (b >>> 6)] |= 1L << b;
        }
        for (long o : slashes) {
            if (p0 - o >= hi) {
                continue; // larger offsets come later: keys p - o fall below hi
            }
            if (p1 - o < lo) {
                break;    // offsets are sorted: every further line is further left
            }
            range(bits, Math.max(lo, p0 - o), Math.min(hi, p1 - o + 1), c0, q);
        }
        if (block > 0) {
            for (long qb = p0 / block; qb <= p1 / block; qb++) {
                long last = Math.min(p1, qb * block + block - 1);      // the block's last position in the run
                long first = Math.max(p0, qb * block);
                long bl = Math.max(lo, firstKey(first));
                long bh = Math.min(hi, last + 1);
                for (long kb = bl / block; kb * block < bh; kb++) {
                    if (blocks.get((int) (qb * keyBlocks + kb))) {
                        range(bits, Math.max(bl, kb * block), Math.min(bh, kb * block + block), c0, q);
                    }
                }
            }
        }
    }

    private static void range(long[] bits, long from, long to, long c0, long q) {
        if (to <= from) {
            return;
        }
        long a = (from - c0) / q;
        long b = (to - 1 - c0) / q;
        for (long i = a; i <= b; ) {
            int w = (int) (i >>> 6);
            long end = Math.min(b, (i | 63));
            long mask = (end - (i & ~63L) == 63 ? -1L : (1L << (end - (i & ~63L) + 1)) - 1) & (-1L << (i & 63));
            bits[w] |= mask;
            i = end + 1;
        }
    }

    private static int lowerBound(long[] a, long x) {
        int i = Arrays.binarySearch(a, x);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && a[i - 1] == x) {
            i--;
        }
        return i;
    }

    private static long popcount(long[] bits) {
        long n = 0;
        for (long w : bits) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** Keys position p keeps within [c0, c1). */
    long keptOf(long p, long c0, long c1) {
        long[] bits = new long[(int) ((c1 - c0 + 63) >>> 6)];
        mark(p, p, c0, c1, 1, bits);
        return popcount(bits);
    }

    @Override
    public double kept(long r0, long r1, long c0, long c1) {
        if (r1 <= r0 || c1 <= c0) {
            return 0;
        }
        double n = 0;
        for (long r = r0; r < r1; ) {
            long p = position(r);
            long end = Math.min(r1, (p - offset + 1) * group);
            n += (double) (end - r) * keptOf(p, c0, c1);
            r = end;
        }
        return n;
    }

    @Override
    public double keptTotal() {
        if (total < 0) {
            total = kept(0, rows, 0, keys);
        }
        return total;
    }

    @Override
    public double keptColumns(long r0, long r1, long c0, long c1) {
        if (r1 <= r0 || c1 <= c0) {
            return 0;
        }
        long[] bits = new long[(int) ((c1 - c0 + 63) >>> 6)];
        mark(position(r0), position(r1 - 1), c0, c1, 1, bits);
        return popcount(bits);
    }

    @Override
    public double keptCellArea(long r0, long r1, long c0, long c1, long qr, long qc) {
        long rowCells = (rows + qr - 1) / qr;
        long colCells = (keys + qc - 1) / qc;
        long[][] grid = rowCells * colCells <= GRID_LIMIT ? grids.computeIfAbsent(qr * 1_000_003L + qc, k -> grid(qr, qc)) : null;
        double area = 0;
        for (long a = r0; a < r1; ) {
            long cell = a / qr;
            long b = Math.min(r1, (cell + 1) * qr);
            long[] bits = grid != null ? grid[(int) cell] : rowCell(cell, qr, qc);
            // column cells of [c0, c1): full ones count qc, the clipped first and last their overlap
            long f = c0 / qc;
            long l = (c1 - 1) / qc;
            long width = 0;
            for (long j = f; j <= l; j++) {
                if ((bits[(int) (j >>> 6)] & (1L << j)) != 0) {
                    width += Math.min(c1, (j + 1) * qc) - Math.max(c0, j * qc);
                }
            }
            area += (double) (b - a) * width;
            a = b;
        }
        return area;
    }

    private long[] rowCell(long cell, long qr, long qc) {
        long[] bits = new long[(int) ((((keys + qc - 1) / qc) + 63) >>> 6)];
        long r0 = cell * qr;
        long r1 = Math.min(rows, r0 + qr);
        mark(position(r0), position(r1 - 1), 0, keys, qc, bits);
        return bits;
    }

    private long[][] grid(long qr, long qc) {
        long rowCells = (rows + qr - 1) / qr;
        long[][] g = new long[(int) rowCells][];
        for (int i = 0; i < rowCells; i++) {
            g[i] = rowCell(i, qr, qc);
        }
        return g;
    }

    @Override
    public String granularity() {
        return granularity;
    }

    /** Vertical lines kept. */
    public int verticalLines() {
        return verticals.length;
    }

    /** Slash lines kept. */
    public int slashLines() {
        return slashes.length;
    }

    /** Kept blocks. */
    public int keptBlocks() {
        return blocks.cardinality();
    }

    @Override
    public String toString() {
        return "AttentionMask[" + rows + "x" + keys + ", " + granularity + ", kept " + keptTotal() + "]";
    }
}
