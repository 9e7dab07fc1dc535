package io.sparcade.scheduler;

import io.sparcade.dataflow.DataflowGraph;
import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OnChip;
import io.sparcade.dataflow.OpNode;
import io.sparcade.dataflow.VectorWork;
import io.sparcade.dataflow.ViewWork;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.BufferSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that the tensors a fusion group keeps on chip fit the buffer, and spills those that do not. A fused
 * tensor occupies the buffer while its group runs: two chunks of it (a double-buffered window) when every
 * consumer streams from it as it is produced, the whole tensor when some consumer needs all of it first (a
 * top-k over it, or a consumer that also waits for another node of the group). The group's tiles (every
 * member's tile footprint) take from the same buffer. When the group's tensors do not fit what the tiles leave,
 * the largest tensors spill until the rest fits: a spilled tensor is written to off-chip memory by its producer
 * and read back by its consumers (their {@link OnChip} loses it), and the run reports it in each node's
 * placement. Spilling is the answer rather than an error, so a design point with a small buffer still runs.
 */
public final class OnChipPlanner {
    private OnChipPlanner() {
    }

    /**
     * The on-chip tensors of every node after spilling.
     *
     * @param candidates each node's candidate placements (the first one's unit decides the buffer)
     */
    public static Map<OpNode, OnChip> plan(DataflowGraph graph, Architecture arch, Map<OpNode, List<Placement>> candidates) {
        Map<OpNode, OnChip> out = new HashMap<>();
        for (OpNode n : graph.nodes()) {
            out.put(n, n.onChip());
        }
        for (List<OpNode> members : groups(graph)) {
            Map<OpNode, OnChip> planned = planGroup(graph, arch, members, candidates);
            if (planned != null) {
                out.putAll(planned);
            }
        }
        return out;
    }

    /** The fusion groups' members, in graph order (each group is planned on its own). */
    public static List<List<OpNode>> groups(DataflowGraph graph) {
        Map<Integer, List<OpNode>> byGroup = new LinkedHashMap<>();
        for (OpNode n : graph.nodes()) {
            int g = graph.fusionGroupOf(n.operator().name());
            if (g >= 0) {
                byGroup.computeIfAbsent(g, x -> new ArrayList<>()).add(n);
            }
        }
        return new ArrayList<>(byGroup.values());
    }

    /**
     * The on-chip tensors of one fusion group's members after spilling, from their candidates alone; null when
     * nothing spills (every member keeps its node's own on-chip tensors).
     */
    public static Map<OpNode, OnChip> planGroup(DataflowGraph graph, Architecture arch, List<OpNode> members,
                                                Map<OpNode, List<Placement>> candidates) {
        @SuppressWarnings("unchecked")
        List<Placement>[] cs = new List[members.size()];
        for (int j = 0; j < cs.length; j++) {
            cs[j] = candidates.getOrDefault(members.get(j), List.of());
        }
        OnChip[] kept = new Group(graph, members).plan(arch, cs);
        if (kept == null) {
            return null;
        }
        Map<OpNode, OnChip> out = new HashMap<>();
        for (int j = 0; j < cs.length; j++) {
            out.put(members.get(j), kept[j]);
        }
        return out;
    }

    /**
     * One fusion group with what planning it reads of the graph worked out once (which members' outputs are fused
     * tensors, which of them a consumer needs whole, the views spilled with each), so a mapping search that plans
     * the group under many candidate sets, on many architectures, walks the graph once ({@link #planGroup} plans a
     * group once through it). The buffer holds every member's largest candidate tile; while the fused tensors do not
     * fit what is left, the largest spill to off-chip memory (ties in member order). Thread-safe.
     */
    public static final class Group {
        private final OpNode[] members;
        /** Members whose output is a fused tensor (kept on chip, not a view), in member order. */
        private final int[] fused;
        /** Per fused member: whether some consumer needs the whole tensor first (else two chunks of it). */
        private final boolean[] whole;
        /** Per fused member: the names that spill with it (its own and its views'). */
        private final List<List<String>> spillsWith = new ArrayList<>();
        /**
         * The members' on-chip tensors by which fused members spill (bit x: the x-th fused member), when the group
         * has at most 63 fused members: they follow from the graph and that set alone, so every plan (of any point)
         * that spills the same ones shares them.
         */
        private final java.util.concurrent.ConcurrentHashMap<Long, OnChip[]> bySpilled = new java.util.concurrent.ConcurrentHashMap<>();

        public Group(DataflowGraph graph, List<OpNode> members) {
            this.members = members.toArray(new OpNode[0]);
            List<Integer> f = new ArrayList<>();
            for (int j = 0; j < this.members.length; j++) {
                OpNode n = this.members[j];
                if (n.onChip().output() && !(n.work() instanceof ViewWork)) {
                    f.add(j);
                }
            }
            fused = f.stream().mapToInt(Integer::intValue).toArray();
            whole = new boolean[fused.length];
            for (int x = 0; x < fused.length; x++) {
                OpNode n = this.members[fused[x]];
                whole[x] = needsWhole(graph, n);
                List<String> names = new ArrayList<>();
                names.add(n.name());
                names.addAll(viewsOf(graph, n));
                spillsWith.add(List.copyOf(names));
            }
        }

