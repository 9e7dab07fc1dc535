package io.sparcade.scheduler;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.ComputeUnitSpec;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.DspChainSpec;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.Tile;

/**
 * Chooses tile sizes that fit a unit's buffer. Only the dimensions the unit maps spatially are cut, at
 * multiples of the array's rows/columns, so tiling adds no fill/drain (an array's compute cycles then equal
 * SCALE-Sim's for the whole layer); the temporal dimension is cut only when nothing else fits. A node that
 * fits whole is still cut (spatially) into at least {@link #STREAM_TILES} tiles where its dimensions allow, so
 * that its operands stream through the double buffer: transfers overlap compute instead of preceding it.
 */
public final class Tiler {
    /** Bytes per accumulator element (32-bit partial sums). */
    public static final int ACC_BYTES = 4;

    /**
     * Tiles a node is streamed in at least, when its spatial dimensions allow: with T equal tiles the
     * double-buffered pipeline exposes 1/T of the shorter of transfer and compute (estimate: 16 keeps that
     * under about 6% without making tiles smaller than a fold).
     */
    public static final int STREAM_TILES = 16;

    private Tiler() {
    }

    /** Sizes the unit iterates: m, k (compressed when sparse), n of one GEMM of the batch. */
    public static long[] dims(GemmWork w, boolean sparseMode) {
        return new long[] {w.m(), sparseMode ? w.effectiveK() : w.k(), w.n()};
    }

    /**
     * Per dimension (m, k, n): the granularity a spatial cut must respect, or 0 for the temporal dimension. DSP
     * chains cover chains x segments columns a cycle (all chains share one activation broadcast, each segment
     * computes its own column, RTL-checked: sc_csd_seq.sv), so a narrower n tile leaves segments idle.
     */
    public static long[] granularity(ComputeUnitSpec unit, GemmWork w, boolean sparseMode) {
        if (unit instanceof NmArraySpec a) {
            Dataflow df = a.dataflow();
            if (df == Dataflow.OS) {
                return new long[] {a.rows(), 0, a.cols()};
            }
            if (df == Dataflow.WS) {
                return new long[] {0, a.rows(), a.cols()};
            }
            return new long[] {a.cols(), a.rows(), 0};
        }
        if (unit instanceof DspChainSpec d) {
            long k = sparseMode ? w.effectiveK() : w.k();
            return new long[] {d.int8Packing() ? 2 : 1, 0, d.columnsPerCycle(k, sparseMode ? w.nm().n() : 0)};
        }
        return new long[] {1, 0, 1};
    }

    /**
     * Buffer bytes a tile needs: its A, B and 32-bit accumulator tiles, twice when the buffer double-buffers
     * them (the accumulators of one output tile are stored while the next accumulates, as the RTL engines do).
     * An N:M tile's A holds every activation of the groups of M its tk compressed positions touch: up to
     * (ceil(tk/N) + 1) x M when tk is not a whole number of groups.
     */
    public static long footprint(GemmWork w, boolean sparseMode, long tm, long tk, long tn, boolean doubleBuffered) {
        long denseK = sparseMode ? (ceilDiv(tk, w.nm().n()) + (tk % w.nm().n() == 0 ? 0 : 1)) * w.nm().m() : tk;
        long a = ceilDiv(tm * denseK * w.actBits(), 8);
        int bBits = w.bBits() + (sparseMode ? w.nm().indexBits() : 0);
        long b = ceilDiv(tk * tn * bBits, 8);
        return (doubleBuffered ? 2 : 1) * (a + b + tm * tn * ACC_BYTES);
    }

    /** Bytes one tile loads at most: its A and B tiles. */
    static long loadBytes(GemmWork w, boolean sparseMode, long[] t) {
        int bBits = w.bBits() + (sparseMode ? w.nm().indexBits() : 0);
        return ceilDiv(t[0] * t[1] * w.actBits(), 8) + ceilDiv(t[1] * t[2] * bBits, 8);
    }

    /**
     * The part of a buffer one compute unit may tile against: the buffer is shared by every compute unit that
     * names it, so each gets an equal share of its capacity (a static partition; fused tensors kept on chip
     * take from the same capacity, see {@link ListScheduler}).
     */
    public static long budget(Architecture arch, String bufferName) {
        long users = 0;
        for (io.sparcade.model.arch.UnitSpec u : arch.units().values()) {
            if (u instanceof ComputeUnitSpec c && c.buffer().equals(bufferName)) {
                users++;
            }
        }
        BufferSpec b = (BufferSpec) arch.units().get(bufferName);
        return b.capacityBytes() / Math.max(1, users);
    }

