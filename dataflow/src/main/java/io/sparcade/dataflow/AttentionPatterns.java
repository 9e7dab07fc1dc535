package io.sparcade.dataflow;

import io.sparcade.model.workload.AttentionOverlay;
import io.sparcade.model.workload.AttentionPattern;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

/**
 * Builds the {@link AttentionMask} of a sparse-attention overlay on one attention plane: the pattern's free size
 * (window length, number of lines, blocks per query block) is the smallest that keeps at least the overlay's
 * {@code density} of the (causal) pairs, found by bisection on the exact count. Positions a data-dependent method
 * would pick by score (vertical and slash lines, blocks) are drawn at random from the overlay's seed, an
 * assumption: real picks cluster (sinks, the diagonal), which this spreads out. Fixed choices of the papers are
 * kept: MInference's vertical-slash always keeps key 0 and the diagonal; block patterns keep the diagonal block;
 * NSA keeps the initial block and two local blocks and a window of half the selected keys.
 */
public final class AttentionPatterns {
    private AttentionPatterns() {
    }

    /**
     * Where the plane sits: {@code rows} queries (a position every {@code group} rows, the first at {@code offset})
     * over {@code keys} keys; {@code modelWindow} the model's own sliding window (0: none).
     */
    public record Geometry(long rows, long keys, long group, long offset, long modelWindow) {
        public long positions() {
            return (rows + group - 1) / group;
        }

        public long lastPosition() {
            return offset + positions() - 1;
        }
    }

    /** The mask and what it achieved. */
    public record Built(AttentionMask mask, double causalPairs, double density) {
    }

