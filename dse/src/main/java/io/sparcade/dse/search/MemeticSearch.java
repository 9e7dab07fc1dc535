package io.sparcade.dse.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A memetic algorithm (Moscato, 1989: a genetic algorithm whose result is refined by local search): the first half of
 * the budget goes to the seeded {@link GeneticSearch}, which starts from the scheduler's own mapping and spreads
 * over the map space changing many choices at once; the rest goes to first-improvement {@link HillClimbSearch} from
 * the cheapest mapping the genetic algorithm found, which tunes one choice at a time. A mapping the genetic phase
 * already evaluated is never asked again. Stops when the hill climb reaches a local optimum.
 */
public final class MemeticSearch implements SearchStrategy {
    private final int[] sizes;
    private final long seed;
    private final int geneticBudget;
    private final GeneticSearch genetic;
    private final Map<List<Integer>, Double> costs = new HashMap<>();
    private HillClimbSearch climb;
    private int[] pending;
    private int[] best;
    private double bestCost = Double.POSITIVE_INFINITY;
    private int asked;

    /**
     * @param sizes  options per choice of the map space
     * @param budget evaluations the caller allows (half go to the genetic phase)
     * @param seed   seed of every random draw
     */
    public MemeticSearch(int[] sizes, int budget, long seed) {
        this.sizes = sizes.clone();
        this.seed = seed;
        this.geneticBudget = Math.max(1, Math.min(budget / 2, 12));
        this.genetic = new GeneticSearch(sizes, GeneticSearch.populationFor(geneticBudget), seed);
    }

    @Override
    public Optional<int[]> next() {
        if (pending != null) {
            throw new IllegalStateException("next() again before report(cost)");
        }
        if (climb == null && asked < geneticBudget) {
            Optional<int[]> p = genetic.next();
            if (p.isPresent()) {
                pending = p.get();
                asked++;
                return Optional.of(pending.clone());
            }
        }
        if (climb == null) {
            climb = best == null ? new HillClimbSearch(sizes, seed) : new HillClimbSearch(sizes, seed, best, bestCost);
        }
        while (true) {
            Optional<int[]> p = climb.next();
            if (p.isEmpty()) {
                return p;
            }
            Double known = costs.get(RandomSearch.key(p.get()));
            if (known == null) {
                pending = p.get();
                asked++;
                return Optional.of(pending.clone());
            }
            climb.report(known);
        }
    }

    @Override
    public void report(double cost) {
        if (pending == null) {
            throw new IllegalStateException("report(cost) without a point from next()");
        }
        costs.put(RandomSearch.key(pending), cost);
        if (cost < bestCost) {
            bestCost = cost;
            best = pending;
        }
        if (climb == null) {
            genetic.report(cost);
        } else {
            climb.report(cost);
        }
        pending = null;
    }
}
