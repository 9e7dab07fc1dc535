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
    private final Map<Action, Long> counts;
    private final Map<BufferSpec, long[]> buffers; // {read bytes, written bytes}

    private ActionCounts(EnumMap<Action, Long> counts, Map<BufferSpec, long[]> buffers) {
        this.counts = Collections.unmodifiableMap(counts);
        this.buffers = Collections.unmodifiableMap(buffers);
    }

    public static Builder builder() {
        return new Builder();
    }

    public long get(Action a) {
        return counts.getOrDefault(a, 0L);
    }

    public Map<Action, Long> asMap() {
        return counts;
    }

    /** Bytes read from each buffer. */
    public long bufferReads(BufferSpec b) {
        long[] rw = buffers.get(b);
        return rw == null ? 0 : rw[0];
    }

    /** Bytes written to each buffer. */
    public long bufferWrites(BufferSpec b) {
        long[] rw = buffers.get(b);
        return rw == null ? 0 : rw[1];
    }

    /** The buffers with counted traffic. */
    public java.util.Set<BufferSpec> buffers() {
        return buffers.keySet();
    }

    /** Bytes read and written over every buffer. */
    public long bufferBytes() {
        long s = 0;
        for (long[] rw : buffers.values()) {
            s += rw[0] + rw[1];
        }
        return s;
    }

    public ActionCounts plus(ActionCounts other) {
        EnumMap<Action, Long> m = new EnumMap<>(Action.class);
        m.putAll(counts);
        other.counts.forEach((k, v) -> m.merge(k, v, Long::sum));
        Map<BufferSpec, long[]> b = new LinkedHashMap<>();
        buffers.forEach((k, v) -> b.put(k, v.clone()));
        other.buffers.forEach((k, v) -> b.merge(k, v.clone(), (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]}));
        return new ActionCounts(m, b);
    }

    /** The sum of {@code parts}, equal to folding them with {@link #plus} (one pass, no intermediate maps). */
    public static ActionCounts sum(java.util.List<ActionCounts> parts) {
        Builder sum = new Builder();
        for (ActionCounts p : parts) {
            p.counts.forEach(sum::add);
            p.buffers.forEach((k, v) -> sum.buffer(k, v[0], v[1]));
        }
        return sum.build();
    }

    @Override
    public String toString() {
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
