package io.sparcade.dse.map;

import io.sparcade.dse.search.SearchStrategy;
import io.sparcade.dse.search.Strategies;
import io.sparcade.dse.sweep.SearchStrategyKind;
import io.sparcade.hwsim.OpCost;
import io.sparcade.hwsim.OperatorModel;
import io.sparcade.model.arch.Architecture;
import io.sparcade.scheduler.Placement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Searches one node's {@link OperatorSpace} with one strategy (ask/tell) and a budget: each asked point is
 * resolved to a candidate and priced with the node's block model ({@link OperatorModel}, the simulator's), an
 * infeasible candidate is reported as infinitely costly and counted. Candidates are priced once per instance
 * (the cache is shared by the strategies run through it), so a strategy that asks a point resolving to a
 * candidate already priced costs no model call; the ask still counts against its budget.
 */
public final class OperatorSearch {
    /**
     * A priced candidate.
     *
     * @param candidate the mapping
     * @param placement its placement
     * @param cost      the block model's standalone cost
     * @param price     time, energy and score
     * @param order     when it was first evaluated (1-based, within the strategy)
     */
    public record Eval(OpCandidate candidate, Placement placement, OpCost cost, OpPricer.Price price, int order) {
    }

    /**
     * One strategy's search of one node.
     *
     * @param strategy   the strategy
     * @param best       the cheapest candidate, or null when none was feasible
     * @param next       the cheapest candidate other than {@code best}, or null
     * @param asks       points the strategy asked (at most the budget)
     * @param distinct   distinct candidates among them
     * @param infeasible distinct infeasible candidates among them
     * @param trace      best score after each ask (infinite before the first feasible one)
     */
    public record Result(SearchStrategyKind strategy, Eval best, Eval next, int asks, int distinct, int infeasible,
                         double[] trace, List<Eval> ranked) {
        public Result {
            ranked = List.copyOf(ranked);
        }
    }

    private final OperatorSpace space;
    private final OperatorModel model;
    private final Architecture arch;
    private final OpPricer pricer;
    private final int weight;
    private final Map<List<Object>, Object> cache = new HashMap<>();

    /**
     * @param weight how often the node runs in the whole model (the repeat of its graph)
     */
    public OperatorSearch(OperatorSpace space, OperatorModel model, Architecture arch, OpPricer pricer, int weight) {
        this.space = space;
        this.model = model;
        this.arch = arch;
        this.pricer = pricer;
        this.weight = weight;
    }

    public OperatorSpace space() {
        return space;
    }

    /** Runs {@code kind} with {@code budget} asks from {@code seed}. */
    public Result run(SearchStrategyKind kind, int budget, long seed) {
        SearchStrategy strategy = Strategies.create(kind, space.sizes(), seed, budget);
        double[] trace = new double[budget];
        Arrays.fill(trace, Double.POSITIVE_INFINITY);
        Set<List<Object>> seen = new HashSet<>();
        Map<List<Object>, Eval> feasible = new HashMap<>();
        int infeasible = 0;
        int asks = 0;
        double best = Double.POSITIVE_INFINITY;
        while (asks < budget) {
            Optional<int[]> next = strategy.next();
            if (next.isEmpty()) {
                break;
            }
            OperatorSpace.Resolved r = space.resolve(next.get());
            asks++;
            boolean first = seen.add(r.key());
            double score;
            if (r.feasible()) {
                Eval e = price(r, first ? seen.size() : 0);
                if (first) {
                    feasible.put(r.key(), new Eval(e.candidate(), e.placement(), e.cost(), e.price(), seen.size()));
                }
                score = e.price().score();
            } else {
                if (first) {
                    infeasible++;
                }
                score = Double.POSITIVE_INFINITY;
            }
            strategy.report(score);
            best = Math.min(best, score);
            trace[asks - 1] = best;
        }
        for (int i = Math.max(1, asks); i < budget; i++) {
            trace[i] = trace[i - 1];
        }
        List<Eval> ranked = new ArrayList<>(feasible.values());
        // cheapest first; on a tie, the one evaluated first (the anchor, the scheduler's choice, is asked first)
        ranked.sort((a, b) -> a.price().score() != b.price().score()
                ? Double.compare(a.price().score(), b.price().score()) : Integer.compare(a.order(), b.order()));
        return new Result(kind, ranked.isEmpty() ? null : ranked.get(0), ranked.size() < 2 ? null : ranked.get(1),
                asks, seen.size(), infeasible, trace, ranked);
    }

    private Eval price(OperatorSpace.Resolved r, int order) {
        Object hit = cache.get(r.key());
        if (hit instanceof Eval e) {
            return e;
        }
        OpCost cost = model.cost(space.node(), r.placement(), arch);
        Eval e = new Eval(r.candidate(), r.placement(), cost, pricer.price(cost, weight), order);
        cache.put(r.key(), e);
        return e;
    }
}
