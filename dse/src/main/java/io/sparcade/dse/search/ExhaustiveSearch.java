package io.sparcade.dse.search;

import java.util.Optional;

/** Every point of the map space in odometer order (last choice fastest), starting from the scheduler's own. */
public final class ExhaustiveSearch implements SearchStrategy {
    private final int[] sizes;
    private int[] current;
    private boolean done;

    public ExhaustiveSearch(int[] sizes) {
        this.sizes = sizes.clone();
    }

    @Override
    public Optional<int[]> next() {
        if (done) {
            return Optional.empty();
        }
        if (current == null) {
            current = new int[sizes.length];
            return Optional.of(current.clone());
        }
        for (int i = sizes.length - 1; i >= 0; i--) {
            if (++current[i] < sizes[i]) {
                return Optional.of(current.clone());
            }
            current[i] = 0;
        }
        done = true;
        return Optional.empty();
    }

    @Override
    public void report(double cost) {
        // Exhaustive search visits every point whatever the costs.
    }
}
