package io.sparcade.dse.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Greedy first-improvement hill climbing: starts at the scheduler's own mapping (all choices 0), or at a given
 * point whose cost is known, and tries the neighbours that change one choice, in an order shuffled by the seed;
 * the first that is cheaper becomes the current point. Stops at a local optimum (no neighbour is cheaper). Points
 * already evaluated are skipped.
 */
public final class HillClimbSearch implements SearchStrategy {
    private final int[] sizes;
    private final SplittableRandom rng;
    private final Set<List<Integer>> seen = new HashSet<>();
    private int[] current;
    private double currentCost = Double.POSITIVE_INFINITY;
    private List<int[]> neighbours;
    private int cursor;
    private int[] pending;

    public HillClimbSearch(int[] sizes, long seed) {
        this.sizes = sizes.clone();
        this.rng = new SplittableRandom(seed);
    }

    /** Climbs from {@code start}, already evaluated at {@code startCost}: the first point asked is a neighbour. */
    public HillClimbSearch(int[] sizes, long seed, int[] start, double startCost) {
        this(sizes, seed);
        if (start.length != sizes.length) {
            throw new IllegalArgumentException("start has " + start.length + " indices, the space " + sizes.length);
        }
        current = start.clone();
        currentCost = startCost;
        seen.add(RandomSearch.key(current));
        neighbours = neighbours(current);
    }

    @Override
    public Optional<int[]> next() {
        if (current == null) {
            pending = new int[sizes.length];
            seen.add(RandomSearch.key(pending));
            return Optional.of(pending.clone());
        }
        while (cursor < neighbours.size()) {
            int[] n = neighbours.get(cursor++);
            if (seen.add(RandomSearch.key(n))) {
                pending = n;
                return Optional.of(n.clone());
            }
        }
        return Optional.empty();
    }

    @Override
    public void report(double cost) {
        if (pending == null) {
            throw new IllegalStateException("report(cost) without a point from next()");
        }
        if (current == null || cost < currentCost) {
            current = pending;
            currentCost = cost;
            neighbours = neighbours(current);
            cursor = 0;
        }
        pending = null;
    }

    private List<int[]> neighbours(int[] p) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            for (int v = 0; v < sizes[i]; v++) {
                if (v != p[i]) {
                    int[] n = p.clone();
                    n[i] = v;
                    out.add(n);
                }
            }
        }
        for (int i = out.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int[] t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }
}
