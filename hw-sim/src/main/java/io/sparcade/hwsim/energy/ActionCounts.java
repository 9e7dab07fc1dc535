package io.sparcade.hwsim.energy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** How many times each {@link Action} happened. Immutable; combine with {@link #plus}. */
public final class ActionCounts {
    public static final ActionCounts NONE = new ActionCounts(new EnumMap<>(Action.class));
    private final Map<Action, Long> counts;

    private ActionCounts(EnumMap<Action, Long> counts) {
        this.counts = Collections.unmodifiableMap(counts);
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

    public ActionCounts plus(ActionCounts other) {
        EnumMap<Action, Long> m = new EnumMap<>(Action.class);
        m.putAll(counts);
        other.counts.forEach((k, v) -> m.merge(k, v, Long::sum));
        return new ActionCounts(m);
    }

    @Override
    public String toString() {
        return counts.toString();
    }

    /** Accumulates counts. */
    public static final class Builder {
        private final EnumMap<Action, Long> m = new EnumMap<>(Action.class);

        public Builder add(Action a, long n) {
            if (n != 0) {
                m.merge(a, n, Long::sum);
            }
            return this;
        }

        public ActionCounts build() {
            return new ActionCounts(new EnumMap<>(m));
        }
    }
}
