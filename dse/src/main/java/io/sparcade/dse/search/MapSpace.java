package io.sparcade.dse.search;

import io.sparcade.dataflow.DataflowGraph;
import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OpNode;
import io.sparcade.dataflow.ViewWork;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.ComputeUnitSpec;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.mapping.OpMapping;
import io.sparcade.model.mapping.Tile;
import io.sparcade.scheduler.Compatibility;
import io.sparcade.scheduler.TilePlan;
import io.sparcade.scheduler.Tiler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mappings one graph can take on one architecture, as a product of discrete choices per node:
 * <ul>
 *   <li><b>unit</b> (only when more than one unit can run the node): 0 lets the scheduler pick, i names the
 *       i-th compatible unit;</li>
 *   <li><b>tile</b> (GEMM-like nodes): 0 is the scheduler's automatic tile; 1, 2, 3 halve its m, k or n;</li>
 *   <li><b>loop order</b> (GEMM-like nodes): 0 lets the tiler choose, 1 is {@code mn}, 2 is {@code nm}.</li>
 * </ul>
 * Index 0 everywhere is the scheduler's own mapping, so every search can start from it. A point is an
 * {@code int[]} with one index per choice; {@link #mapping(int[])} turns it into a {@link Mapping} value.
 */
public final class MapSpace {
    /** Tile options: the automatic tile, then halving one of its dimensions. */
    static final String[] TILE_OPTIONS = {"auto", "m/2", "k/2", "n/2"};
    static final LoopOrder[] ORDER_OPTIONS = {null, LoopOrder.MN, LoopOrder.NM};

    /** One choice: which node, which aspect, how many options. */
    public record Choice(String node, Aspect aspect, int options) {
    }

    /** The aspects of a node's mapping the space varies. */
    public enum Aspect { UNIT, TILE, LOOP_ORDER }

    private final Architecture arch;
    private final DataflowGraph graph;
    private final List<Choice> choices = new ArrayList<>();
    private final Map<String, List<String>> units = new LinkedHashMap<>();
    private final Map<String, TilePlan> autoTiles = new HashMap<>();
    private final io.sparcade.scheduler.CostModel cost;

    /** A map space whose automatic tilings are priced by the simulator's block models (uncached). */
    public MapSpace(DataflowGraph graph, Architecture arch) {
        this(graph, arch, new io.sparcade.hwsim.OperatorModel());
    }

    /**
     * @param cost prices the automatic tilings the halved tiles are cut from, as the scheduler does
     *             ({@link io.sparcade.scheduler.ListScheduler#autoTiling})
     */
    public MapSpace(DataflowGraph graph, Architecture arch, io.sparcade.scheduler.CostModel cost) {
        this.graph = graph;
        this.arch = arch;
        this.cost = cost;
        for (OpNode n : graph.nodes()) {
            if (n.work() instanceof ViewWork) {
                continue;
            }
            List<String> compatible = new ArrayList<>();
            arch.unitsOf(ComputeUnitSpec.class).forEach((name, u) -> {
                if (Compatibility.canRun(u, n.work())) {
                    compatible.add(name);
                }
            });
            units.put(n.name(), compatible);
            if (compatible.size() > 1) {
                choices.add(new Choice(n.name(), Aspect.UNIT, compatible.size() + 1));
            }
            if (n.work() instanceof GemmWork) {
                choices.add(new Choice(n.name(), Aspect.TILE, TILE_OPTIONS.length));
                choices.add(new Choice(n.name(), Aspect.LOOP_ORDER, ORDER_OPTIONS.length));
            }
        }
    }

    public List<Choice> choices() {
        return List.copyOf(choices);
    }

    /** Options per choice. */
    public int[] sizes() {
        return choices.stream().mapToInt(Choice::options).toArray();
    }

    /** Number of points of a space with these sizes (saturating at Long.MAX_VALUE). */
    public static long size(int[] sizes) {
        long n = 1;
        for (int s : sizes) {
            if (n > Long.MAX_VALUE / Math.max(1, s)) {
                return Long.MAX_VALUE;
            }
            n *= s;
        }
        return n;
    }

    /**
     * The mapping at {@code point}. A halved tile is cut from the automatic tile of the node's unit (the chosen
     * one, else the first compatible one); it throws a SpecException when no tile fits that unit's buffer.
     */
    public Mapping mapping(int[] point) {
        if (point.length != choices.size()) {
            throw new IllegalArgumentException("point has " + point.length + " indices, the space " + choices.size());
        }
        Map<String, String> unit = new HashMap<>();
        Map<String, Integer> tile = new HashMap<>();
        Map<String, LoopOrder> order = new HashMap<>();
        for (int i = 0; i < point.length; i++) {
            Choice c = choices.get(i);
            int v = point[i];
            if (v < 0 || v >= c.options()) {
                throw new IllegalArgumentException("index " + v + " out of range for " + c);
            }
            if (v == 0) {
                continue;
            }
            switch (c.aspect()) {
                case UNIT -> unit.put(c.node(), units.get(c.node()).get(v - 1));
                case TILE -> tile.put(c.node(), v);
                case LOOP_ORDER -> order.put(c.node(), ORDER_OPTIONS[v]);
            }
        }
        Map<String, OpMapping> ops = new LinkedHashMap<>();
        for (String node : units.keySet()) {
            String u = unit.get(node);
            Integer t = tile.get(node);
            LoopOrder o = order.get(node);
            if (u == null && t == null && o == null) {
                continue;
            }
            ops.put(node, new OpMapping(u, t == null ? null : halved(node, u, t), o));
        }
        return new Mapping(ops);
    }

    private Tile halved(String node, String chosenUnit, int option) {
        String unitName = chosenUnit != null ? chosenUnit : units.get(node).get(0);
        TilePlan auto = autoTiles.computeIfAbsent(node + "@" + unitName, k -> {
            ComputeUnitSpec u = (ComputeUnitSpec) arch.units().get(unitName);
            GemmWork g = (GemmWork) graph.node(node).work();
            boolean sparse = Compatibility.runsSparse(u, g);
            return io.sparcade.scheduler.ListScheduler.autoTiling(cost, graph.node(node), g, unitName, u, sparse, arch, null);
        });
        Tile t = auto.tile();
        return switch (option) {
            case 1 -> new Tile(half(t.m()), t.k(), t.n());
            case 2 -> new Tile(t.m(), half(t.k()), t.n());
            default -> new Tile(t.m(), t.k(), half(t.n()));
        };
    }

    private static long half(long x) {
        return Math.max(1, (x + 1) / 2);
    }
}
