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
        ArchFacts facts = new ArchFacts(arch, null);
        for (OpNode n : nodes) {
            candidates.put(n, placements(n, arch, mapping, facts));
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
        Map<String, Intervals> busy = new HashMap<>(); // unit -> its busy intervals
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
                long start = busy.computeIfAbsent(ps.get(i).unitName(), u -> new Intervals()).earliestGap(ready, est[i]);
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
        return new Prepared(new GraphShape(graph), arch, null);
    }

    /** As {@link #prepare(DataflowGraph, Architecture)}, with the graph's shape worked out before (and shared). */
    public Prepared prepare(GraphShape shape, Architecture arch) {
        return new Prepared(shape, arch, null);
    }

    /**
     * As {@link #prepare(GraphShape, Architecture)}, taking automatic tilings from (and adding them to) a memo shared
     * across points; the cost model must be the caching {@code OperatorModel} (see {@link TilingMemo}).
     */
    public Prepared prepare(GraphShape shape, Architecture arch, TilingMemo tilings) {
        return new Prepared(shape, arch, tilings);
    }

    /**
     * What a prepared scheduler reads of a graph alone: its adjacency as int arrays, its node and operator names, its
     * fusion groups (with what planning their on-chip tensors reads of the graph), worked out once per graph instance
     * and shared by the prepared schedulers of every architecture it runs on. Immutable, thread-safe.
     */
    public static final class GraphShape {
        private final DataflowGraph graph;
        private final List<OpNode> nodes;
        private final int[][] preds;
        private final int[][] succs;
        private final List<String>[] after;
        private final Set<String> known = new HashSet<>();
        /** Members (node indices) of each fusion group. */
        private final int[][] groups;
        private final OnChipPlanner.Group[] groupPlans;

        @SuppressWarnings("unchecked")
        public GraphShape(DataflowGraph graph) {
            this.graph = graph;
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
            }
            List<List<OpNode>> members = OnChipPlanner.groups(graph);
            groups = new int[members.size()][];
            groupPlans = new OnChipPlanner.Group[members.size()];
            for (int g = 0; g < groups.length; g++) {
                groups[g] = members.get(g).stream().mapToInt(index::get).toArray();
                groupPlans[g] = new OnChipPlanner.Group(graph, members.get(g));
            }
        }

        public DataflowGraph graph() {
            return graph;
        }
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
        private final Set<String> known;
        /** Per node: its candidate placements (before the on-chip plan) by the mapping entry that applies to it. */
        private final List<Map<Object, List<Placement>>> placementsByMapping = new ArrayList<>();
        /** Per node: candidates with an on-chip plan applied, and their estimates. */
        private final List<List<Estimated>> estimated = new ArrayList<>();
        /** Members (node indices) of each fusion group. */
        private final int[][] groups;
        private final OnChipPlanner.Group[] groupPlans;
        /** Per fusion group: its on-chip plans by the members' candidate lists (compared by identity). */
        private final List<List<Planned>> plans = new ArrayList<>();

        /** @param units each placement's unit, numbered in {@link #unitIndex} */
        private record Estimated(List<Placement> base, io.sparcade.dataflow.OnChip kept, List<Placement> placements,
                                 long[] estimates, int[] units) {
        }

        private final ArchFacts facts;

        /** The units the placements name, numbered as first met. */
        private final Map<String, Integer> unitIndex = new HashMap<>();

        /** @param kept the members' on-chip tensors, null when nothing spills */
        private record Planned(List<Placement>[] candidates, io.sparcade.dataflow.OnChip[] kept) {
        }

        private Prepared(GraphShape shape, Architecture arch, TilingMemo tilings) {
            this.graph = shape.graph;
            this.arch = arch;
            this.facts = new ArchFacts(arch, tilings);
            this.nodes = shape.nodes;
            this.preds = shape.preds;
            this.succs = shape.succs;
            this.after = shape.after;
            this.known = shape.known;
            this.groups = shape.groups;
            this.groupPlans = shape.groupPlans;
            for (int i = 0; i < nodes.size(); i++) {
                placementsByMapping.add(new HashMap<>());
                estimated.add(new ArrayList<>());
            }
            for (int g = 0; g < groups.length; g++) {
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
                    ps = placements(v, arch, mapping, facts);
                    cache.put(entry, ps);
                }
                base[i] = ps;
            }
            io.sparcade.dataflow.OnChip[] kept = plan(base);
            List<Placement>[] cand = new List[n];
            long[][] est = new long[n][];
            int[][] unitsOf = new int[n][];
            for (int i = 0; i < n; i++) {
                OpNode v = nodes.get(i);
                io.sparcade.dataflow.OnChip k = kept[i];
                Estimated found = null;
                for (Estimated e : estimated.get(i)) {
                    if (e.base() == base[i] && (e.kept() == k || e.kept().equals(k))) {
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
                    int[] us = new int[ps.size()];
                    for (int j = 0; j < ps.size(); j++) {
                        us[j] = unitIndex.computeIfAbsent(ps.get(j).unitName(), u -> unitIndex.size());
                    }
                    found = new Estimated(base[i], k, ps, es, us);
                    estimated.get(i).add(found);
                }
                cand[i] = found.placements();
                est[i] = found.estimates();
                unitsOf[i] = found.units();
            }
            long[] priority = new long[n];
            for (int i = n - 1; i >= 0; i--) {
                long best = 0;
                for (int s : succs[i]) {
                    best = Math.max(best, priority[s]);
                }
                priority[i] = best + min(est[i]);
            }
            // as schedule(): each unit's busy intervals (numbered units instead of names), ready nodes by priority then
            // index (an int heap instead of boxed integers; the order is total, so nodes leave in the same order)
            Intervals[] busy = new Intervals[unitIndex.size()];
            long[] finish = new long[n];
            int[] heap = new int[n];
            int heapSize = 0;
            int[] waiting = new int[n];
            for (int i = 0; i < n; i++) {
                waiting[i] = preds[i].length;
                if (waiting[i] == 0) {
                    heapSize = push(heap, heapSize, i, priority);
                }
            }
            List<Placed> placed = new ArrayList<>(n);
            while (heapSize > 0) {
                int pick = heap[0];
                heapSize = pop(heap, heapSize, priority);
                long ready = 0;
                for (int p : preds[pick]) {
                    ready = Math.max(ready, finish[p]);
                }
                List<Placement> ps = cand[pick];
                long[] es = est[pick];
                int[] us = unitsOf[pick];
                Placement chosen = null;
                int chosenUnit = -1;
                long chosenEnd = Long.MAX_VALUE;
                long chosenEst = 0;
                long chosenStart = ready;
                for (int i = 0; i < ps.size(); i++) {
                    Intervals b = busy[us[i]];
                    if (b == null) {
                        b = busy[us[i]] = new Intervals();
                    }
                    long start = b.earliestGap(ready, es[i]);
                    if (start + es[i] < chosenEnd) {
                        chosen = ps.get(i);
                        chosenUnit = us[i];
                        chosenStart = start;
                        chosenEnd = start + es[i];
                        chosenEst = es[i];
                    }
                }
                if (chosen == null) {
                    chosenEnd = ready;
                } else {
                    busy[chosenUnit].put(chosenStart, chosenEnd);
                }
                finish[pick] = chosenEnd;
                placed.add(new Placed(nodes.get(pick), chosen, after[pick], chosenEst, chosenStart, priority[pick]));
                for (int succ : succs[pick]) {
                    if (--waiting[succ] == 0) {
                        heapSize = push(heap, heapSize, succ, priority);
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
                    for (int j = 0; j < members.length; j++) {
                        mine[j] = base[members[j]];
                    }
                    found = new Planned(mine, groupPlans[g].plan(arch, mine));
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

    /**
     * A unit's busy intervals: sorted by start, non-overlapping; {@link #put} replaces the end of an interval that
     * starts where an earlier one does.
     */
    private static final class Intervals {
        private long[] starts = new long[8];
        private long[] ends = new long[8];
        private int size;

        /** The earliest start at or after {@code ready} where {@code length} cycles fit between the intervals. */
        long earliestGap(long ready, long length) {
            long t = ready;
            // the last interval starting at or before ready (intervals do not overlap: those starting earlier end
            // earlier); none: from the first
            int lo = 0;
            int hi = size - 1;
            int from = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (starts[mid] <= ready) {
                    from = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            for (int i = Math.max(0, from); i < size; i++) {
                if (ends[i] <= t) {
                    continue;
                }
                if (starts[i] >= t + length) {
                    return t;
                }
                t = Math.max(t, ends[i]);
            }
            return t;
        }

        void put(long start, long end) {
            int lo = 0;
            int hi = size - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (starts[mid] < start) {
                    lo = mid + 1;
                } else if (starts[mid] > start) {
                    hi = mid - 1;
                } else {
                    ends[mid] = end;
                    return;
                }
            }
            if (size == starts.length) {
                starts = java.util.Arrays.copyOf(starts, 2 * size);
                ends = java.util.Arrays.copyOf(ends, 2 * size);
            }
            System.arraycopy(starts, lo, starts, lo + 1, size - lo);
            System.arraycopy(ends, lo, ends, lo + 1, size - lo);
            starts[lo] = start;
            ends[lo] = end;
            size++;
        }
    }

    /** Whether node a leaves the ready heap before b: higher priority first, then lower index (as schedule()). */
    private static boolean before(int a, int b, long[] priority) {
        int c = Long.compare(-priority[a], -priority[b]);
        return c < 0 || (c == 0 && a < b);
    }

    private static int push(int[] heap, int size, int x, long[] priority) {
        int i = size;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(x, heap[parent], priority)) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = x;
        return size + 1;
    }

    /** Removes the heap's first node; returns the new size. */
    private static int pop(int[] heap, int size, long[] priority) {
        int last = heap[--size];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && before(heap[c + 1], heap[c], priority)) {
                c++;
            }
            if (!before(heap[c], last, priority)) {
                break;
            }
            heap[i] = heap[c];
            i = c;
        }
        if (size > 0) {
            heap[i] = last;
        }
        return size;
    }

    /**
     * What {@link #placements} reads of an architecture alone (the units that can run a work, a buffer's budget), kept
     * for one architecture instance: a prepared scheduler asks for the same ones for every
     * node and mapping entry. Not thread-safe.
     */
    private static final class ArchFacts {
        private final Architecture arch;
        private final Map<io.sparcade.dataflow.Work, List<String>> units = new java.util.IdentityHashMap<>();
        private final Map<String, Long> budgets = new HashMap<>();
        /** Tilings shared across points, or null. */
        private final TilingMemo tilings;

        ArchFacts(Architecture arch, TilingMemo tilings) {
            this.arch = arch;
            this.tilings = tilings;
        }

        List<String> units(io.sparcade.dataflow.Work w) {
            return units.computeIfAbsent(w, x -> List.copyOf(Compatibility.units(arch, x)));
        }

        long budget(String buffer) {
            return budgets.computeIfAbsent(buffer, b -> Tiler.budget(arch, b));
        }
    }

    /** @param facts what is kept of the architecture (by a prepared scheduler across mappings, or for one schedule) */
    private List<Placement> placements(OpNode n, Architecture arch, Mapping mapping, ArchFacts facts) {
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
            facts.units(n.work()).forEach(name -> units.put(name, (ComputeUnitSpec) arch.units().get(name)));
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
                            facts.budget(u.buffer()),
                            mappingSource + ": operators." + key + ".tile");
                } else {
                    try {
                        tiling = facts.tilings != null
                                ? facts.tilings.autoTiling(cost, n, g, e.getKey(), u, sparse, arch,
                                        m == null ? null : m.loopOrder(), facts.budget(u.buffer()))
                                : autoTiling(cost, n, g, e.getKey(), u, sparse, arch, m == null ? null : m.loopOrder());
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

    /**
     * Automatic tilings shared across the prepared schedulers of a sweep (the fast path), by value. The key is every
     * input of {@link #autoTiling}: the node's work, on-chip tensors and name, the unit's name and spec, the sparse
     * mode, the loop order, and what it reads of the architecture (the unit's buffer, the buffer's budget, the DRAM
     * stream floor, the DRAM and the clock); with a cost model whose cycles are a function of the node's work and
     * on-chip tensors, the placement, its buffer, the DRAM and the clock (the caching {@code OperatorModel}), two equal
     * keys choose the same tile. Points that differ only in units the node does not run on (spatten's top-k and
     * softmax lanes) share their tilings. A refusal (no tile fits) is not kept. Thread-safe; at most 2^14 entries
     * (then it starts over).
     */
    public static final class TilingMemo {
        static final int MAX_ENTRIES = 1 << 14;
        private final java.util.concurrent.ConcurrentHashMap<TilingKey, TilePlan> tilings =
                new java.util.concurrent.ConcurrentHashMap<>(1 << 10);

        TilePlan autoTiling(CostModel cost, OpNode n, GemmWork g, String unitName, ComputeUnitSpec u, boolean sparse,
                            Architecture arch, io.sparcade.model.mapping.LoopOrder order, long budget) {
            TilingKey key = new TilingKey(g, n.onChip(), n.name(), unitName, u, sparse, order, arch.bufferOf(u), budget,
                    Tiler.streamFloorBytes(arch), arch.dram(), arch.clockMhz());
            TilePlan t = tilings.get(key);
            if (t == null) {
                t = ListScheduler.autoTiling(cost, n, g, unitName, u, sparse, arch, order);
                if (tilings.size() >= MAX_ENTRIES) {
                    tilings.clear();
                }
                tilings.put(key, t);
            }
            return t;
        }
    }

    /** See {@link TilingMemo}. */
    private record TilingKey(GemmWork work, io.sparcade.dataflow.OnChip onChip, String node, String unitName,
                             ComputeUnitSpec unit, boolean sparse, io.sparcade.model.mapping.LoopOrder order,
                             io.sparcade.model.arch.BufferSpec buffer, long budget, long streamFloor,
                             io.sparcade.model.arch.DramSpec dram, double clockMhz) {
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

    private static long min(long[] xs) {
        long m = xs.length == 0 ? 0 : Long.MAX_VALUE;
        for (long x : xs) {
            m = Math.min(m, x);
        }
        return m;
    }
}