        /**
         * The members' on-chip tensors after spilling, in member order, from their candidates (same order); null
         * when nothing spills. The array may be shared with other calls: do not change it.
         */
        public OnChip[] plan(Architecture arch, List<Placement>[] candidates) {
            BufferSpec buffer = null;
            long tiles = 0;
            for (List<Placement> ps : candidates) {
                if (!ps.isEmpty()) {
                    if (buffer == null) {
                        buffer = arch.bufferOf(ps.get(0).unit());
                    }
                    long max = Long.MIN_VALUE;
                    for (Placement p : ps) {
                        max = Math.max(max, p.tiling() == null ? 0 : p.tiling().footprintBytes());
                    }
                    tiles += max;
                }
            }
            if (buffer == null || fused.length == 0) {
                return null;
            }
            long[] size = new long[fused.length];
            long need = 0;
            for (int x = 0; x < fused.length; x++) {
                OpNode n = members[fused[x]];
                size[x] = whole[x] ? n.work().outputBytes() : streamedFootprint(n, candidates[fused[x]]);
                need += size[x];
            }
            long free = buffer.capacityBytes() - tiles;
            // largest first, ties in member order (as the stable sort of planGroup)
            Integer[] bySize = new Integer[fused.length];
            for (int x = 0; x < bySize.length; x++) {
                bySize[x] = x;
            }
            java.util.Arrays.sort(bySize, Comparator.comparingLong((Integer x) -> -size[x]));
            long mask = 0;
            boolean any = false;
            List<Integer> spills = new ArrayList<>();
            for (int x : bySize) {
                if (need <= free) {
                    break;
                }
                need -= size[x];
                any = true;
                spills.add(x);
                mask |= x < 63 ? 1L << x : 0;
            }
            if (!any) {
                return null;
            }
            if (fused.length > 63) {
                return spilledFrom(spills);
            }
            // the result is shared: callers only read it
            return bySpilled.computeIfAbsent(mask, m -> spilledFrom(spills));
        }

        private OnChip[] spilledFrom(List<Integer> spills) {
            Set<String> spilled = new HashSet<>();
            for (int x : spills) {
                spilled.addAll(spillsWith.get(x));
            }
            OnChip[] out = new OnChip[members.length];
            for (int j = 0; j < members.length; j++) {
                out[j] = OnChipPlanner.spilledFrom(members[j], spilled);
            }
            return out;
        }
    }

    /** A member's on-chip tensors without the spilled ones. */
    private static OnChip spilledFrom(OpNode n, Set<String> spilled) {
        OnChip o = n.onChip();
        Set<Integer> in = new HashSet<>(o.inputs());
        List<String> inputs = n.operator().inputs();
        for (int i = 0; i < inputs.size(); i++) {
            if (spilled.contains(inputs.get(i))) {
                // an append's work counts its new rows (its input 1) as its input 0
                in.remove(n.operator() instanceof io.sparcade.model.workload.Append ? i - 1 : i);
            }
        }
        return new OnChip(in, o.output() && !spilled.contains(n.name()));
    }

    /** Names of the views (reshapes) of a node's output: they carry the same data. */
    private static List<String> viewsOf(DataflowGraph graph, OpNode n) {
        List<String> out = new ArrayList<>();
        for (OpNode s : graph.successors(n)) {
            if (s.work() instanceof ViewWork) {
                out.add(s.name());
                out.addAll(viewsOf(graph, s));
            }
        }
        return out;
    }

    /** Whether some consumer of the tensor needs all of it first (it does not stream, or waits for another member). */
    private static boolean needsWhole(DataflowGraph graph, OpNode producer) {
        for (OpNode c : consumers(graph, producer)) {
            if (!graph.streams(producer, c)) {
                return true;
            }
            for (OpNode other : graph.predecessors(c)) {
                if (other != producer && !(other.work() instanceof ViewWork)
                        && graph.streamTogether(other.operator().name(), c.operator().name())
                        && !graph.streams(other, c)) {
                    return true; // c waits for another member first: the whole tensor must wait with it
                }
            }
        }
        return false;
    }

    /** Buffer bytes of a tensor every consumer streams from: two of its chunks (output tiles, rows). */
    private static long streamedFootprint(OpNode producer, List<Placement> ps) {
        long size = producer.work().outputBytes();
        double chunks = 1;
        if (producer.work() instanceof GemmWork g && !ps.isEmpty() && ps.get(0).tiling() != null) {
            var t = ps.get(0).tiling().tile();
            chunks = g.batch() * Math.ceil((double) g.m() / t.m()) * Math.ceil((double) g.n() / t.n());
        } else if (producer.work() instanceof VectorWork v) {
            chunks = v.chunks();
        }
        return Math.min(size, (long) Math.ceil(2 * size / Math.max(1, chunks)));
    }

    /** Consumers of a node's output, looking through views. */
    private static List<OpNode> consumers(DataflowGraph graph, OpNode n) {
        List<OpNode> out = new ArrayList<>();
        for (OpNode s : graph.successors(n)) {
            if (s.work() instanceof ViewWork) {
                out.addAll(consumers(graph, s));
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
