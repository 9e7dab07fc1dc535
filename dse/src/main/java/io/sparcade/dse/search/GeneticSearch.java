package io.sparcade.dse.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A seeded elitist genetic algorithm over the map space: jMetal's NSGA-II ({@link Nsga2Search}) with the search's
 * single objective, which makes it a (μ + λ) genetic algorithm with binary tournaments, SBX crossover and
 * polynomial mutation. The initial population holds the scheduler's own mapping (all choices 0, always the first
 * point asked) and random mappings. Offered one point at a time: a mapping proposed again is answered from the
 * costs already measured, so every {@link #next()} is a mapping not evaluated before. Stops when several
 * generations in a row bring no new mapping.
 */
public final class GeneticSearch implements SearchStrategy {
    /** Generations in a row without a new mapping after which the search gives up. */
    static final int MAX_STALE_GENERATIONS = 8;

    private final Nsga2Search nsga;
    private final Map<List<Integer>, Double> costs = new HashMap<>();
    private List<int[]> generation;
    private int cursor;
    private boolean generationHadNew;
    private int stale;
    private boolean pending;

    /**
     * @param sizes      options per choice of the map space
     * @param population population size (see {@link #populationFor(int)})
     * @param seed       seed of every random draw
     */
    public GeneticSearch(int[] sizes, int population, long seed) {
        this.nsga = new Nsga2Search(sizes, 1, population, seed, List.of(new int[sizes.length]));
    }

    /**
     * Population for a budget: a quarter of the budget (at least 4, at most 32), so that about four generations
     * fit in the budget.
     */
    public static int populationFor(int budget) {
        return Math.max(4, Math.min(32, budget / 4));
    }

    @Override
    public Optional<int[]> next() {
        if (pending) {
            throw new IllegalStateException("next() again before report(cost)");
        }
        while (true) {
            if (generation == null) {
                if (stale >= MAX_STALE_GENERATIONS) {
                    return Optional.empty();
                }
                generation = nsga.ask();
                if (generation.isEmpty()) {
                    return Optional.empty();
                }
                cursor = 0;
                generationHadNew = false;
            }
            while (cursor < generation.size()) {
                int[] p = generation.get(cursor);
                if (!costs.containsKey(RandomSearch.key(p))) {
                    pending = true;
                    generationHadNew = true;
                    return Optional.of(p.clone());
                }
                cursor++;
            }
            List<ParetoSearch.Outcome> outcomes = new ArrayList<>(generation.size());
            for (int[] p : generation) {
                double c = costs.get(RandomSearch.key(p));
                outcomes.add(Double.isFinite(c) ? new ParetoSearch.Outcome(new double[] {c}, 0) : ParetoSearch.Outcome.failed(1));
            }
            nsga.tell(outcomes);
            stale = generationHadNew ? 0 : stale + 1;
            generation = null;
        }
    }

    @Override
    public void report(double cost) {
        if (!pending) {
            throw new IllegalStateException("report(cost) without a point from next()");
        }
        costs.put(RandomSearch.key(generation.get(cursor)), cost);
        cursor++;
        pending = false;
    }
}
