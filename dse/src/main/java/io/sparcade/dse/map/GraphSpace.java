package io.sparcade.dse.map;

import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.mapping.OpMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The workload-level map space: which of its candidates each node takes (index 0 is the preferred one: the
 * per-operator search's best) and which fusion groups the workload runs with (index 0: as declared). A point is
 * one index per choice; {@link #mapping(int[])} turns it into the {@link Mapping} the simulator runs.
 */
public final class GraphSpace {
    /**
     * One node's options: mapping entries (null: no entry, the scheduler decides), labelled for reports.
     *
     * @param node     node name (the mapping key)
     * @param options  entries, the preferred first
     * @param labels   what each option is ({@code best}, {@code default}, {@code next}, ...)
     * @param start    index of the option the start mapping (pins only) takes
     */
    public record NodeChoice(String node, List<OpMapping> options, List<String> labels, int start) {
        public NodeChoice {
            options = java.util.Collections.unmodifiableList(new ArrayList<>(options));
            labels = List.copyOf(labels);
        }
    }

    /**
     * One fusion choice: a declared group (option 0 fused, 1 not) or a producer–consumer pair the workload does not
     * fuse (option 0 not, 1 fused).
     *
     * @param label    for reports
     * @param group    the declared group's operators, or the pair
     * @param declared whether it is a declared group
     */
    public record FusionChoice(String label, List<String> group, boolean declared) {
        public FusionChoice {
            group = List.copyOf(group);
        }
    }

    private final Mapping base;
    private final List<NodeChoice> nodes;
    private final List<FusionChoice> fusion;
    private final List<List<String>> declared;

    /**
     * @param base     the pinned mapping every point starts from (its entries and, when pinned, its fusion)
     * @param nodes    the nodes that have a choice
     * @param fusion   the fusion choices (none when the fusion is pinned or the workload is a training step)
     * @param declared the workload's declared fusion groups (repeated graph's, then per-pass)
     */
    public GraphSpace(Mapping base, List<NodeChoice> nodes, List<FusionChoice> fusion, List<List<String>> declared) {
        this.base = base;
        this.nodes = List.copyOf(nodes);
        this.fusion = List.copyOf(fusion);
        this.declared = declared.stream().map(List::copyOf).toList();
    }

    public List<NodeChoice> nodes() {
        return nodes;
    }

    public List<FusionChoice> fusion() {
        return fusion;
    }

    public int[] sizes() {
        int[] s = new int[nodes.size() + fusion.size()];
        for (int i = 0; i < nodes.size(); i++) {
            s[i] = nodes.get(i).options().size();
        }
        for (int i = 0; i < fusion.size(); i++) {
            s[nodes.size() + i] = 2;
        }
        return s;
    }

    /** The point of the start mapping: every node at its start option, fusion as declared. */
    public int[] startPoint() {
        int[] p = new int[nodes.size() + fusion.size()];
        for (int i = 0; i < nodes.size(); i++) {
            p[i] = nodes.get(i).start();
        }
        return p;
    }

    /** Number of points (saturating). */
    public long size() {
        return io.sparcade.dse.search.MapSpace.size(sizes());
    }

    /** The mapping at {@code point}: the base's entries, each node's option, the fusion groups chosen. */
    public Mapping mapping(int[] point) {
        if (point.length != nodes.size() + fusion.size()) {
            throw new IllegalArgumentException("point has " + point.length + " indices, the space "
                    + (nodes.size() + fusion.size()));
        }
        Map<String, OpMapping> ops = new LinkedHashMap<>(base.operators());
        for (int i = 0; i < nodes.size(); i++) {
            NodeChoice c = nodes.get(i);
            OpMapping m = c.options().get(point[i]);
            if (m == null) {
                ops.remove(c.node());
            } else {
                ops.put(c.node(), m);
            }
        }
        boolean changed = false;
        for (int i = 0; i < fusion.size(); i++) {
            changed |= point[nodes.size() + i] != 0;
        }
        if (!changed) {
            return new Mapping(ops, base.fusion());
        }
        return new Mapping(ops, fusionGroups(point));
    }

    /** The groups of a point: declared groups kept, plus the chosen pairs joined into connected groups. */
    private List<List<String>> fusionGroups(int[] point) {
        List<List<String>> out = new ArrayList<>();
        List<List<String>> unfused = new ArrayList<>();
        Map<String, String> parent = new HashMap<>();
        for (int i = 0; i < fusion.size(); i++) {
            FusionChoice f = fusion.get(i);
            boolean on = point[nodes.size() + i] == (f.declared() ? 0 : 1);
            if (f.declared() && !on) {
                unfused.add(f.group());
            } else if (!f.declared() && on) {
                union(parent, f.group().get(0), f.group().get(1));
            }
        }
        for (List<String> g : declared) {
            if (!unfused.contains(g)) {
                out.add(g);
            }
        }
        Map<String, List<String>> joined = new TreeMap<>();
        for (FusionChoice f : fusion) {
            if (!f.declared()) {
                for (String op : f.group()) {
                    if (parent.containsKey(op)) {
                        List<String> g = joined.computeIfAbsent(find(parent, op), k -> new ArrayList<>());
                        if (!g.contains(op)) {
                            g.add(op);
                        }
                    }
                }
            }
        }
        out.addAll(joined.values());
        return out;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }

    private static String find(Map<String, String> parent, String x) {
        String r = x;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        return r;
    }

    /** What a point changes against the start point, for reports: {@code node: label} and fusion choices. */
    public List<String> describe(int[] point) {
        List<String> out = new ArrayList<>();
        int[] start = startPoint();
        for (int i = 0; i < nodes.size(); i++) {
            if (point[i] != start[i]) {
                out.add(nodes.get(i).node() + ": " + nodes.get(i).labels().get(point[i]));
            }
        }
        for (int i = 0; i < fusion.size(); i++) {
            if (point[nodes.size() + i] != 0) {
                FusionChoice f = fusion.get(i);
                out.add((f.declared() ? "unfuse " : "fuse ") + f.label());
            }
        }
        return out;
    }
}
