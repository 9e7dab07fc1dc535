package io.sparcade.dse.map;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OnChip;
import io.sparcade.dataflow.OpNode;
import io.sparcade.dataflow.ViewWork;
import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.ComputeUnitSpec;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.OpMapping;
import io.sparcade.model.mapping.Tile;
import io.sparcade.scheduler.Compatibility;
import io.sparcade.scheduler.Placement;
import io.sparcade.scheduler.TilePlan;
import io.sparcade.scheduler.Tiler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The map space of one node, as a product of discrete choices (each indexed from 0, the anchor: the unit the
 * scheduler placed the node on and its automatic tile):
 * <ul>
 *   <li><b>unit and dataflow</b>: every unit that can run the node, and for a reconfigurable array each of its
 *       dataflows (the anchor's unit in its default dataflow first);</li>
 *   <li><b>tile m, k, n</b> (GEMM-like nodes): per dimension, the unit's automatic tile size (what
 *       {@link Tiler#plan} picks) times 1/2, 2, 1/4, 4, 1/8 and 8, and the whole dimension, each rounded up to the
 *       unit's granularity along it (a multiple of the array's rows or columns, so a cut adds no fill) and kept
 *       within the dimension and the constraints' bounds; duplicates removed (none on a buffer partitioned per
 *       operand, which streams the whole layer: there the unit and dataflow are the only choices);</li>
 *   <li><b>loop order</b> (GEMM-like nodes): the order the tiler prefers for the tile (fewer off-chip bytes),
 *       or the other one.</li>
 * </ul>
 * Option lists differ between units (their automatic tiles and granularities differ); the index space takes
 * the longest list per dimension and a shorter one repeats its last value. A candidate whose tile does not fit
 * the unit's share of its buffer is infeasible: it stays in the space and is counted, not dropped. Pinned fields
 * have one option; forbidden units none.
 */
public final class OperatorSpace {
    /** Powers of two the automatic tile is scaled by, per dimension: 2^-3 .. 2^3. */
    static final int TILE_STEPS = 3;

    /** One option of the unit choice: the unit, its spec in the chosen dataflow, and its automatic tiling. */
    record UnitOption(String name, ComputeUnitSpec spec, Dataflow dataflow, boolean reconfigurable, boolean sparse,
                      TilePlan auto, long[][] tiles, boolean partitioned) {
    }

    /**
     * A resolved point: the candidate and, when it is feasible, its placement; else why not.
     *
     * @param candidate  the concrete mapping (its loop order is the resolved one when feasible)
     * @param placement  the placement to price, or null when infeasible
     * @param infeasible why the candidate cannot run, or null
     * @param key        identity of the candidate in the space (unit option, tile, loop-order option)
     */
    public record Resolved(OpCandidate candidate, Placement placement, String infeasible, List<Object> key) {
        public boolean feasible() {
            return placement != null;
        }
    }

    private final OpNode node;
    private final Architecture arch;
    private final OnChip onChip;
    private final List<UnitOption> units = new ArrayList<>();
    private final LoopOrder pinnedOrder;
    private final int[] sizes;

    /**
     * @param node        the node (not a view)
     * @param arch        the architecture
     * @param anchorUnit  the unit the scheduler placed the node on (its option comes first), or null
     * @param onChip      the node's on-chip tensors, as in the schedule its candidates are priced for
     * @param constraints pins, tile bounds, forbidden units
     * @throws SpecException when the constraints leave the node no unit, or pin a field the architecture
     *                       contradicts (a unit that does not exist or cannot run the node, a dataflow the array
     *                       does not have)
     */
    public OperatorSpace(OpNode node, Architecture arch, String anchorUnit, OnChip onChip, MapConstraints constraints) {
        this(node, arch, anchorUnit, onChip, constraints, new io.sparcade.hwsim.OperatorModel());
    }

