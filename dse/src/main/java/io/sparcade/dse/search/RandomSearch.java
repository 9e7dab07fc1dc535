package io.sparcade.dse.search;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The scheduler's own mapping first, then uniformly random points from a seeded generator, never the same point
 * twice; stops when the space is exhausted (or no new point turns up in a while).
 */
public final class RandomSearch implements SearchStrategy {
    private static final int MAX_DRAWS = 64;
    private final int[] sizes;
    private final SplittableRandom rng;
    private final Set<List<Integer>> seen = new HashSet<>();
    private final long spaceSize;

    public RandomSearch(int[] sizes, long seed) {
        this.sizes = sizes.clone();
        this.rng = new SplittableRandom(seed);
        this.spaceSize = MapSpace.size(sizes);
    }

    @Override
    public Optional<int[]> next() {
        if (seen.size() >= spaceSize) {
            return Optional.empty();
        }
        int[] p = new int[sizes.length];
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            if (!seen.isEmpty()) {
                for (int i = 0; i < p.length; i++) {
                    p[i] = rng.nextInt(sizes[i]);
                }
            }
            if (seen.add(key(p))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public void report(double cost) {
        // Random search ignores costs; the caller keeps the best.
    }

    static List<Integer> key(int[] p) {
        return java.util.Arrays.stream(p).boxed().toList();
    }
}
