package io.sparcade.hwsim.memory;

import java.util.Arrays;

/**
 * Per-operand memories of a compute unit (a partitioned buffer): the ifmap and filter partitions each hold an
 * active half the unit reads while their DRAM port fills the other half, the ofmap partition collects outputs in
 * one half while its port drains the other. This is SCALE-Sim v3's double-buffered scratchpad
 * (scalesim/memory/{double_buffered_scratchpad_mem,read_buffer,read_buffer_estimate_bw,write_buffer}.py at
 * commit fab89b7), restated from its description, cycle for cycle:
 *
 * <p><b>Cycles.</b> Demand row i (one compute cycle) is issued at cycle i + S, S the stalls so far; each
 * partition returns when it could serve the row, and the row's stall is the largest of the three (so a layer
 * takes L - 1 + S cycles, L the rows, counted as SCALE-Sim counts: the index of the last cycle).
 *
 * <p><b>Reads, fixed ports.</b> A partition of W words tracks residency in blocks of ceil(W/100) words of its
 * operand's prefetch order (the block in the making at the end counts, even empty). Its active window is
 * ceil(W/2) words' worth of blocks; before the layer the port fills it (ceil(active/bw) port cycles, finished by
 * cycle -1). A read of an element outside the window slides the window by the other half's blocks and costs one
 * burst of ceil(half/bw) port cycles plus the latency, chained after the previous burst (the port streams ahead
 * while the window sits still); the row waits until that burst has arrived. {@link Accounting#SCALESIM_V3}
 * counts a positive wait twice and lets an early arrival lower a later wait in the same row, as SCALE-Sim does.
 *
 * <p><b>Reads, sized ports.</b> Reads never wait. What the port fetches is counted as SCALE-Sim's estimate does:
 * the demand stream is cut into blocks of 50·floor(W/100) distinct elements, and an element is fetched once per
 * block that uses it; the first block is fetched at the port's rate to end just before its first read (or, when
 * the whole operand is smaller, before cycle 0), later ones just in time.
 *
 * <p><b>Writes.</b> Outputs fill lines of bw words; when more than half the partition holds undrained words
 * and no drain runs, the partial line is closed and a drain of up to ceil(half/bw) lines starts, one line per
 * cycle, its space credited at once; a row that finds the partition full while a drain runs waits for it. After
 * the last row the rest drains in back-to-back chunks. "Total cycles incl. prefetch" runs from the first fill's
 * first word to the last drain's end.
 */
public final class PartitionedMemory {
    /** Whether a missed read's wait is counted once or as SCALE-Sim v3 counts it. */
    public enum Accounting { ONCE, SCALESIM_V3 }

    /**
     * One partition in words of its operand.
     *
     * @param words         capacity in words
     * @param wordsPerCycle its DRAM port's words per cycle (0 with a sized memory: its first fill and drains
     *                      take no time)
     * @param latency       the port's read latency, cycles
     * @param onChip        the operand never touches DRAM (a fused producer or consumer): reads never miss,
     *                      writes never drain
     */
    public record Partition(long words, double wordsPerCycle, long latency, boolean onChip) {
        public Partition {
            if (words < 1) {
                throw new IllegalArgumentException("a partition holds at least one word, got " + words);
            }
        }
    }

    /**
     * A layer's run.
     *
     * @param rows         demand rows (compute cycles + 1)
     * @param total        cycles, SCALE-Sim's "Total Cycles": index of the last cycle, stalls included
     * @param stalls       cycles the unit waited for its partitions
     * @param inclPrefetch from the first fill's first word to the last drain's end (SCALE-Sim's "Total Cycles
     *                     (incl. prefetch)")
     * @param dramWords    words moved by the ifmap, filter and ofmap ports
     * @param dramStart    first cycle of each port's transfers (SCALE-Sim's DRAM start cycle)
     * @param dramStop     last cycle of each port's transfers
     * @param accesses     words the unit read from the ifmap and filter partitions and wrote to the ofmap partition
     * @param slides       window slides (bursts after the first fill) of the ifmap and filter partitions
     */
    public record Result(long rows, long total, long stalls, long inclPrefetch, double[] dramWords, long[] dramStart,
                         long[] dramStop, long[] accesses, long[] slides) {
        /** Average words per cycle of a port while it was busy (SCALE-Sim's BANDWIDTH_REPORT "Avg DRAM BW"). */
        public double dramWordsPerCycle(int operand) {
            long span = dramStop[operand] - dramStart[operand] + 1;
            return span <= 0 ? 0 : dramWords[operand] / span;
        }

        /** Cycles a port transferred, at its rate (0 for a sized port). */
        public long computeCycles() {
            return rows - 1;
        }
    }

