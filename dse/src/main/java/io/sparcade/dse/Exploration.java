package io.sparcade.dse;

import io.sparcade.dse.eval.PointResult;
import io.sparcade.dse.exec.SweepExecutor;
import io.sparcade.dse.search.Nsga2Search;
import io.sparcade.dse.search.ParetoSearch;
import io.sparcade.dse.search.ParetoSearch.Outcome;
import io.sparcade.dse.sweep.DesignSpec;
import io.sparcade.dse.sweep.ExploreSpec;
import io.sparcade.dse.sweep.Metric;
import io.sparcade.dse.sweep.SweepSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep explored instead of enumerated: the budget is shared among the design groups in proportion to their
 * sizes; a group whose share covers it is evaluated whole, every other group is searched by NSGA-II over its axis
 * value indices, towards the Pareto front in the sweep's objectives with the group's constraints (constrained
 * domination; a failed point counts as the most infeasible).
 *
 * <p>Groups advance together, one generation per round, and each round's new points go to the executor as one
 * batch, so a round runs in parallel on every thread or cluster member. A point proposed again is answered from
 * what was measured; only new points count against the budget. The search is deterministic from the exploration's
 * seed and the measured values, so a resumed run replays it, answering the points already in {@code points.csv}
 * from there, and ends with exactly the points an uninterrupted run evaluates.
 */
final class Exploration {
    /** Fewest points a group is given (a few generations of the smallest population). */
    static final int MIN_PER_GROUP = 16;
    /** A group stops after this many generations in a row that propose no new point (it has converged). */
    static final int MAX_STALE_GENERATIONS = 25;
    /** Points of a group evaluated whole that are sent per round. */
    private static final int ENUMERATION_CHUNK = 4096;

    /** Writes a newly evaluated point and returns its row. */
    @FunctionalInterface
    interface Recorder {
        Map<String, String> record(PointResult result) throws Exception;
    }

    private final SweepSpec sweep;
    private final List<GroupRun> groups = new ArrayList<>();
    /** Every point proposed so far in this run: each counts once against its group's budget. */
    private final Set<Long> proposed = new HashSet<>();

    Exploration(SweepSpec sweep) {
        this.sweep = sweep;
        ExploreSpec spec = sweep.explore();
        List<SweepSpec.Group> gs = sweep.groups();
        long total = sweep.size();
        long budget = spec.budget();
        long minimum = 0;
        for (SweepSpec.Group g : gs) {
            minimum += Math.min(g.size(), MIN_PER_GROUP);
        }
        if (budget < minimum) {
            throw new IllegalArgumentException(sweep.source() + ": explore.budget " + budget + " is too small for "
                    + gs.size() + " design groups: give at least " + minimum);
        }
        // Shares in proportion to the group sizes (largest remainders), at least MIN_PER_GROUP, at most the group.
        long[] share = new long[gs.size()];
        double[] rest = new double[gs.size()];
        long given = 0;
        for (int i = 0; i < gs.size(); i++) {
            double exact = (double) budget * gs.get(i).size() / total;
            share[i] = Math.min(gs.get(i).size(), Math.max(Math.min(gs.get(i).size(), MIN_PER_GROUP), (long) exact));
            rest[i] = exact - Math.floor(exact);
            given += share[i];
        }
        while (given < budget) {
            int pick = -1;
            for (int i = 0; i < gs.size(); i++) {
                if (share[i] < gs.get(i).size() && (pick < 0 || rest[i] > rest[pick])) {
                    pick = i;
                }
            }
            if (pick < 0) {
                break;
            }
            share[pick]++;
            rest[pick] = -1;
            given++;
        }
        while (given > budget) {
            int pick = 0;
            for (int i = 1; i < gs.size(); i++) {
                if (share[i] - MIN_PER_GROUP > share[pick] - MIN_PER_GROUP) {
                    pick = i;
                }
            }
            share[pick]--;
            given--;
        }
        for (int i = 0; i < gs.size(); i++) {
            SweepSpec.Group g = gs.get(i);
            DesignSpec ds = sweep.designs().get(g.design());
            int[] sizes = ds.axes().stream().mapToInt(a -> a.values().size()).toArray();
            ParetoSearch search = share[i] >= g.size() ? null : new Nsga2Search(sizes, sweep.objectives().size(),
                    populationFor(share[i]), groupSeed(spec.seed(), i), List.of());
            groups.add(new GroupRun(g, share[i], search));
        }
    }

    /**
     * Population for a group's budget: a fifth of it, so the search runs about five generations, between 8 and 100
     * (Deb et al. use 100). Measured on the default sweep (16 seeds, 15 % of the points): a tenth recovers a few
     * percent less of the worst group's exhaustive hypervolume, because a small population converges on part of
     * the front; a third leaves too few generations.
     */
    static int populationFor(long budget) {
        return (int) Math.max(8, Math.min(100, budget / 5));
    }

