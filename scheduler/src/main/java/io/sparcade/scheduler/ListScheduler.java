package io.sparcade.scheduler;

import io.sparcade.dataflow.DataflowGraph;
import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OpNode;
import io.sparcade.dataflow.ViewWork;
import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.ComputeUnitSpec;
import io.sparcade.model.arch.UnitSpec;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.mapping.OpMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * List scheduling with insertion: each node may run on the units compatible with its work (or the one its
 * mapping names); ready nodes are taken in order of critical-path priority (longest estimated path to the end
 * of the graph), each placed on the candidate unit where it would finish first, in the earliest idle interval
 * of that unit that starts after its inputs are ready and is long enough. The firings are listed in order of
 * their estimated start, which is the order each unit takes them in.
 */
public final class ListScheduler implements Scheduler {
    private final CostModel cost;
    private final String mappingSource;

    /**
     * @param cost          estimates cycles of a placed node
     * @param mappingSource where the mapping came from, for error messages
     */
    public ListScheduler(CostModel cost, String mappingSource) {
        this.cost = cost;
        this.mappingSource = mappingSource;
    }

    @Override
    public Schedule schedule(DataflowGraph graph, Architecture arch, Mapping mapping) {
        checkMappingKeys(graph, mapping);
        List<OpNode> nodes = graph.nodes();
        Map<OpNode, List<Placement>> candidates = new HashMap<>();
        Map<OpNode, long[]> estimates = new HashMap<>();
        for (OpNode n : nodes) {
            candidates.put(n, placements(n, arch, mapping));
        }
        Map<OpNode, io.sparcade.dataflow.OnChip> kept = OnChipPlanner.plan(graph, arch, candidates);
        for (OpNode n : nodes) {
            List<Placement> ps = candidates.get(n).stream().map(p -> p.withOnChip(kept.get(n))).toList();
            long[] est = new long[ps.size()];
            for (int i = 0; i < ps.size(); i++) {
                est[i] = cost.cycles(n, ps.get(i), arch);
            }
            candidates.put(n, ps);
            estimates.put(n, est);
        }
        Map<OpNode, Long> priority = new HashMap<>();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            OpNode n = nodes.get(i);
            long best = 0;
            for (OpNode s : graph.successors(n)) {
                best = Math.max(best, priority.get(s));
            }
            priority.put(n, best + min(estimates.get(n)));
        }
        Map<String, java.util.TreeMap<Long, Long>> busy = new HashMap<>(); // unit -> start -> end
        Map<OpNode, Long> finish = new HashMap<>();
        Map<OpNode, Integer> order = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            order.put(nodes.get(i), i);
        }
        // Ready nodes by priority, then by graph order; a node becomes ready when all its inputs are placed.
        java.util.PriorityQueue<OpNode> readyQueue = new java.util.PriorityQueue<>(
                java.util.Comparator.comparingLong((OpNode n) -> -priority.get(n)).thenComparingInt(order::get));
        Map<OpNode, Integer> waiting = new HashMap<>();
        for (OpNode n : nodes) {
            int preds = graph.predecessors(n).size();
            waiting.put(n, preds);
            if (preds == 0) {
                readyQueue.add(n);
            }
        }
        List<Placed> placed = new ArrayList<>();
        while (!readyQueue.isEmpty()) {
            OpNode pick = readyQueue.poll();
            long ready = 0;
            List<String> after = new ArrayList<>();
            for (OpNode p : graph.predecessors(pick)) {
                ready = Math.max(ready, finish.get(p));
                after.add(p.name());
            }
            List<Placement> ps = candidates.get(pick);
            long[] est = estimates.get(pick);
            Placement chosen = null;
            long chosenEnd = Long.MAX_VALUE;
            long chosenEst = 0;
            long chosenStart = ready;
            for (int i = 0; i < ps.size(); i++) {
                long start = earliestGap(busy.computeIfAbsent(ps.get(i).unitName(), u -> new java.util.TreeMap<>()),
                        ready, est[i]);
                if (start + est[i] < chosenEnd) {
                    chosen = ps.get(i);
                    chosenStart = start;
                    chosenEnd = start + est[i];
                    chosenEst = est[i];
                }
            }
            if (chosen == null) {
                chosenEnd = ready;
            } else {
                busy.get(chosen.unitName()).put(chosenStart, chosenEnd);
            }
            finish.put(pick, chosenEnd);
            placed.add(new Placed(pick, chosen, after, chosenEst, chosenStart, priority.get(pick)));
            for (OpNode succ : graph.successors(pick)) {
                if (waiting.merge(succ, -1, Integer::sum) == 0) {
                    readyQueue.add(succ);
                }
            }
        }
        // Issue order = estimated start (ties: placement order), so each unit's order matches its timeline.
        placed.sort(java.util.Comparator.comparingLong(Placed::start));
        List<Firing> firings = new ArrayList<>();
        for (Placed p : placed) {
            firings.add(new Firing(firings.size(), p.node(), p.placement(), p.after(), p.estimate(), p.priority()));
        }
        return new Schedule(arch, graph, firings);
    }

    /**
     * The scheduler bound to one graph and architecture, for scheduling it under many mappings (a mapping search):
     * the graph's adjacency is turned into int arrays once, and each node's candidate placements (per mapping of
     * that node) and their cost estimates (per on-chip plan) are kept, so a mapping that changes one operator
     * recomputes only what depends on it. Its schedules are identical to {@link #schedule}'s, which stays the
     * straightforward reference. Not thread-safe: one search uses it at a time.
     */
    public Prepared prepare(DataflowGraph graph, Architecture arch) {
        return new Prepared(graph, arch);
    }

    /** See {@link #prepare}. */
    public final class Prepared {
        private static final Object NO_MAPPING = new Object();
        private final DataflowGraph graph;
        private final Architecture arch;
        private final List<OpNode> nodes;
        private final int[][] preds;
        private final int[][] succs;
        private final List<String>[] after;
        private final Set<String> known = new HashSet<>();
        /** Per node: its candidate placements (before the on-chip plan) by the mapping entry that applies to it. */
        private final List<Map<Object, List<Placement>>> placementsByMapping = new ArrayList<>();
        /** Per node: candidates with an on-chip plan applied, and their estimates. */
        private final List<List<Estimated>> estimated = new ArrayList<>();
        /** Members (node indices) of each fusion group. */
        private final int[][] groups;
        /** Per fusion group: its on-chip plans by the members' candidate lists (compared by identity). */
        private final List<List<Planned>> plans = new ArrayList<>();

        private record Estimated(List<Placement> base, io.sparcade.dataflow.OnChip kept, List<Placement> placements,
                                 long[] estimates) {
        }

        /** @param kept the members' on-chip tensors, null when nothing spills */
        private record Planned(List<Placement>[] candidates, io.sparcade.dataflow.OnChip[] kept) {
        }

        @SuppressWarnings("unchecked")
        private Prepared(DataflowGraph graph, Architecture arch) {
            this.graph = graph;
            this.arch = arch;
            this.nodes = graph.nodes();
            int n = nodes.size();
            Map<OpNode, Integer> index = new java.util.IdentityHashMap<>();
            for (int i = 0; i < n; i++) {
                index.put(nodes.get(i), i);
            }
            preds = new int[n][];
            succs = new int[n][];
            after = new List[n];
            for (int i = 0; i < n; i++) {
                OpNode v = nodes.get(i);
                known.add(v.name());
                known.add(v.operator().name());
                List<OpNode> ps = graph.predecessors(v);
                preds[i] = new int[ps.size()];
                String[] names = new String[ps.size()];
                for (int j = 0; j < ps.size(); j++) {
                    preds[i][j] = index.get(ps.get(j));
                    names[j] = ps.get(j).name();
                }
                after[i] = List.of(names);
                List<OpNode> ss = graph.successors(v);
                succs[i] = new int[ss.size()];
                for (int j = 0; j < ss.size(); j++) {
                    succs[i][j] = index.get(ss.get(j));
                }
                placementsByMapping.add(new HashMap<>());
                estimated.add(new ArrayList<>());
            }
            List<List<OpNode>> members = OnChipPlanner.groups(graph);
            groups = new int[members.size()][];
            for (int g = 0; g < groups.length; g++) {
                groups[g] = members.get(g).stream().mapToInt(index::get).toArray();
                plans.add(new ArrayList<>());
            }
        }

        /** The schedule under {@code mapping}, identical to {@code schedule(graph, arch, mapping)}. */
        public Schedule schedule(Mapping mapping) {
            for (String key : mapping.operators().keySet()) {
                if (!known.contains(key)) {
                    checkMappingKeys(graph, mapping); // names the unknown key
                }
            }
            int n = nodes.size();
            @SuppressWarnings("unchecked")
            List<Placement>[] base = new List[n];
            for (int i = 0; i < n; i++) {
                OpNode v = nodes.get(i);
                Object entry = v.work() instanceof ViewWork ? NO_MAPPING
                        : mapping.of(v.name()).or(() -> mapping.of(v.operator().name())).map(o -> (Object) o).orElse(NO_MAPPING);
                Map<Object, List<Placement>> cache = placementsByMapping.get(i);
                List<Placement> ps = cache.get(entry);
                if (ps == null) {
                    ps = placements(v, arch, mapping);
                    cache.put(entry, ps);
                }
                base[i] = ps;
            }
            io.sparcade.dataflow.OnChip[] kept = plan(base);
            List<Placement>[] cand = new List[n];
            long[][] est = new long[n][];
            for (int i = 0; i < n; i++) {
                OpNode v = nodes.get(i);
                io.sparcade.dataflow.OnChip k = kept[i];
                Estimated found = null;
                for (Estimated e : estimated.get(i)) {
                    if (e.base() == base[i] && e.kept().equals(k)) {
                        found = e;
                        break;
                    }
                }
                if (found == null) {
                    List<Placement> ps = base[i].stream().map(p -> p.withOnChip(k)).toList();
                    long[] es = new long[ps.size()];
                    for (int j = 0; j < ps.size(); j++) {
                        es[j] = cost.cycles(v, ps.get(j), arch);
                    }
                    found = new Estimated(base[i], k, ps, es);
                    estimated.get(i).add(found);
                }
                cand[i] = found.placements();
                est[i] = found.estimates();
            }
            long[] priority = new long[n];
            for (int i = n - 1; i >= 0; i--) {
                long best = 0;
                for (int s : succs[i]) {
                    best = Math.max(best, priority[s]);
                }
                priority[i] = best + min(est[i]);
            }
            Map<String, java.util.TreeMap<Long, Long>> busy = new HashMap<>();
            long[] finish = new long[n];
            java.util.PriorityQueue<Integer> readyQueue = new java.util.PriorityQueue<>(
                    java.util.Comparator.comparingLong((Integer i) -> -priority[i]).thenComparingInt(i -> i));
            int[] waiting = new int[n];
            for (int i = 0; i < n; i++) {
                waiting[i] = preds[i].length;
                if (waiting[i] == 0) {
                    readyQueue.add(i);
                }
            }
            List<Placed> placed = new ArrayList<>();
            while (!readyQueue.isEmpty()) {
                int pick = readyQueue.poll();
                long ready = 0;
                for (int p : preds[pick]) {
                    ready = Math.max(ready, finish[p]);
                }
                List<Placement> ps = cand[pick];
                long[] es = est[pick];
                Placement chosen = null;
                long chosenEnd = Long.MAX_VALUE;
                long chosenEst = 0;
                long chosenStart = ready;
                for (int i = 0; i < ps.size(); i++) {
                    long start = earliestGap(busy.computeIfAbsent(ps.get(i).unitName(), u -> new java.util.TreeMap<>()),
                            ready, es[i]);
                    if (start + es[i] < chosenEnd) {
                        chosen = ps.get(i);
                        chosenStart = start;
                        chosenEnd = start + es[i];
                        chosenEst = es[i];
                    }
                }
                if (chosen == null) {
                    chosenEnd = ready;
                } else {
                    busy.get(chosen.unitName()).put(chosenStart, chosenEnd);
                }
                finish[pick] = chosenEnd;
                placed.add(new Placed(nodes.get(pick), chosen, after[pick], chosenEst, chosenStart, priority[pick]));
                for (int succ : succs[pick]) {
                    if (--waiting[succ] == 0) {
                        readyQueue.add(succ);
                    }
                }
            }
            placed.sort(java.util.Comparator.comparingLong(Placed::start));
            List<Firing> firings = new ArrayList<>(placed.size());
            for (Placed p : placed) {
                firings.add(new Firing(firings.size(), p.node(), p.placement(), p.after(), p.estimate(), p.priority()));
            }
            return new Schedule(arch, graph, firings);
        }

        /**
         * The on-chip plan for these candidate lists: each fusion group is planned on its own, once per distinct
         * set of its members' candidate lists (compared by identity); nodes of no group keep their own.
         */
        private io.sparcade.dataflow.OnChip[] plan(List<Placement>[] base) {
            io.sparcade.dataflow.OnChip[] kept = new io.sparcade.dataflow.OnChip[base.length];
            for (int i = 0; i < base.length; i++) {
                kept[i] = nodes.get(i).onChip();
            }
            for (int g = 0; g < groups.length; g++) {
                int[] members = groups[g];
                Planned found = null;
                for (Planned p : plans.get(g)) {
                    boolean same = true;
                    for (int j = 0; j < members.length && same; j++) {
                        same = p.candidates()[j] == base[members[j]];
                    }
                    if (same) {
                        found = p;
                        break;
                    }
                }
                if (found == null) {
                    @SuppressWarnings("unchecked")
                    List<Placement>[] mine = new List[members.length];
                    Map<OpNode, List<Placement>> candidates = new HashMap<>();
                    List<OpNode> memberNodes = new ArrayList<>();
                    for (int j = 0; j < members.length; j++) {
                        mine[j] = base[members[j]];
                        candidates.put(nodes.get(members[j]), mine[j]);
                        memberNodes.add(nodes.get(members[j]));
                    }
                    Map<OpNode, io.sparcade.dataflow.OnChip> planned = OnChipPlanner.planGroup(graph, arch, memberNodes, candidates);
                    io.sparcade.dataflow.OnChip[] out = null;
                    if (planned != null) {
                        out = new io.sparcade.dataflow.OnChip[members.length];
                        for (int j = 0; j < members.length; j++) {
                            out[j] = planned.get(nodes.get(members[j]));
                        }
                    }
                    found = new Planned(mine, out);
                    plans.get(g).add(found);
                }
                if (found.kept() != null) {
                    for (int j = 0; j < members.length; j++) {
                        kept[members[j]] = found.kept()[j];
                    }
                }
            }
            return kept;
        }
    }

    private List<Placement> placements(OpNode n, Architecture arch, Mapping mapping) {
        if (n.work() instanceof ViewWork) {
            return List.of();
        }
        OpMapping m = mapping.of(n.name()).or(() -> mapping.of(n.operator().name())).orElse(null);
        String key = mapping.of(n.name()).isPresent() ? n.name() : n.operator().name();
        Map<String, ComputeUnitSpec> units = new java.util.LinkedHashMap<>();
        if (m != null && m.unit() != null) {
            UnitSpec u = arch.units().get(m.unit());
            String field = "operators." + key + ".unit";
            if (u == null) {
                throw new SpecException(mappingSource, field, "architecture '" + arch.name() + "' has no unit '"
                        + m.unit() + "' (units: " + String.join(", ", arch.units().keySet()) + ")");
            }
            if (!(u instanceof ComputeUnitSpec cu) || !Compatibility.canRun(cu, n.work())) {
                throw new SpecException(mappingSource, field, "unit '" + m.unit() + "' (" + u.type() + ") cannot run '"
                        + n.name() + "' (" + n.work().describe() + "; needs " + Compatibility.needs(n.work()) + ")");
            }
            units.put(m.unit(), cu);
        } else {
            // with no top-k engine, a vector unit selects by repeated maximum (e.g. an MoE router's top-k)
            Compatibility.units(arch, n.work()).forEach(name -> units.put(name, (ComputeUnitSpec) arch.units().get(name)));
        }
        if (m != null && m.dataflow() != null) {
            String field = "operators." + key + ".dataflow";
            for (Map.Entry<String, ComputeUnitSpec> e : units.entrySet()) {
                if (!(e.getValue() instanceof io.sparcade.model.arch.NmArraySpec a) || !a.supportsDataflow(m.dataflow())) {
                    throw new SpecException(mappingSource, field, "unit '" + e.getKey() + "' (" + e.getValue().type()
                            + ") cannot run in dataflow '" + m.dataflow().id() + "'" + (e.getValue()
                            instanceof io.sparcade.model.arch.NmArraySpec a ? " (its dataflows: " + a.dataflowOptions()
                            .stream().map(io.sparcade.model.arch.Dataflow::id).toList() + ")" : "")
                            + (m.unit() == null ? "; name the unit too" : ""));
                }
                e.setValue(((io.sparcade.model.arch.NmArraySpec) e.getValue()).withDataflow(m.dataflow()));
            }
        }
        if (units.isEmpty()) {
            throw new SpecException("arch " + arch.name(), "units", "no unit can run '" + n.name() + "' ("
                    + n.work().describe() + "): add a unit of type " + Compatibility.needs(n.work()));
        }
        List<Placement> out = new ArrayList<>();
        for (Map.Entry<String, ComputeUnitSpec> e : units.entrySet()) {
            ComputeUnitSpec u = e.getValue();
            boolean sparse = Compatibility.runsSparse(u, n.work());
            TilePlan tiling = null;
            if (n.work() instanceof GemmWork g) {
                if (m != null && m.tile() != null) {
                    tiling = Tiler.fixed(g, sparse, m.tile(), m.loopOrder(), u.buffer(), arch.bufferOf(u),
                            Tiler.budget(arch, u.buffer()), mappingSource + ": operators." + key + ".tile");
                } else {
                    try {
                        tiling = autoTiling(cost, n, g, e.getKey(), u, sparse, arch, m == null ? null : m.loopOrder());
                    } catch (SpecException ex) {
                        if (units.size() == 1) {
                            throw new SpecException("arch " + arch.name(), "units." + u.buffer() + ".capacity_kib", ex.problem());
                        }
                        continue;
                    }
                }
            }
            out.add(new Placement(e.getKey(), u, sparse, tiling, n.onChip()));
        }
        if (out.isEmpty()) {
            throw new SpecException("arch " + arch.name(), "units", "no tile of '" + n.name() + "' fits the buffer of any unit that can run it");
        }
        return out;
    }

    /**
     * The automatic tiling of a GEMM-like node on a unit, as the scheduler places it: {@link Tiler#candidates} priced
     * by {@code cost} (the block model's standalone cycles, with the node's own on-chip tensors) and the cheapest
     * taken ({@link Tiler#choose}); {@code order}, when not null, is the mapping's loop order for every candidate.
     *
     * @throws SpecException when no tile fits the unit's share of its buffer
     */
    public static TilePlan autoTiling(CostModel cost, OpNode n, GemmWork g, String unitName, ComputeUnitSpec u,
                                      boolean sparse, Architecture arch, io.sparcade.model.mapping.LoopOrder order) {
        List<TilePlan> options = Tiler.candidates(g, u, sparse, unitName, u.buffer(), arch.bufferOf(u),
                Tiler.budget(arch, u.buffer()), n.name(), Tiler.streamFloorBytes(arch));
        if (order != null) {
            options = options.stream().map(t -> new TilePlan(t.tile(), order, t.footprintBytes())).toList();
        }
        return Tiler.choose(options, g, sparse, t -> cost.cycles(n, new Placement(unitName, u, sparse, t, n.onChip()), arch));
    }

    private void checkMappingKeys(DataflowGraph graph, Mapping mapping) {
        Set<String> known = new HashSet<>();
        graph.nodes().forEach(n -> {
            known.add(n.name());
            known.add(n.operator().name());
        });
        for (String key : mapping.operators().keySet()) {
            if (!known.contains(key)) {
                throw new SpecException(mappingSource, "operators." + key, "no operator or pass named '" + key + "' in workload '"
                        + graph.workload().name() + "'");
            }
        }
    }

    /** A node placed during scheduling, before the firings are put in start order. */
    private record Placed(OpNode node, Placement placement, List<String> after, long estimate, long start, long priority) {
    }

    /** The earliest start at or after {@code ready} where {@code length} cycles fit between busy intervals. */
    static long earliestGap(java.util.TreeMap<Long, Long> busy, long ready, long length) {
        long t = ready;
        Long from = busy.floorKey(ready); // intervals do not overlap: those starting earlier end earlier
        for (Map.Entry<Long, Long> b : (from == null ? busy : busy.tailMap(from, true)).entrySet()) {
            if (b.getValue() <= t) {
                continue;
            }
            if (b.getKey() >= t + length) {
                return t;
            }
            t = Math.max(t, b.getValue());
        }
        return t;
    }

    private static long min(long[] xs) {
        long m = xs.length == 0 ? 0 : Long.MAX_VALUE;
        for (long x : xs) {
            m = Math.min(m, x);
        }
        return m;
    }
}