    /** Demand elements a layer may walk (about ten seconds of simulation). */
    public static final long MAX_STEPS = 1L << 32;
    /** Largest operand (addresses or prefetch slots) a partition tracks element by element. */
    public static final long MAX_ELEMENTS = 1L << 25;

    private PartitionedMemory() {
    }

    /** Why a layer is too large for this model, or null. */
    public static String tooLarge(OperandStreams s) {
        long width = s.width(OperandStreams.IFMAP) + s.width(OperandStreams.FILTER);
        if (s.rows() > MAX_STEPS / width) {
            return s.rows() + " cycles x " + width + " reads per cycle exceed " + MAX_STEPS + " simulated reads";
        }
        for (int op = 0; op < 2; op++) {
            long e = Math.max(s.addressSpace(op), s.prefetchLength(op));
            if (e > MAX_ELEMENTS) {
                return (op == 0 ? "the ifmap" : "the filter") + " has " + e + " elements, more than the "
                        + MAX_ELEMENTS + " a partition tracks";
            }
        }
        return null;
    }

    public static Result run(OperandStreams s, Partition ifmap, Partition filter, Partition ofmap, boolean sized,
                             Accounting accounting) {
        String why = tooLarge(s);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        Reader[] readers = new Reader[2];
        Partition[] parts = {ifmap, filter};
        for (int op = 0; op < 2; op++) {
            Partition p = parts[op];
            readers[op] = p.onChip() ? new OnChipReader(s.width(op)) : sized ? new SizedReader(s, op, p)
                    : new WindowReader(s, op, p, accounting);
        }
        Writer writer = new Writer(ofmap);
        long rows = s.rows();
        int[][] buf = {new int[s.width(0)], new int[s.width(1)]};
        long stalls = 0;
        long total = 0;
        long lastOut = 0;
        for (long i = 0; i < rows; i++) {
            long c = i + stalls;
            long stall = 0;
            for (int op = 0; op < 2; op++) {
                s.demand(op, i, buf[op]);
                stall = Math.max(stall, readers[op].service(buf[op], c) - c - 1);
            }
            long out = writer.service(s.writes(i), c);
            stall = Math.max(stall, out - c);
            stalls += stall;
            total = Math.max(total, out);
            lastOut = out;
        }
        writer.finish(lastOut);
        long ofmapStop = ofmap.onChip() ? total : writer.stop;
        long first = Long.MAX_VALUE;
        for (Reader r : readers) {
            if (!(r instanceof OnChipReader)) {
                first = Math.min(first, r.start());
            }
        }
        long incl = ofmapStop - (first == Long.MAX_VALUE ? 0 : first);
        return new Result(rows, total, stalls, incl,
                new double[] {readers[0].words(), readers[1].words(), writer.words},
                new long[] {readers[0].start(), readers[1].start(), writer.start},
                new long[] {readers[0].stop(), readers[1].stop(), ofmapStop},
                new long[] {readers[0].accesses, readers[1].accesses, writer.accesses},
                new long[] {readers[0].slides(), readers[1].slides()});
    }

    /** An input partition. */
    private abstract static class Reader {
        long accesses;

        /** The cycle after which the row's reads are served (c + 1 without a wait). */
        abstract long service(int[] row, long c);

        abstract double words();

        abstract long start();

        abstract long stop();

        long slides() {
            return 0;
        }
    }

    private static final class OnChipReader extends Reader {
        OnChipReader(int width) {
        }

        @Override
        long service(int[] row, long c) {
            for (int a : row) {
                if (a >= 0) {
                    accesses++;
                }
            }
            return c + 1;
        }

        @Override
        double words() {
            return 0;
        }

        @Override
        long start() {
            return 0;
        }

        @Override
        long stop() {
            return 0;
        }
    }