    public static Built build(AttentionOverlay o, Geometry g) {
        AttentionMask full = new AttentionMask(g.rows(), g.keys(), g.group(), g.offset(), g.modelWindow(), 0,
                g.keys() + g.lastPosition() + 1, new long[0], new long[0], 0, null, "dense");
        double causal = full.keptTotal();
        double target = o.density() * causal;
        AttentionPattern p = o.pattern();
        LongFunction<AttentionMask> family = switch (p) {
            case WINDOW -> w -> new AttentionMask(g.rows(), g.keys(), g.group(), g.offset(), g.modelWindow(), 0, w,
                    new long[0], new long[0], 0, null, "element (window " + w + ")");
            case A_SHAPE -> {
                long sink = Math.min(o.sink(), g.keys());
                yield w -> new AttentionMask(g.rows(), g.keys(), g.group(), g.offset(), g.modelWindow(), sink, w,
                        new long[0], new long[0], 0, null, "element (sink " + sink + " + window " + w + ")");
            }
            case VERTICAL_SLASH -> verticalSlash(o, g);
            case BLOCK, GATED, FLEX -> blocks(o, g);
            case NSA -> nsa(o, g);
        };
        long max = switch (p) {
            case WINDOW, A_SHAPE -> g.lastPosition() + 1;
            case VERTICAL_SLASH -> g.keys() + g.lastPosition() + 1;
            case BLOCK, GATED, FLEX -> 1_000_000;
            case NSA -> (g.keys() + o.block() - 1) / o.block();
        };
        long lo = 1;
        long hi = max;
        AttentionMask best = family.apply(hi);
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            AttentionMask m = family.apply(mid);
            if (m.keptTotal() >= target) {
                hi = mid;
                best = m;
            } else {
                lo = mid + 1;
            }
        }
        if (lo == max || best.keptTotal() < target) {
            best = family.apply(lo);
        }
        return new Built(best, causal, causal == 0 ? 0 : best.keptTotal() / causal);
    }

    /** Lines: key 0 and the diagonal always, then random keys and offsets, vertical : slash = MInference's ratio. */
    private static LongFunction<AttentionMask> verticalSlash(AttentionOverlay o, Geometry g) {
        SplittableRandom rng = new SplittableRandom(o.seed());
        long[] keyOrder = permutationStartingAtZero(g.keys(), rng);
        long[] offsetOrder = permutationStartingAtZero(g.lastPosition() + 1, rng);
        return lines -> {
            long v = Math.max(1, Math.min(g.keys(), Math.round(lines * AttentionOverlay.VERTICAL_SHARE)));
            long s = Math.max(1, Math.min(offsetOrder.length, lines - v));
            long[] vs = java.util.Arrays.copyOf(keyOrder, (int) v);
            long[] ss = java.util.Arrays.copyOf(offsetOrder, (int) s);
            java.util.Arrays.sort(vs);
            java.util.Arrays.sort(ss);
            return new AttentionMask(g.rows(), g.keys(), g.group(), g.offset(), g.modelWindow(), 0, 0, vs, ss, 0, null,
                    "element (" + v + " vertical + " + s + " slash lines)");
        };
    }

    /** 0, then 1..n-1 in random order. */
    private static long[] permutationStartingAtZero(long n, SplittableRandom rng) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many positions: " + n);
        }
        long[] a = new long[(int) n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = (int) n - 1; i > 1; i--) {
            int j = 1 + rng.nextInt(i);
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** Per query block, an order of its visible key blocks: the forced ones first, then the others at random. */
    private static long[][] blockOrders(AttentionOverlay o, Geometry g, boolean nsa) {
        long b = o.block();
        long firstQb = g.offset() / b;
        long lastQb = g.lastPosition() / b;
        SplittableRandom rng = new SplittableRandom(o.seed());
        long[][] orders = new long[(int) (lastQb - firstQb + 1)][];
        for (long qb = firstQb; qb <= lastQb; qb++) {
            long lastKb = Math.min((g.keys() - 1) / b, qb);   // causal: key blocks up to the query block's
            long firstKb = g.modelWindow() == 0 ? 0 : Math.max(0, (qb * b - g.modelWindow() + 1) / b);
            java.util.List<Long> forced = new java.util.ArrayList<>();
            forced.add(lastKb);                                 // the diagonal block
            if (nsa) {
                if (lastKb - 1 >= firstKb) {
                    forced.add(lastKb - 1);                    // NSA: two local blocks
                }
                if (firstKb < lastKb - 1) {
                    forced.add(firstKb);                       // NSA: the initial block
                }
            }
            java.util.List<Long> rest = new java.util.ArrayList<>();
            for (long kb = firstKb; kb <= lastKb; kb++) {
                if (!forced.contains(kb)) {
                    rest.add(kb);
                }
            }
            for (int i = rest.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                Long t = rest.get(i);
                rest.set(i, rest.get(j));
                rest.set(j, t);
            }
            forced.addAll(rest);
            orders[(int) (qb - firstQb)] = forced.stream().mapToLong(Long::longValue).toArray();
        }
        return orders;
    }

    private static BitSet keptBlocks(long[][] orders, long firstQb, long keyBlocks, LongFunction<Long> count) {
        BitSet kept = new BitSet();
        for (int i = 0; i < orders.length; i++) {
            long n = Math.min(orders[i].length, count.apply(orders[i].length));
            for (int j = 0; j < n; j++) {
                kept.set((int) ((firstQb + i) * keyBlocks + orders[i][j]));
            }
        }
        return kept;
    }

    /** Blocks: per query block the diagonal and then random visible blocks; the size is a per-mille of the visible ones. */
    private static LongFunction<AttentionMask> blocks(AttentionOverlay o, Geometry g) {
        long[][] orders = blockOrders(o, g, false);
        long b = o.block();
        long keyBlocks = (g.keys() + b - 1) / b;
        return perMillion -> {
            BitSet kept = keptBlocks(orders, g.offset() / b, keyBlocks,
                    visible -> Math.max(1, (long) Math.ceil(visible * perMillion / 1e6 - 1e-9)));
            return new AttentionMask(g.rows(), g.keys(), g.group(), g.offset(), g.modelWindow(), 0, 0, new long[0],
                    new long[0], b, kept, b + "x" + b + " blocks");
        };
    }

    /** NSA: n selected blocks per query block (initial, two local, random) and a window of n x block / 2 keys. */
    private static LongFunction<AttentionMask> nsa(AttentionOverlay o, Geometry g) {
        long[][] orders = blockOrders(o, g, true);
        long b = o.block();
        long keyBlocks = (g.keys() + b - 1) / b;
        double windowPerSelected = AttentionOverlay.NSA_WINDOW_SHARE / (1 - AttentionOverlay.NSA_WINDOW_SHARE);
        return n -> {
            BitSet kept = keptBlocks(orders, g.offset() / b, keyBlocks, visible -> n);
            long w = Math.max(1, Math.round(n * b * windowPerSelected));
            return new AttentionMask(g.rows(), g.keys(), g.group(), g.offset(), g.modelWindow(), 0, w, new long[0],
                    new long[0], b, kept, n + " selected " + b + "-key blocks + window " + w);
        };
    }
}