    /**
     * The smallest tile transfer that hides the DRAM's latency behind the transfer before it: latency cycles x
     * achieved bytes per cycle. A double buffer cannot request a tile before its half is free, so a stream of
     * smaller tiles waits the latency once per tile (RTL-checked: sc_dma.sv with sc_dram_model.sv); streaming
     * cuts stop above it.
     */
    public static long streamFloorBytes(Architecture arch) {
        double clock = arch.clockMhz();
        long latencyCycles = (long) Math.ceil(arch.dram().latencyNs() * clock / 1000.0);
        return (long) Math.ceil(latencyCycles * arch.dram().effectiveBytesPerCycle(clock));
    }

    /**
     * Automatic tiling against {@code budget} bytes of the buffer (the unit's share); fails when even the
     * smallest tile does not fit. A partitioned buffer takes the whole node as one tile.
     */
    public static TilePlan plan(GemmWork w, ComputeUnitSpec unit, boolean sparseMode, String unitName,
                                String bufferName, BufferSpec buffer, long budget, String nodeName) {
        return plan(w, unit, sparseMode, unitName, bufferName, buffer, budget, nodeName, 0);
    }

    /**
     * Automatic tiling; streaming cuts (beyond what the buffer needs) stop before a tile's loads would fall
     * under {@code streamFloorBytes} ({@link #streamFloorBytes}). A partitioned buffer takes the whole node as
     * one tile.
     */
    public static TilePlan plan(GemmWork w, ComputeUnitSpec unit, boolean sparseMode, String unitName,
                                String bufferName, BufferSpec buffer, long budget, String nodeName, long streamFloorBytes) {
        long[] dims = dims(w, sparseMode);
        if (buffer.partitioned()) {
            // per-operand memories hold sliding windows of the whole layer (hw-sim's PartitionedMemory): no tiles
            return new TilePlan(new Tile(dims[0], dims[1], dims[2]), LoopOrder.MN, 0);
        }
        long cap = budget;
        boolean db = buffer.doubleBuffered();
        long[] t = dims.clone();
        long[] g = granularity(unit, w, sparseMode);
        boolean tied = false;
        while (footprint(w, sparseMode, t[0], t[1], t[2], db) > cap) {
            if (cutSpatial(t, g)) {
                continue;
            }
            long[] masked = tied ? null : fitTiedToMask(w, sparseMode, dims, g, cap, db);
            tied = true;
            if (masked != null) {
                t = masked;
                continue;
            }
            int pick = -1;
            for (int d = 0; d < 3; d++) {
                if (g[d] == 0 && t[d] > 1 && (pick < 0 || t[d] > t[pick])) {
                    pick = d;
                }
            }
            if (pick < 0) {
                throw new SpecException(nodeName, "no tile of '" + nodeName + "' fits buffer '" + bufferName + "' of unit '"
                        + unitName + "': the smallest (" + t[0] + "x" + t[1] + "x" + t[2] + ") needs "
                        + footprint(w, sparseMode, t[0], t[1], t[2], db) + " B, the unit's share of the buffer holds "
                        + cap + " B");
            }
            t[pick] = ceilDiv(t[pick], 2);
        }
        while (ceilDiv(dims[0], t[0]) * ceilDiv(dims[1], t[1]) * ceilDiv(dims[2], t[2]) < STREAM_TILES) {
            // keep cutting until the node streams in enough tiles, no spatial cut is left, or tiles would get too
            // small to hide the memory's latency
            long[] next = t.clone();
            if (!cutSpatial(next, g) || loadBytes(w, sparseMode, next) < streamFloorBytes) {
                break;
            }
            t = next;
        }
        alignToMask(w, t, g);
        Tile tile = new Tile(t[0], t[1], t[2]);
        return new TilePlan(tile, cheaperOrder(w, sparseMode, tile), footprint(w, sparseMode, t[0], t[1], t[2], db));
    }