    /** Fixed port: a window of blocks sliding over the prefetch order. */
    private static final class WindowReader extends Reader {
        private final boolean scalesim;
        private final int[] first;   // CSR: blocks holding address a are block[first[a] .. first[a+1])
        private final int[] block;
        private final int nsets;
        private final int active;
        private final int step;
        private final long n0;
        private final long burst;
        private final long latency;
        private final double bw;
        private int window;          // first block of the window
        private boolean filled;
        private long last;
        private long slides;

        WindowReader(OperandStreams s, int op, Partition p, Accounting accounting) {
            this.scalesim = accounting == Accounting.SCALESIM_V3;
            long w = p.words();
            long activeWords = (w + 1) / 2;
            long halfWords = w - activeWords;
            bw = p.wordsPerCycle();
            latency = p.latency();
            int perBlock = (int) Math.max(1, ceilDiv(w, 100));
            // the prefetch order's elements, empty slots skipped
            int space = (int) s.addressSpace(op);
            int[] count = new int[space + 1];
            int[] seq = new int[(int) s.prefetchLength(op)];
            int[] v = {0};
            s.prefetch(op, a -> {
                if (a >= 0) {
                    seq[v[0]++] = a;
                    count[a + 1]++;
                }
            });
            int valid = v[0];
            for (int a = 0; a < space; a++) {
                count[a + 1] += count[a];
            }
            int[] fill = Arrays.copyOf(count, space);
            int[] blocks = new int[valid];
            for (int i = 0; i < valid; i++) {
                blocks[fill[seq[i]]++] = i / perBlock;
            }
            // keep each address's distinct blocks (they are in increasing order)
            int[] start = new int[space + 1];
            int out = 0;
            for (int a = 0; a < space; a++) {
                start[a] = out;
                int prev = -1;
                for (int x = count[a]; x < count[a + 1]; x++) {
                    if (blocks[x] != prev) {
                        prev = blocks[x];
                        blocks[out++] = prev;
                    }
                }
            }
            start[space] = out;
            first = start;
            block = blocks;
            nsets = valid / perBlock + 1;
            active = (int) Math.min(ceilDiv(activeWords, perBlock), nsets);
            step = (int) Math.min(nsets - active, ceilDiv(halfWords, perBlock));
            long fetchRows = (long) Math.ceil(s.prefetchLength(op) / bw);
            n0 = Math.min((long) Math.ceil(activeWords / bw), fetchRows);
            burst = (long) Math.ceil(halfWords / bw);
        }

        private boolean hit(int a) {
            for (int x = first[a]; x < first[a + 1]; x++) {
                int d = block[x] - window;
                if (d < 0) {
                    d += nsets;
                }
                if (d < active) {
                    return true;
                }
            }
            return false;
        }

        @Override
        long service(int[] row, long c) {
            if (!filled) {
                filled = true;
                last = c - 1;
            }
            long offset = 1;
            for (int a : row) {
                if (a < 0) {
                    continue;
                }
                accesses++;
                while (!hit(a)) {
                    if (step == 0) {
                        throw new IllegalStateException("address " + a + " is in no block of the prefetch order");
                    }
                    window = (window + step) % nsets;
                    last += burst + latency;
                    slides++;
                    long pot = last - (c + offset);
                    if (scalesim) {
                        offset += pot > 0 ? 2 * pot : pot;
                    } else if (pot > 0) {
                        offset += pot;
                    }
                }
            }
            return c + offset;
        }

        @Override
        double words() {
            return (n0 + slides * burst) * bw;
        }

        @Override
        long start() {
            return -n0;
        }

        @Override
        long stop() {
            return last;
        }

        @Override
        long slides() {
            return slides;
        }
    }

    /** Sized port: never waits; counts what the just-in-time prefetcher fetches. */
    private static final class SizedReader extends Reader {
        private final int[] seen;    // block id + 1 in which each address was last fetched
        private final int perBlock;
        private final long blockWords;
        private final double bw;
        private int current = 1;
        private long inBlock;
        private long fetched;
        private long firstRead = -1;
        private long lastCompletion = Long.MIN_VALUE;