    /**
     * The same, with {@code cost} pricing the automatic tilings the tile options are anchored on, as the scheduler
     * does ({@link io.sparcade.scheduler.ListScheduler#autoTiling}); the constructor above uses an uncached
     * {@link io.sparcade.hwsim.OperatorModel}.
     */
    public OperatorSpace(OpNode node, Architecture arch, String anchorUnit, OnChip onChip, MapConstraints constraints,
                         io.sparcade.scheduler.CostModel cost) {
        if (node.work() instanceof ViewWork) {
            throw new IllegalArgumentException(node.name() + " is a view: it has no map space");
        }
        this.node = node;
        this.arch = arch;
        this.onChip = onChip;
        OpMapping pin = constraints.pin(node);
        String field = "operators." + constraints.pinKey(node);
        List<String> names = new ArrayList<>(Compatibility.units(arch, node.work()));
        if (pin != null && pin.unit() != null) {
            if (!arch.units().containsKey(pin.unit())) {
                throw new SpecException(constraints.source(), field + ".unit", "architecture '" + arch.name()
                        + "' has no unit '" + pin.unit() + "' (units: " + String.join(", ", arch.units().keySet()) + ")");
            }
            if (!names.contains(pin.unit())) {
                throw new SpecException(constraints.source(), field + ".unit", "unit '" + pin.unit() + "' ("
                        + arch.units().get(pin.unit()).type() + ") cannot run '" + node.name() + "' ("
                        + node.work().describe() + "; needs " + Compatibility.needs(node.work()) + ")");
            }
            if (constraints.forbidden().contains(pin.unit())) {
                throw new SpecException(constraints.source(), field + ".unit", "unit '" + pin.unit()
                        + "' is pinned for '" + node.name() + "' and also forbidden (--forbid-unit)");
            }
            names = new ArrayList<>(List.of(pin.unit()));
        }
        if (anchorUnit != null && names.remove(anchorUnit)) {
            names.add(0, anchorUnit);
        }
        names.removeIf(constraints.forbidden()::contains);
        if (names.isEmpty()) {
            throw new SpecException("--forbid-unit", String.join(",", constraints.forbidden()), "no unit is left for '"
                    + node.name() + "' (" + node.work().describe() + "): every unit that can run it (" + String.join(", ",
                    Compatibility.units(arch, node.work())) + ") is forbidden");
        }
        GemmWork gemm = node.work() instanceof GemmWork g ? g : null;
        for (String name : names) {
            ComputeUnitSpec base = (ComputeUnitSpec) arch.units().get(name);
            List<Dataflow> dataflows = new ArrayList<>();
            boolean reconfigurable = base instanceof NmArraySpec a && a.reconfigurable();
            if (base instanceof NmArraySpec a) {
                dataflows.add(a.dataflow());
                a.dataflowOptions().stream().filter(d -> d != a.dataflow()).forEach(dataflows::add);
            } else {
                dataflows.add(null);
            }
            if (pin != null && pin.dataflow() != null) {
                if (!(base instanceof NmArraySpec a) || !a.supportsDataflow(pin.dataflow())) {
                    throw new SpecException(constraints.source(), field + ".dataflow", "unit '" + name + "' ("
                            + base.type() + ") cannot run in dataflow '" + pin.dataflow().id() + "'"
                            + (base instanceof NmArraySpec a ? " (its dataflows: " + a.dataflowOptions().stream()
                            .map(Dataflow::id).toList() + ")" : ""));
                }
                dataflows = List.of(pin.dataflow());
            }
            for (Dataflow d : dataflows) {
                ComputeUnitSpec spec = d == null ? base : ((NmArraySpec) base).withDataflow(d);
                boolean sparse = Compatibility.runsSparse(spec, node.work());
                TilePlan auto = null;
                long[][] tiles = null;
                boolean partitioned = gemm != null && arch.bufferOf(spec).partitioned();
                if (partitioned) {
                    // per-operand partitions stream the whole layer: no tile or loop order to choose
                    if (pin != null && pin.tile() != null) {
                        throw new SpecException(constraints.source(), field + ".tile", "buffer '" + spec.buffer()
                                + "' of unit '" + name + "' is partitioned per operand: the whole layer streams through "
                                + "its partitions, so no tile can be given");
                    }
                    auto = Tiler.plan(gemm, spec, sparse, name, spec.buffer(), arch.bufferOf(spec),
                            Tiler.budget(arch, spec.buffer()), node.name());
                    tiles = new long[][] {{auto.tile().m()}, {auto.tile().k()}, {auto.tile().n()}};
                } else if (gemm != null) {
                    try {
                        auto = io.sparcade.scheduler.ListScheduler.autoTiling(cost, node, gemm, name, spec, sparse, arch, null);
                    } catch (SpecException noTileFits) {
                        auto = null; // every candidate on this unit is infeasible, and counted so
                    }
                    tiles = tileOptions(gemm, spec, sparse, auto, pin, constraints);
                }
                units.add(new UnitOption(name, spec, d, reconfigurable, sparse, auto, tiles, partitioned));
            }
        }
        this.pinnedOrder = pin == null ? null : pin.loopOrder();
        if (gemm == null) {
            sizes = new int[] {units.size()};
        } else {
            int[] s = {units.size(), 1, 1, 1, pinnedOrder != null ? 1 : 2};
            for (UnitOption u : units) {
                for (int d = 0; d < 3; d++) {
                    s[1 + d] = Math.max(s[1 + d], u.tiles()[d].length);
                }
            }
            sizes = s;
        }
    }