    /**
     * The automatic tilings worth pricing, first the spatial-first {@link #plan} and then, where they differ from
     * it, the tilings that move the fewest off-chip bytes (see {@link #leanTiles}). The spatial-first rule alone
     * cuts the largest spatial dimension first: where one spatial dimension cannot be cut (a DSP chain's n in
     * N:M mode covers chains x segments columns a cycle) it cuts the other to its granularity, and the weights
     * are re-read once per row pair (llama2-7b q_proj prefill at 8:16 on flightllm-u280: 25.8 GB against dense's
     * 134 MB). {@link #choose} picks among them by the block model's cycles.
     */
    public static java.util.List<TilePlan> candidates(GemmWork w, ComputeUnitSpec unit, boolean sparseMode, String unitName,
                                                      String bufferName, BufferSpec buffer, long budget, String nodeName,
                                                      long streamFloorBytes) {
        TilePlan first = plan(w, unit, sparseMode, unitName, bufferName, buffer, budget, nodeName, streamFloorBytes);
        java.util.List<TilePlan> out = new java.util.ArrayList<>(3);
        out.add(first);
        if (buffer.partitioned()) {
            return out;
        }
        boolean db = buffer.doubleBuffered();
        for (long[] t : leanTiles(w, sparseMode, granularity(unit, w, sparseMode), budget, db, streamFloorBytes)) {
            Tile tile = new Tile(t[0], t[1], t[2]);
            if (out.stream().noneMatch(p -> p.tile().equals(tile))) {
                out.add(new TilePlan(tile, cheaperOrder(w, sparseMode, tile), footprint(w, sparseMode, t[0], t[1], t[2], db)));
            }
        }
        return out;
    }

    /**
     * The candidate with the fewest cycles by {@code cycles} (the block model's standalone estimate), then the
     * fewest off-chip bytes, then the earliest. A candidate the model refuses (e.g. a program too long to walk) is
     * passed over; if every one is refused, the first refusal is thrown.
     */
    public static TilePlan choose(java.util.List<TilePlan> candidates, GemmWork w, boolean sparseMode,
                                  java.util.function.ToLongFunction<TilePlan> cycles) {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        TilePlan best = null;
        long bestCycles = 0;
        double bestBytes = 0;
        SpecException refused = null;
        for (TilePlan p : candidates) {
            long c;
            try {
                c = cycles.applyAsLong(p);
            } catch (SpecException e) {
                refused = refused == null ? e : refused;
                continue;
            }
            double bytes = dramBytesEstimate(w, sparseMode, p.tile(), p.loopOrder());
            if (best == null || c < bestCycles || (c == bestCycles && bytes < bestBytes)) {
                best = p;
                bestCycles = c;
                bestBytes = bytes;
            }
        }
        if (best == null) {
            throw refused;
        }
        return best;
    }

    /**
     * Tiles that move the fewest off-chip bytes, searched over every spatial size the cuts can reach (each
     * spatial dimension halved at its granularity, as {@link #plan} cuts it) with, for each pair, the largest
     * temporal size on its halving chain that fits {@code cap} (off-chip bytes never grow with a tile dimension,
     * so a smaller temporal size cannot move fewer). Returns the fewest-bytes tile among those that stream
     * (at least {@link #STREAM_TILES} tiles, each loading at least {@code streamFloorBytes}), if any, then the
     * fewest-bytes tile of all; ties go to fewer tiles. A causal mask cuts each candidate as {@link #alignToMask}
     * does before it is compared. Empty when nothing fits.
     */
    static java.util.List<long[]> leanTiles(GemmWork w, boolean sparseMode, long[] g, long cap, boolean db,
                                            long streamFloorBytes) {
        long[] dims = dims(w, sparseMode);
        int temporal = -1;
        int s1 = -1;
        int s2 = -1;
        for (int d = 0; d < 3; d++) {
            if (g[d] == 0 && temporal < 0) {
                temporal = d;
            } else if (s1 < 0) {
                s1 = d;
            } else {
                s2 = d;
            }
        }
        if (temporal < 0 || s2 < 0) {
            return java.util.List.of();
        }
        long[] c1 = chain(dims[s1], g[s1]);
        long[] c2 = chain(dims[s2], g[s2]);
        long[] ct = chain(dims[temporal], 0);
        long[] streaming = null;
        double[] streamingKey = null;
        long[] any = null;
        double[] anyKey = null;
        long[] t = new long[3];
        for (long a : c1) {
            // the second dimension from its smallest size up: the largest fitting temporal size (index j into ct,
            // sizes descending) only shrinks as it grows, and once none fits no larger size fits either
            int j = 0;
            for (int i = c2.length - 1; i >= 0; i--) {
                t[s1] = a;
                t[s2] = c2[i];
                while (j < ct.length) {
                    t[temporal] = ct[j];
                    if (footprint(w, sparseMode, t[0], t[1], t[2], db) <= cap) {
                        break;
                    }
                    j++;
                }
                if (j == ct.length) {
                    break;
                }
                long[] cand = t.clone();
                alignToMask(w, cand, g);
                Tile tile = new Tile(cand[0], cand[1], cand[2]);
                double bytes = Math.min(dramBytesEstimate(w, sparseMode, tile, LoopOrder.MN),
                        dramBytesEstimate(w, sparseMode, tile, LoopOrder.NM));
                double tiles = (double) ceilDiv(dims[0], cand[0]) * ceilDiv(dims[1], cand[1]) * ceilDiv(dims[2], cand[2]);
                double[] key = {bytes, tiles};
                if (any == null || less(key, anyKey)) {
                    any = cand;
                    anyKey = key;
                }
                if (tiles >= STREAM_TILES && loadBytes(w, sparseMode, cand) >= streamFloorBytes
                        && (streaming == null || less(key, streamingKey))) {
                    streaming = cand;
                    streamingKey = key;
                }
            }
        }
        java.util.List<long[]> out = new java.util.ArrayList<>(2);
        if (streaming != null) {
            out.add(streaming);
        }
        if (any != null && any != streaming) {
            out.add(any);
        }
        return out;
    }

