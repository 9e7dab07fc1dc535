package io.sparcade.dse.map;

import io.sparcade.dataflow.OpNode;
import io.sparcade.model.SpecException;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.mapping.OpMapping;
import java.util.List;
import java.util.Set;

/**
 * What a user fixes before a search, like a mapper's constraints: pinned fields (a partial {@link Mapping}:
 * any operator's unit, tile, loop order or dataflow, and the fusion groups), bounds on tile sizes, and units no
 * operator may use. A pinned field is the only value the search considers for it.
 *
 * @param source     where the pins came from (a mapping file, {@code --set}), for messages
 * @param pins       pinned fields (entries by node or operator name, as a mapping file's), never null
 * @param tileBounds bounds on tile sizes (every bound that applies to a node narrows its range)
 * @param forbidden  names of units the search must not place any node on
 */
public record MapConstraints(String source, Mapping pins, List<TileBound> tileBounds, Set<String> forbidden) {
    public static final MapConstraints NONE = new MapConstraints("constraints", Mapping.NONE, List.of(), Set.of());

    public MapConstraints {
        source = source == null ? "constraints" : source;
        pins = pins == null ? Mapping.NONE : pins;
        tileBounds = List.copyOf(tileBounds);
        forbidden = Set.copyOf(forbidden);
    }

    /**
     * A bound on one tile dimension, for every node or for one node (by node or operator name).
     *
     * @param operator the node or operator it applies to, or null for every node
     * @param dim      0, 1, 2 for m, k, n
     * @param min      smallest tile size allowed (at least 1)
     * @param max      largest tile size allowed
     */
    public record TileBound(String operator, int dim, long min, long max) {
        public static final String DIMS = "mkn";

        public TileBound {
            if (dim < 0 || dim > 2) {
                throw new IllegalArgumentException("dim " + dim);
            }
            if (min < 1 || max < min) {
                throw new SpecException("tile bound", (operator == null ? "" : operator + ".") + DIMS.charAt(dim),
                        "expected 1 <= min <= max, got min " + min + ", max " + max);
            }
        }

        boolean appliesTo(OpNode n) {
            return operator == null || operator.equals(n.name()) || operator.equals(n.operator().name());
        }
    }

    /** The pinned entry of a node (by its own name, else its operator's), or null. */
    public OpMapping pin(OpNode n) {
        return pins.of(n.name()).or(() -> pins.of(n.operator().name())).orElse(null);
    }

    /** The mapping key a node's pin was given under (node or operator name), for messages. */
    public String pinKey(OpNode n) {
        return pins.of(n.name()).isPresent() ? n.name() : n.operator().name();
    }

    /** {@code {min, max}} allowed for a tile dimension of a node (1 and Long.MAX_VALUE without bounds). */
    public long[] bounds(OpNode n, int dim) {
        long lo = 1;
        long hi = Long.MAX_VALUE;
        for (TileBound b : tileBounds) {
            if (b.dim() == dim && b.appliesTo(n)) {
                lo = Math.max(lo, b.min());
                hi = Math.min(hi, b.max());
            }
        }
        if (lo > hi) {
            throw new SpecException("--tile-min/--tile-max", n.name() + "." + TileBound.DIMS.charAt(dim),
                    "the bounds leave no tile size: at least " + lo + " and at most " + hi);
        }
        return new long[] {lo, hi};
    }

    /** Whether any constraint is set. */
    public boolean any() {
        return !pins.operators().isEmpty() || pins.fusion() != null || !tileBounds.isEmpty() || !forbidden.isEmpty();
    }
}