    /** Tile sizes per dimension for one unit (see the class comment). */
    private long[][] tileOptions(GemmWork g, ComputeUnitSpec spec, boolean sparse, TilePlan auto, OpMapping pin,
                                 MapConstraints constraints) {
        long[] dims = Tiler.dims(g, sparse);
        long[] gran = Tiler.granularity(spec, g, sparse);
        long[][] out = new long[3][];
        for (int d = 0; d < 3; d++) {
            long whole = dims[d];
            long[] b = constraints.bounds(node, d);
            long lo = Math.min(b[0], whole);
            long hi = Math.min(b[1], whole);
            List<Long> values = new ArrayList<>();
            if (pin != null && pin.tile() != null) {
                long p = Math.min(whole, new long[] {pin.tile().m(), pin.tile().k(), pin.tile().n()}[d]);
                if (p < lo || p > hi) {
                    throw new SpecException(constraints.source(), "operators." + constraints.pinKey(node) + ".tile."
                            + MapConstraints.TileBound.DIMS.charAt(d), "pinned tile size " + p
                            + " is outside the bounds " + lo + ".." + hi + " of '" + node.name() + "'");
                }
                values.add(p);
            } else {
                long anchor = auto == null ? whole : new long[] {auto.tile().m(), auto.tile().k(), auto.tile().n()}[d];
                long step = Math.max(1, gran[d]);
                List<Long> raw = new ArrayList<>();
                raw.add(anchor);
                for (int j = 1; j <= TILE_STEPS; j++) {
                    raw.add(ceilDiv(anchor, 1L << j));
                    raw.add(anchor > Long.MAX_VALUE >> j ? whole : anchor << j);
                }
                raw.add(whole);
                for (long v : raw) {
                    long t = Math.max(1, Math.min(whole, v));
                    if (t < whole) {
                        t = Math.min(whole, ceilDiv(t, step) * step);
                    }
                    t = Math.max(lo, Math.min(hi, t));
                    if (!values.contains(t)) {
                        values.add(t);
                    }
                }
            }
            out[d] = values.stream().mapToLong(Long::longValue).toArray();
        }
        return out;
    }

    public OpNode node() {
        return node;
    }

    /** Options per choice: unit (and dataflow), then for GEMM-like nodes tile m, k, n and loop order. */
    public int[] sizes() {
        return sizes.clone();
    }

    /** Whether the node is GEMM-like (has tile and loop-order choices). */
    public boolean gemm() {
        return sizes.length > 1;
    }

    /** Number of index points (the product of {@link #sizes()}). */
    public long indexPoints() {
        return io.sparcade.dse.search.MapSpace.size(sizes);
    }

    /** The unit option names, with the dataflow of a reconfigurable array ({@code array/os}). */
    public List<String> unitOptions() {
        return units.stream().map(u -> u.reconfigurable() ? u.name() + "/" + u.dataflow().id() : u.name()).toList();
    }