    private static boolean less(double[] a, double[] b) {
        return a[0] < b[0] || (a[0] == b[0] && a[1] < b[1]);
    }

    /**
     * The sizes a dimension of {@code whole} takes as it is halved: at multiples of {@code g} down to {@code g}
     * for a spatial dimension (as {@link #cutSpatial} cuts), down to 1 for the temporal one ({@code g} = 0).
     */
    static long[] chain(long whole, long g) {
        long[] out = new long[64];
        int n = 0;
        long v = whole;
        out[n++] = v;
        while (g > 0 ? v > g : v > 1) {
            v = g > 0 ? Math.max(g, roundUp(ceilDiv(v, 2), g)) : ceilDiv(v, 2);
            out[n++] = v;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * Under a causal mask over a temporal key dimension (P·V's k on an output-stationary unit), once the spatial
     * cuts alone cannot fit the tile: the largest tile whose key dimension spans its row tile's keys (what
     * {@link #alignToMask} cuts it to anyway), found by cutting the spatial dimensions from the whole node with the
     * key dimension tied to the row tile; null when the mask is elsewhere or even the smallest such tile does not
     * fit. Cutting the key dimension down from the whole (long) key range at the smallest row tile instead, then
     * aligning, would leave a tile of the smallest row tile by as many keys (2 x 2 x 128 for a 65,536-token P·V on
     * a DSP chain: 1.7e10 tiles, most of the unit idle).
     */
    private static long[] fitTiedToMask(GemmWork w, boolean sparseMode, long[] dims, long[] g, long cap, boolean db) {
        if (w.causal() == null) {
            return null;
        }
        int d = w.maskOnN() ? 2 : 1;
        if (g[d] != 0 || g[0] == 0) {
            return null;
        }
        long[] t = dims.clone();
        while (true) {
            long[] a = t.clone();
            a[d] = Math.max(1, Math.min(t[d], ceilDiv(t[0], w.causal().group())));
            if (footprint(w, sparseMode, a[0], a[1], a[2], db) <= cap) {
                return a;
            }
            if (!cutSpatial(t, g)) {
                return null;
            }
        }
    }

    /**
     * Under a causal mask, cuts the key dimension (n for scores, k for P·V) to the keys one row tile spans, so
     * the tiles above the diagonal can be skipped: the mask is resolved at the row tile's granularity (rounded
     * to the unit's granularity when the key dimension is spatial). Only ever shrinks the tile.
     */
    private static void alignToMask(GemmWork w, long[] t, long[] g) {
        if (w.causal() == null) {
            return;
        }
        int d = w.maskOnN() ? 2 : 1;
        long span = ceilDiv(t[0], w.causal().group());
        long target = g[d] > 0 ? Math.max(g[d], roundUp(span, g[d])) : span;
        t[d] = Math.max(1, Math.min(t[d], target));
    }

    /**
     * Halves the largest spatial tile dimension still above its granularity, rounded up to a multiple of it;
     * false when every spatial dimension is at its granularity.
     */
    private static boolean cutSpatial(long[] t, long[] g) {
        int pick = -1;
        for (int d = 0; d < 3; d++) {
            if (g[d] > 0 && t[d] > g[d] && (pick < 0 || t[d] > t[pick])) {
                pick = d;
            }
        }
        if (pick < 0) {
            return false;
        }
        t[pick] = Math.max(g[pick], roundUp(ceilDiv(t[pick], 2), g[pick]));
        return true;
    }

    /** The loop order that moves fewer off-chip bytes (mn on a tie). */
    private static LoopOrder cheaperOrder(GemmWork w, boolean sparseMode, Tile tile) {
        return dramBytes(w, sparseMode, tile, LoopOrder.MN) <= dramBytes(w, sparseMode, tile, LoopOrder.NM)
                ? LoopOrder.MN : LoopOrder.NM;
    }

    /** A user's tile: clipped to the GEMM, checked against the unit's share of the buffer. */
    public static TilePlan fixed(GemmWork w, boolean sparseMode, Tile requested, LoopOrder order, String bufferName,
                                 BufferSpec buffer, long budget, String field) {
        long[] dims = dims(w, sparseMode);
        if (buffer.partitioned()) {
            throw new SpecException(field, "buffer '" + bufferName + "' is partitioned per operand: the whole layer "
                    + "streams through its ifmap, filter and ofmap partitions, so no tile can be given");
        }
        Tile tile = new Tile(Math.min(requested.m(), dims[0]), Math.min(requested.k(), dims[1]),
                Math.min(requested.n(), dims[2]));
        long need = footprint(w, sparseMode, tile.m(), tile.k(), tile.n(), buffer.doubleBuffered());
        if (need > budget) {
            throw new SpecException(field, "tile " + tile + " needs " + need + " B" + (buffer.doubleBuffered()
                    ? " (double-buffered)" : "") + ", but the unit's share of buffer '" + bufferName + "' holds "
                    + budget + " B" + (budget < buffer.capacityBytes() ? " of " + buffer.capacityBytes() + " B" : ""));
        }
        LoopOrder o = order != null ? order : cheaperOrder(w, sparseMode, tile);
        return new TilePlan(tile, o, need);
    }

    /**
     * Off-chip bytes moved for the whole node under a tiling: A is re-read once per column tile unless the
     * row loop is outer and k is whole, B once per row tile unless the column loop is outer and k is whole; C
     * is written once.
     */
    public static long dramBytes(GemmWork w, boolean sparseMode, Tile tile, LoopOrder order) {
        // exact while below 2^53 bytes (integers in doubles); saturates instead of overflowing beyond 2^63
        double bytes = dramBytesEstimate(w, sparseMode, tile, order);
        return bytes >= 0x1p63 ? Long.MAX_VALUE : (long) bytes;
    }

    /**
     * Off-chip bytes of a tiling as {@link #dramBytes} counts them, in doubles, for comparing tilings of any size
     * without overflow (a 2e9-cubed GEMM's re-reads exceed 2^63 bytes).
     */
    static double dramBytesEstimate(GemmWork w, boolean sparseMode, Tile tile, LoopOrder order) {
        long[] dims = dims(w, sparseMode);
        double tmCount = ceilDiv(dims[0], tile.m());
        double tnCount = ceilDiv(dims[2], tile.n());
        boolean kSplit = tile.k() < dims[1];
        double aReads = kSplit || order == LoopOrder.NM ? tnCount : 1;
        double bReads = kSplit || order == LoopOrder.MN ? tmCount : 1;
        double bBytes = sparseMode ? w.bBytes() : denseBBytes(w);
        return (double) w.aBytes() * aReads + bBytes * bReads + w.cBytes();
    }

    /** B bytes when the N:M pattern is not exploited: the unit reads the weights decompressed. */
    public static long denseBBytes(GemmWork w) {
        long count = w.bIsWeight() ? w.k() * w.n() : w.batch() * w.k() * w.n();
        return ceilDiv(count * w.bBits(), 8);
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    static long roundUp(long v, long g) {
        return ceilDiv(v, g) * g;
    }
}