        SizedReader(OperandStreams s, int op, Partition p) {
            seen = new int[(int) s.addressSpace(op)];
            perBlock = (int) Math.max(1, p.words() / 100);
            blockWords = 50L * perBlock;
            bw = p.wordsPerCycle();
        }

        @Override
        long service(int[] row, long c) {
            for (int a : row) {
                if (a < 0) {
                    continue;
                }
                accesses++;
                if (firstRead < 0) {
                    firstRead = c;
                }
                if (seen[a] != current) {
                    seen[a] = current;
                    fetched++;
                    if (++inBlock == blockWords) {
                        current++;
                        inBlock = 0;
                        lastCompletion = c;
                    }
                }
            }
            return c + 1;
        }

        private long fill(long words) {
            return bw <= 0 ? 0 : (long) Math.ceil(words / bw);
        }

        @Override
        double words() {
            return fetched;
        }

        @Override
        long start() {
            if (lastCompletion != Long.MIN_VALUE) {
                return firstRead - fill(blockWords);
            }
            return -fill(ceilDiv(fetched, perBlock) * perBlock);
        }

        @Override
        long stop() {
            return lastCompletion != Long.MIN_VALUE ? lastCompletion + 1 : -1;
        }
    }

    /** The output partition. */
    private static final class Writer {
        private final boolean onChip;
        private final long capacity;
        private final long active;
        private final int line;
        private final long linesPerDrain;
        private long free;
        private long drainEnd;
        private int cur;
        private int[] queue = new int[64];
        private int head;
        private int size;
        long words;
        long start = Long.MAX_VALUE;
        long stop = Long.MIN_VALUE;
        long accesses;

        Writer(Partition p) {
            onChip = p.onChip();
            capacity = p.words();
            active = (capacity + 1) / 2;
            // whole words per port cycle (at least one)
            line = (int) Math.max(1, Math.floor(p.wordsPerCycle() + 1e-9));
            linesPerDrain = ceilDiv(capacity - active, line);
            free = capacity;
        }

        private void push(int words) {
            if (size == queue.length) {
                int[] q = new int[queue.length * 2];
                for (int i = 0; i < size; i++) {
                    q[i] = queue[(head + i) % queue.length];
                }
                queue = q;
                head = 0;
            }
            queue[(head + size) % queue.length] = words;
            size++;
        }

        private void flush() {
            if (cur > 0) {
                push(cur);
                cur = 0;
            }
        }

        /** Starts a drain at {@code at}; returns its last cycle. */
        private long drain(long at) {
            long lines = Math.min(linesPerDrain, size);
            if (lines == 0) {
                return at - 1;
            }
            int lastLine = 0;
            for (long i = 0; i < lines; i++) {
                lastLine = queue[head];
                head = (head + 1) % queue.length;
                size--;
            }
            // the whole drain's space is credited at its start; only its last line's empty slots are discounted
            long moved = lines * line - (line - lastLine);
            free += moved;
            words += moved;
            start = Math.min(start, at);
            stop = Math.max(stop, at + lines - 1);
            return at + lines - 1;
        }

        long service(int count, long c) {
            accesses += count;
            if (onChip) {
                return c;
            }
            long at = c;
            int left = count;
            while (left > 0) {
                boolean draining = at < drainEnd;
                // words that cannot trigger anything: taken in bulk
                long safe = draining ? free - 1 : free - active;
                if (safe > 0) {
                    int bulk = (int) Math.min(left, safe);
                    free -= bulk;
                    int total = cur + bulk;
                    while (total >= line) {
                        push(line);
                        total -= line;
                    }
                    cur = total;
                    left -= bulk;
                    continue;
                }
                cur++;
                free--;
                left--;
                if (cur == line) {
                    push(line);
                    cur = 0;
                }
                if (at < drainEnd) {
                    if (free <= 0) {
                        at = drainEnd;
                    }
                } else if (free < active) {
                    flush();
                    drainEnd = drain(at);
                }
            }
            return at;
        }

        void finish(long c) {
            if (onChip) {
                return;
            }
            flush();
            long at = c;
            while (size > 0) {
                drainEnd = drain(at);
                at = drainEnd + 1;
            }
            if (start == Long.MAX_VALUE) {
                start = c;
                stop = c;
            }
        }
    }

    static long ceilDiv(long x, long y) {
        return (x + y - 1) / y;
    }
}