    /** Budget of each group, in group order. */
    List<Long> shares() {
        return groups.stream().map(g -> g.budget).toList();
    }

    /** The most points this exploration evaluates. */
    long planned() {
        return groups.stream().mapToLong(g -> g.budget).sum();
    }

    /**
     * Runs the exploration.
     *
     * @param known    outcomes of points already measured (a resumed run's rows), by id; the new ones are added
     * @param recorder writes each newly evaluated point
     */
    void run(SweepExecutor executor, Map<Long, Outcome> known, Recorder recorder) throws Exception {
        while (groups.stream().anyMatch(g -> !g.done)) {
            LinkedHashSet<Long> fresh = new LinkedHashSet<>();
            for (GroupRun g : groups) {
                if (!g.done) {
                    g.propose(known, fresh);
                }
            }
            if (!fresh.isEmpty()) {
                executor.execute(sweep, fresh.stream().map(sweep::point).iterator(),
                        r -> known.put(r.point().id(), outcome(sweep, recorder.record(r))));
            }
            for (GroupRun g : groups) {
                if (!g.done) {
                    g.answer(known);
                }
            }
        }
    }

    /** The outcome a row reports, from its CSV values (so a resumed run sees exactly what the first run saw). */
    static Outcome outcome(SweepSpec sweep, Map<String, String> row) {
        List<Metric> objectives = sweep.objectives();
        if (!"ok".equals(row.get("status"))) {
            return Outcome.failed(objectives.size());
        }
        double[] v = new double[objectives.size()];
        for (int m = 0; m < v.length; m++) {
            v[m] = Double.parseDouble(row.get(objectives.get(m).column()));
            if (!Double.isFinite(v[m])) {
                return Outcome.failed(objectives.size());
            }
        }
        if ("true".equals(row.get("feasible"))) {
            return new Outcome(v, 0);
        }
        double violation = 0;
        DesignSpec ds = sweep.designs().get(Integer.parseInt(row.get("design")));
        for (Map.Entry<Metric, Double> c : ds.constraints().entrySet()) {
            double x = Double.parseDouble(row.get(c.getKey().column()));
            violation += Math.max(0, x / c.getValue() - 1);
        }
        return new Outcome(v, Math.max(violation, Double.MIN_NORMAL));
    }

    /** A group's own seed: the exploration's seed mixed with the group index (SplitMix64 finaliser). */
    static long groupSeed(long seed, int group) {
        long z = seed + 0x9E3779B97F4A7C15L * (group + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One group's progress. */
    private final class GroupRun {
        final SweepSpec.Group group;
        final long budget;
        final ParetoSearch search;
        long used;
        long nextId;
        int stale;
        boolean done;
        List<Long> asked;
        boolean proposedNew;
        boolean cut;

        GroupRun(SweepSpec.Group group, long budget, ParetoSearch search) {
            this.group = group;
            this.budget = budget;
            this.search = search;
            this.nextId = group.first();
            this.done = budget == 0;
        }

        /** Adds this round's new points to {@code fresh}; counts every distinct point against the budget. */
        void propose(Map<Long, Outcome> known, LinkedHashSet<Long> fresh) {
            if (search == null) {
                long end = group.first() + group.size();
                int n = 0;
                while (nextId < end && n < ENUMERATION_CHUNK) {
                    if (!known.containsKey(nextId)) {
                        fresh.add(nextId);
                        n++;
                    }
                    nextId++;
                    used++;
                }
                return;
            }
            List<int[]> points = search.ask();
            if (points.isEmpty()) {
                done = true;
                return;
            }
            asked = new ArrayList<>(points.size());
            proposedNew = false;
            for (int[] p : points) {
                long id = sweep.id(group, p);
                asked.add(id);
                if (proposed.contains(id)) {
                    continue;
                }
                if (used < budget) {
                    // A point a resumed run already holds counts as it did when it was first evaluated.
                    proposed.add(id);
                    used++;
                    proposedNew = true;
                    if (!known.containsKey(id)) {
                        fresh.add(id);
                    }
                } else {
                    cut = true;
                }
            }
        }

        /** Tells the search what its generation measured; decides whether the group is done. */
        void answer(Map<Long, Outcome> known) {
            if (search == null) {
                done = nextId >= group.first() + group.size();
                return;
            }
            if (asked == null) {
                return;
            }
            if (cut) {
                done = true;
                return;
            }
            List<Outcome> outcomes = new ArrayList<>(asked.size());
            for (long id : asked) {
                outcomes.add(known.get(id));
            }
            search.tell(outcomes);
            asked = null;
            stale = proposedNew ? 0 : stale + 1;
            done = used >= budget || stale >= MAX_STALE_GENERATIONS;
        }
    }
}
