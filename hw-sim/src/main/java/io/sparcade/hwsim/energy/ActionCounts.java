package io.sparcade.hwsim.energy;

import io.sparcade.model.arch.BufferSpec;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many times each {@link Action} happened, and how many bytes were read from and written to each on-chip
 * buffer (priced by the buffer's kind, capacity and width). Immutable; combine with {@link #plus}.
 */
public final class ActionCounts {
    public static final ActionCounts NONE = new ActionCounts(new EnumMap<>(Action.class), Map.of());
    private Map<Action, Long> counts;
    private Map<BufferSpec, long[]> buffers; // {read bytes, written bytes}
    /** The parts of a {@link #lazySum} not summed yet (null once summed, or for counts built whole). */
    private volatile java.util.List<ActionCounts> parts;

    private ActionCounts(EnumMap<Action, Long> counts, Map<BufferSpec, long[]> buffers) {
        this.counts = Collections.unmodifiableMap(counts);
        this.buffers = Collections.unmodifiableMap(buffers);
    }

    private ActionCounts(java.util.List<ActionCounts> parts) {
        this.parts = parts;
    }

    /**
     * The sum of {@code parts} ({@link #sum}), added up when first read: a run's total that nobody reads (a design
     * point's mapping search reads only cycles and energy) costs nothing. The list is kept as given; the caller must
     * not change it afterwards.
     */
    public static ActionCounts lazySum(java.util.List<ActionCounts> parts) {
        return new ActionCounts(parts);
    }

    /** Sums a lazy sum's parts on first read (thread-safe). */
    private void force() {
        if (parts != null) {
            synchronized (this) {
                java.util.List<ActionCounts> ps = parts;
                if (ps != null) {
                    ActionCounts s = sum(ps);
                    counts = s.counts;
                    buffers = s.buffers;
                    parts = null; // volatile write after the fields: a reader that sees null sees them
                }
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public long get(Action a) {
        force();
        return counts.getOrDefault(a, 0L);
    }

    public Map<Action, Long> asMap() {
        force();
        return counts;
    }

    /** Bytes read from each buffer. */
    public long bufferReads(BufferSpec b) {
        force();
        long[] rw = buffers.get(b);
        return rw == null ? 0 : rw[0];
    }

    /** Bytes written to each buffer. */
    public long bufferWrites(BufferSpec b) {
        force();
        long[] rw = buffers.get(b);
        return rw == null ? 0 : rw[1];
    }

    /** The buffers with counted traffic. */
    public java.util.Set<BufferSpec> buffers() {
        force();
        return buffers.keySet();
    }

    /** Bytes read and written over every buffer. */
    public long bufferBytes() {
        force();
        long s = 0;
        for (long[] rw : buffers.values()) {
            s += rw[0] + rw[1];
        }
        return s;
    }

    public ActionCounts plus(ActionCounts other) {
        force();
        other.force();
        EnumMap<Action, Long> m = new EnumMap<>(Action.class);
        m.putAll(counts);
        other.counts.forEach((k, v) -> m.merge(k, v, Long::sum));
        Map<BufferSpec, long[]> b = new LinkedHashMap<>();
        buffers.forEach((k, v) -> b.put(k, v.clone()));
        other.buffers.forEach((k, v) -> b.merge(k, v.clone(), (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]}));
        return new ActionCounts(m, b);
    }

    private static final Action[] ACTIONS = Action.values();

    /**
     * The sum of {@code parts}, equal to folding them with {@link #plus} (one pass, no intermediate maps): counts
     * summed in an array by action, buffers matched in first-seen order (a schedule has a handful).
     */
    public static ActionCounts sum(java.util.List<ActionCounts> parts) {
        long[] c = new long[ACTIONS.length];
        boolean[] present = new boolean[ACTIONS.length];
        java.util.List<BufferSpec> keys = new java.util.ArrayList<>();
        java.util.List<long[]> rws = new java.util.ArrayList<>();
        for (ActionCounts p : parts) {
            p.force();
            for (Map.Entry<Action, Long> e : p.counts.entrySet()) {
                long n = e.getValue();
                if (n != 0) {
                    int a = e.getKey().ordinal();
                    c[a] += n;
                    present[a] = true;
                }
            }
            for (Map.Entry<BufferSpec, long[]> e : p.buffers.entrySet()) {
                long r = e.getValue()[0];
                long w = e.getValue()[1];
                if (r == 0 && w == 0) {
                    continue;
                }
                BufferSpec k = e.getKey();
                long[] rw = null;
                for (int i = 0; i < keys.size() && rw == null; i++) {
                    BufferSpec x = keys.get(i);
                    if (x == k || x.equals(k)) {
                        rw = rws.get(i);
                    }
                }
                if (rw == null) {
                    rw = new long[2];
                    keys.add(k);
                    rws.add(rw);
                }
                rw[0] += r;
                rw[1] += w;
            }
        }
        EnumMap<Action, Long> m = new EnumMap<>(Action.class);
        for (int a = 0; a < c.length; a++) {
            if (present[a]) {
                m.put(ACTIONS[a], c[a]);
            }
        }
        Map<BufferSpec, long[]> b = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            b.put(keys.get(i), rws.get(i));
        }
        return new ActionCounts(m, b);
    }

    @Override
    public String toString() {
        force();
        return counts + " buffers " + buffers.size();
    }

    /** Accumulates counts. */
    public static final class Builder {
        private final EnumMap<Action, Long> m = new EnumMap<>(Action.class);
        private final Map<BufferSpec, long[]> b = new LinkedHashMap<>();

        public Builder add(Action a, long n) {
            if (n != 0) {
                m.merge(a, n, Long::sum);
            }
            return this;
        }

        /** Bytes read from and written to {@code buffer}. */
        public Builder buffer(BufferSpec buffer, long readBytes, long writtenBytes) {
            if (readBytes != 0 || writtenBytes != 0) {
                long[] rw = b.computeIfAbsent(buffer, x -> new long[2]);
                rw[0] += readBytes;
                rw[1] += writtenBytes;
            }
            return this;
        }

        public ActionCounts build() {
            Map<BufferSpec, long[]> copy = new LinkedHashMap<>();
            b.forEach((k, v) -> copy.put(k, v.clone()));
            return new ActionCounts(new EnumMap<>(m), copy);
        }
    }
}