    /** The point's candidate, with its placement when it is feasible. */
    public Resolved resolve(int[] point) {
        if (point.length != sizes.length) {
            throw new IllegalArgumentException("point has " + point.length + " indices, the space " + sizes.length);
        }
        for (int i = 0; i < point.length; i++) {
            if (point[i] < 0 || point[i] >= sizes[i]) {
                throw new IllegalArgumentException("index " + point[i] + " out of range 0.." + (sizes[i] - 1));
            }
        }
        UnitOption u = units.get(point[0]);
        if (!gemm()) {
            OpCandidate c = new OpCandidate(u.name(), u.dataflow(), null, null);
            return new Resolved(c, new Placement(u.name(), u.spec(), u.sparse(), null, onChip), null,
                    List.of(point[0]));
        }
        if (u.partitioned()) {
            OpCandidate c = new OpCandidate(u.name(), u.dataflow(), null, null);
            return new Resolved(c, new Placement(u.name(), u.spec(), u.sparse(), u.auto(), onChip), null,
                    List.of(point[0]));
        }
        long[] t = new long[3];
        for (int d = 0; d < 3; d++) {
            long[] opts = u.tiles()[d];
            t[d] = opts[Math.min(point[1 + d], opts.length - 1)];
        }
        Tile tile = new Tile(t[0], t[1], t[2]);
        int orderIndex = point[4];
        List<Object> key = List.of(point[0], tile, orderIndex);
        GemmWork g = (GemmWork) node.work();
        BufferSpec buffer = arch.bufferOf(u.spec());
        long budget = Tiler.budget(arch, u.spec().buffer());
        try {
            TilePlan plan = Tiler.fixed(g, u.sparse(), tile, pinnedOrder, u.spec().buffer(), buffer, budget,
                    node.name() + ".tile");
            if (orderIndex == 1) {
                LoopOrder other = plan.loopOrder() == LoopOrder.MN ? LoopOrder.NM : LoopOrder.MN;
                plan = new TilePlan(plan.tile(), other, plan.footprintBytes());
            }
            OpCandidate c = new OpCandidate(u.name(), u.dataflow(), plan.tile(), plan.loopOrder());
            return new Resolved(c, new Placement(u.name(), u.spec(), u.sparse(), plan, onChip), null, key);
        } catch (SpecException tooBig) {
            return new Resolved(new OpCandidate(u.name(), u.dataflow(), tile, pinnedOrder), null, tooBig.problem(), key);
        }
    }

    /** Whether the unit of a resolved candidate is a reconfigurable array (its dataflow is a choice). */
    public boolean reconfigurable(OpCandidate c) {
        return units.stream().anyMatch(u -> u.name().equals(c.unit()) && u.reconfigurable());
    }

    /** The unit's share of its buffer, bytes (what a tile must fit). */
    public long bufferShare(String unit) {
        return Tiler.budget(arch, ((ComputeUnitSpec) arch.units().get(unit)).buffer());
    }

    /**
     * The distinct candidates of the space, counted by enumeration: {@code [all, infeasible]} (a tile whose
     * footprint exceeds the unit's share of its buffer is infeasible in both loop orders).
     */
    public long[] count() {
        long all = 0;
        long infeasible = 0;
        for (UnitOption u : units) {
            if (!gemm() || u.partitioned()) {
                all++;
                continue;
            }
            int orders = sizes[4];
            GemmWork g = (GemmWork) node.work();
            long budget = Tiler.budget(arch, u.spec().buffer());
            boolean db = arch.bufferOf(u.spec()).doubleBuffered();
            for (long m : u.tiles()[0]) {
                for (long k : u.tiles()[1]) {
                    for (long n : u.tiles()[2]) {
                        all += orders;
                        if (Tiler.footprint(g, u.sparse(), m, k, n, db) > budget) {
                            infeasible += orders;
                        }
                    }
                }
            }
        }
        return new long[] {all, infeasible};
    }

    /** The distinct candidates as comparable keys (unit name, dataflow, tile, loop order). */
    public Set<List<Object>> keys() {
        Set<List<Object>> out = new HashSet<>();
        for (UnitOption u : units) {
            if (!gemm()) {
                out.add(java.util.Arrays.asList(u.name(), u.dataflow()));
                continue;
            }
            if (u.partitioned()) {
                out.add(java.util.Arrays.asList(u.name(), u.dataflow(), null, null));
                continue;
            }
            for (long m : u.tiles()[0]) {
                for (long k : u.tiles()[1]) {
                    for (long n : u.tiles()[2]) {
                        Tile t = new Tile(m, k, n);
                        GemmWork g = (GemmWork) node.work();
                        LoopOrder cheaper = Tiler.dramBytes(g, u.sparse(), t, LoopOrder.MN)
                                <= Tiler.dramBytes(g, u.sparse(), t, LoopOrder.NM) ? LoopOrder.MN : LoopOrder.NM;
                        for (int o = 0; o < sizes[4]; o++) {
                            LoopOrder order = pinnedOrder != null ? pinnedOrder
                                    : o == 0 ? cheaper : cheaper == LoopOrder.MN ? LoopOrder.NM : LoopOrder.MN;
                            out.add(java.util.Arrays.asList(u.name(), u.dataflow(), t, order));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The anchor's automatic tiling on its first unit option, or null (not GEMM-like, or nothing fits). */
    public TilePlan anchorTiling() {
        return units.get(0).auto();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
