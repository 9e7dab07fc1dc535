package io.sparcade.dse.map;

import io.sparcade.dataflow.DataflowGraph;
import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.GraphBuilder;
import io.sparcade.dataflow.OpNode;
import io.sparcade.dataflow.ViewWork;
import io.sparcade.dse.search.HillClimbSearch;
import io.sparcade.dse.search.SearchStrategy;
import io.sparcade.dse.search.Strategies;
import io.sparcade.dse.sweep.Metric;
import io.sparcade.dse.sweep.SearchStrategyKind;
import io.sparcade.hwsim.OpResult;
import io.sparcade.hwsim.OperatorModel;
import io.sparcade.hwsim.SimulationResult;
import io.sparcade.hwsim.Simulator;
import io.sparcade.hwsim.energy.EnergyTable;
import io.sparcade.hwsim.power.PowerModel;
import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.ComputeUnitSpec;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.mapping.OpMapping;
import io.sparcade.model.workload.Append;
import io.sparcade.model.workload.Workload;
import io.sparcade.scheduler.Compatibility;
import io.sparcade.scheduler.ListScheduler;
import io.sparcade.scheduler.Placement;
import io.sparcade.scheduler.Tiler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * The mapper: searches the mapping of one workload on one architecture, under the cost model of
 * {@code simulate} (the list scheduler and the fluid simulator), in two levels, like a hierarchical mapper:
 * <ol>
 *   <li><b>per node</b>: each node's {@link OperatorSpace} is searched by the strategy with {@code budget} asks,
 *       every candidate priced by the node's block model alone on the memory ({@link OpPricer}); this yields the
 *       node's best and next-best candidates;</li>
 *   <li><b>per workload</b>: the {@link GraphSpace} of which candidate each improved node takes (its best, the
 *       scheduler's default, its best with the unit left to the scheduler, its next-best) and which fusion groups
 *       run fused, searched by the same strategy with {@code graphBudget} whole-workload simulations: the
 *       start mapping (the pinned fields only) first, then the combination of every node's best, then what the
 *       strategy asks. What only the whole run shows (units shared by several nodes, off-chip bandwidth shared
 *       by nodes running together, fused tensors spilling from the buffer) decides here.</li>
 * </ol>
 * Each strategy runs both levels on its own; the best mapping is the best of the strategies' (the first listed
 * on a tie). Every random choice derives from the seed, the strategy and the node's name, so a run is
 * reproducible whatever the number of threads. A candidate the model refuses (a tile that does not fit the
 * buffer, a mapping the scheduler rejects) is infeasible: priced infinite and counted.
 */
public final class Mapper {
    /**
     * The search's settings.
     *
     * @param strategies  strategies, each run on its own
     * @param budget      asks per node and strategy
     * @param graphBudget whole-workload evaluations per strategy
     * @param objective   latency, energy or edp
     * @param seed        seed of every random choice
     * @param threads     worker threads
     */
    public record Settings(List<SearchStrategyKind> strategies, int budget, int graphBudget, Metric objective, long seed,
                           int threads) {
        public static final List<Metric> OBJECTIVES = List.of(Metric.LATENCY, Metric.ENERGY, Metric.EDP);
        /**
         * Largest budget, per node and for the workload: a node's index space is its unit options x at most 8^3
         * tiles x 2 loop orders (1,024 per unit option, so an exhaustive search of a node on up to 9 unit options
         * fits), and the traces (one double per ask, per node and strategy) stay in tens of MB.
         */
        public static final int MAX_BUDGET = 10_000;

        public Settings {
            strategies = List.copyOf(strategies);
            if (strategies.isEmpty()) {
                throw new IllegalArgumentException("--strategy: at least one strategy");
            }
            if (new HashSet<>(strategies).size() != strategies.size()) {
                throw new IllegalArgumentException("--strategy: a strategy is listed twice: " + strategies);
            }
            if (budget < 1 || budget > MAX_BUDGET) {
                throw new IllegalArgumentException("--budget must be between 1 and " + MAX_BUDGET + ", got " + budget);
            }
            if (graphBudget < 1 || graphBudget > MAX_BUDGET) {
                throw new IllegalArgumentException("--graph-budget must be between 1 and " + MAX_BUDGET + ", got "
                        + graphBudget);
            }
            if (!OBJECTIVES.contains(objective)) {
                throw new IllegalArgumentException("--objective: '" + objective.id() + "' is not a mapping objective "
                        + "(use latency, energy or edp)");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--jobs must be at least 1, got " + threads);
            }
        }
    }

    /** Progress: steps are nodes searched and workload-level evaluations, over all strategies. */
    public interface Listener {
        void started(long steps);

        void step();

        Listener NONE = new Listener() {
            @Override
            public void started(long steps) {
            }

            @Override
            public void step() {
            }
        };
    }

    private static final String SOURCE = "map search";
    private final Architecture arch;
    private final Workload workload;
    private final String workloadSource;
    private final MapConstraints constraints;
    private final Settings settings;
    private final OperatorModel model = new OperatorModel();
    private final Simulator simulator;
    private final EnergyTable table;
    private final ListScheduler scheduler = new ListScheduler(model, SOURCE);
    private final Map<List<List<String>>, DataflowGraph[]> graphs = new ConcurrentHashMap<>();
    private final Map<Mapping, Object> evaluations = new ConcurrentHashMap<>();
    private final Set<String> perPassNames = new HashSet<>();

    /**
     * @param energy the energy table, or null for the architecture's default (as {@code simulate})
     */
    public Mapper(Architecture arch, Workload workload, String workloadSource, MapConstraints constraints,
                  EnergyTable energy, Settings settings) {
        this.arch = arch;
        this.workload = workload;
        this.workloadSource = workloadSource;
        this.constraints = constraints;
        this.settings = settings;
        this.simulator = new Simulator(model, energy);
        this.table = energy != null ? energy : EnergyTable.forArchitecture(arch);
        if (workload.perPass() != null) {
            workload.perPass().operators().forEach(o -> perPassNames.add(o.name()));
        }
    }

    /**
     * Runs the search.
     *
     * @throws SpecException when the constraints contradict the architecture or the workload (a pinned unit that
     *                       does not exist or cannot run the operator, a tile that does not fit, a forbidden unit
     *                       every candidate needs): raised before any search
     */
    public MapResult run(Listener listener) throws InterruptedException {
        long t0 = System.nanoTime();
        Prepared prep = prepare();
        MapResult.Evaluation defaults = prep.defaults();
        MapResult.Evaluation start = prep.start();
        List<MapResult.NodeInfo> nodes = prep.nodes();
        OpPricer pricer = new OpPricer(arch, table, PowerModel.of(arch, table, EnergyTable.Bound.NOMINAL).totalW(),
                settings.objective(), defaults.seconds(), defaults.energyJ());
        List<MapResult.NodeInfo> priced = new ArrayList<>();
        for (MapResult.NodeInfo n : nodes) {
            priced.add(new MapResult.NodeInfo(n.node(), n.weight(), n.space(), n.size(), n.infeasibleInSpace(),
                    n.excluded(), n.defaultCandidate(), pricer.price(n.defaultResult().cost(), n.weight()),
                    n.defaultResult(), n.startCandidate()));
        }
        nodes = priced;
        int k = settings.strategies().size();
        listener.started((long) k * (nodes.size() + settings.graphBudget()));
        ForkJoinPool pool = new ForkJoinPool(settings.threads());
        try {
            // level 1: every node, each strategy in turn (the node's price cache is shared by its strategies)
            List<MapResult.NodeInfo> all = nodes;
            long tOps = System.nanoTime();
            List<List<OperatorSearch.Result>> byNode = submit(pool, () -> all.parallelStream().map(n -> {
                OperatorSearch search = new OperatorSearch(n.space(), model, arch, pricer, n.weight());
                List<OperatorSearch.Result> rs = new ArrayList<>();
                for (SearchStrategyKind s : settings.strategies()) {
                    rs.add(search.run(s, settings.budget(), seed(s, n.node().name())));
                }
                for (int i = 0; i < rs.size(); i++) {
                    listener.step();
                }
                return rs;
            }).toList());
            double operatorSeconds = (System.nanoTime() - tOps) / 1e9 / k;
            // level 2: each strategy's workload-level search, the strategies side by side
            List<Integer> which = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                which.add(i);
            }
            MapResult.Evaluation startEval = start;
            List<MapResult.StrategyRun> runs = submit(pool, () -> which.parallelStream().map(i -> {
                List<OperatorSearch.Result> perNode = byNode.stream().map(l -> l.get(i)).toList();
                return graphSearch(settings.strategies().get(i), all, perNode, startEval, operatorSeconds, listener);
            }).toList());
            int best = 0;
            for (int i = 1; i < runs.size(); i++) {
                if (runs.get(i).best().objective() < runs.get(best).best().objective()) {
                    best = i;
                }
            }
            return new MapResult(settings.objective(), settings, pricer, constraints, defaults, start, nodes, runs, best, (System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    /** The default and start runs and every node's map space: what {@link #prepare()} checks before a search. */
    private record Prepared(MapResult.Evaluation defaults, MapResult.Evaluation start, List<MapResult.NodeInfo> nodes) {
    }

    private Prepared prepared;

    /**
     * Simulates the default and the start mapping and builds every node's map space (done once; {@link #run} calls
     * it too): a caller that wants bad constraints refused before it reports anything calls it first.
     *
     * @throws SpecException when the constraints contradict the architecture or the workload
     */
    public synchronized void check() {
        prepare();
    }

    private synchronized Prepared prepare() {
        if (prepared != null) {
            return prepared;
        }
        MapResult.Evaluation defaults = evaluate(Mapping.NONE);
        MapResult.Evaluation start = defaults;
        if (!constraints.pins().equals(Mapping.NONE)) {
            try {
                start = evaluate(constraints.pins());
            } catch (SpecException e) {
                // the pins contradict the architecture or the workload: say where they came from
                throw new SpecException(constraints.source(), e.field(), e.problem());
            }
        }
        prepared = new Prepared(defaults, start, nodes(defaults, start));
        return prepared;
    }

    private static <T> T submit(ForkJoinPool pool, java.util.concurrent.Callable<T> task) throws InterruptedException {
        try {
            return pool.submit(task).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Seed of one strategy's search of one node (or of the workload, {@code "(workload)"}). */
    long seed(SearchStrategyKind s, String node) {
        long z = settings.seed() + 0x9E3779B97F4A7C15L * (31L * s.id().hashCode() + node.hashCode());
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Every node that has a map space, with its space sized against the unconstrained one. */
    private List<MapResult.NodeInfo> nodes(MapResult.Evaluation defaults, MapResult.Evaluation start) {
        List<MapResult.NodeInfo> out = new ArrayList<>();
        for (SimulationResult r : start.perPass() == null ? List.of(start.main()) : List.of(start.main(), start.perPass())) {
            int weight = r == start.main() ? workload.repeat() : 1;
            for (OpResult o : r.ops()) {
                OpNode n = o.firing().node();
                Placement p = o.firing().placement();
                if (n.work() instanceof ViewWork || p == null) {
                    continue;
                }
                OperatorSpace space = new OperatorSpace(n, arch, p.unitName(), p.onChip(), constraints, model);
                long[] count = space.count();
                long excluded = 0;
                if (constraints.any()) {
                    Set<List<Object>> free = new OperatorSpace(n, arch, p.unitName(), p.onChip(), MapConstraints.NONE, model).keys();
                    free.removeAll(space.keys());
                    excluded = free.size();
                }
                OpResult d = defaults.op(n.name());
                if (d == null || d.firing().placement() == null) {
                    throw new IllegalStateException("node " + n.name() + " is not in the default run");
                }
                out.add(new MapResult.NodeInfo(n, weight, space, count[0], count[1], excluded,
                        candidateOf(d.firing().placement(), arch), null, d, candidateOf(p, arch)));
            }
        }
        // graph order: the simulation lists nodes in schedule order; reports read better in the graph's
        Map<String, Integer> order = new LinkedHashMap<>();
        for (DataflowGraph g : graphsOf(start.mapping())) {
            if (g != null) {
                g.nodes().forEach(n -> order.put(n.name(), order.size()));
            }
        }
        out.sort(java.util.Comparator.comparingInt(n -> order.getOrDefault(n.node().name(), Integer.MAX_VALUE)));
        return out;
    }

    /**
     * A placement as a candidate; on a buffer partitioned per operand the tile and loop order are not choices (the
     * whole layer streams through the partitions), so the candidate has none.
     */
    static OpCandidate candidateOf(Placement p, Architecture arch) {
        boolean tiled = p.tiling() != null && !arch.bufferOf(p.unit()).partitioned();
        return new OpCandidate(p.unitName(), p.unit() instanceof NmArraySpec a ? a.dataflow() : null,
                tiled ? p.tiling().tile() : null, tiled ? p.tiling().loopOrder() : null);
    }

    private MapResult.StrategyRun graphSearch(SearchStrategyKind kind, List<MapResult.NodeInfo> nodes,
                                              List<OperatorSearch.Result> perNode, MapResult.Evaluation start,
                                              double operatorSeconds, Listener listener) {
        long t0 = System.nanoTime();
        int budget = settings.graphBudget();
        GraphSpace space = graphSpace(nodes, perNode, kind == SearchStrategyKind.EXHAUSTIVE ? budget - 2 : 0);
        double[] trace = new double[budget];
        Arrays.fill(trace, Double.POSITIVE_INFINITY);
        Set<Mapping> distinct = new HashSet<>();
        Set<Mapping> refused = new HashSet<>();
        int[] sizes = space.sizes();
        int[] startPoint = space.startPoint();
        int[] bestPoint = startPoint;
        MapResult.Evaluation best = start;
        int asks = 0;
        List<int[]> seeds = new ArrayList<>();
        seeds.add(startPoint);
        int[] composite = new int[sizes.length];
        if (!Arrays.equals(composite, startPoint)) {
            seeds.add(composite);
        }
        double bestCost = Double.POSITIVE_INFINITY;
        for (int[] p : seeds) {
            if (asks >= budget) {
                break;
            }
            MapResult.Evaluation e = evaluateOrNull(space.mapping(p), distinct, refused);
            asks++;
            listener.step();
            double c = e == null ? Double.POSITIVE_INFINITY : e.objective();
            if (c < bestCost) {
                bestCost = c;
                best = e;
                bestPoint = p;
            }
            trace[asks - 1] = bestCost;
        }
        if (sizes.length > 0 && asks < budget) {
            SearchStrategy strategy = kind == SearchStrategyKind.HILL_CLIMB
                    ? new HillClimbSearch(sizes, seed(kind, "(workload)"), bestPoint, bestCost)
                    : Strategies.create(kind, sizes, seed(kind, "(workload)"), budget - asks);
            while (asks < budget) {
                Optional<int[]> next = strategy.next();
                if (next.isEmpty()) {
                    break;
                }
                MapResult.Evaluation e = evaluateOrNull(space.mapping(next.get()), distinct, refused);
                asks++;
                listener.step();
                double c = e == null ? Double.POSITIVE_INFINITY : e.objective();
                strategy.report(c);
                if (c < bestCost) {
                    bestCost = c;
                    best = e;
                    bestPoint = next.get();
                }
                trace[asks - 1] = bestCost;
            }
        }
        for (int i = asks; i < budget; i++) {
            listener.step();
            trace[i] = i == 0 ? Double.POSITIVE_INFINITY : trace[i - 1];
        }
        if (best == null) {
            throw new IllegalStateException("the start mapping was refused after it had run");
        }
        return new MapResult.StrategyRun(kind, perNode, space, trace, asks, distinct.size(), refused.size(), bestPoint,
                best, operatorSeconds, (System.nanoTime() - t0) / 1e9);
    }

    /** The workload-level space of one strategy's per-node results. */
    /**
     * @param jointLimit an exhaustive search's room: when every combination of every node's feasible candidates (and
     *                   of the fusion choices) fits in it, the space holds them all, so the workload level enumerates
     *                   the whole joint space and finds what a brute force finds; 0 keeps each node's few best
     */
    private GraphSpace graphSpace(List<MapResult.NodeInfo> nodes, List<OperatorSearch.Result> perNode, int jointLimit) {
        Mapping pins = constraints.pins();
        List<GraphSpace.FusionChoice> fusion = fusionChoices(pins);
        GraphSpace joint = jointLimit > 0 ? jointSpace(nodes, perNode, fusion, jointLimit) : null;
        if (joint != null) {
            return joint;
        }
        List<GraphSpace.NodeChoice> choices = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            MapResult.NodeInfo n = nodes.get(i);
            OperatorSearch.Result r = perNode.get(i);
            if (r.best() == null || r.best().candidate().equals(n.startCandidate())) {
                continue;
            }
            OpNode node = n.node();
            OpMapping pin = constraints.pin(node);
            boolean reconf = n.space().reconfigurable(r.best().candidate());
            List<OpMapping> options = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            OpMapping bestEntry = r.best().candidate().toMapping(reconf);
            OpMapping free = unitFree(node, pin, r.best());
            OpMapping startEntry = pins.of(node.name()).orElse(null); // an operator-level pin stays in the base
            if (free != null) {
                options.add(free);
                labels.add("best, unit left to the scheduler");
            }
            options.add(bestEntry);
            labels.add("best");
            options.add(startEntry);
            labels.add(pin == null ? "default" : "pinned");
            int startIndex = options.size() - 1;
            if (r.next() != null && !r.next().candidate().equals(n.startCandidate())) {
                options.add(r.next().candidate().toMapping(n.space().reconfigurable(r.next().candidate())));
                labels.add("next-best");
            }
            choices.add(new GraphSpace.NodeChoice(node.name(), options, labels, startIndex));
        }
        return new GraphSpace(pins, choices, fusion, declaredFusion());
    }

    /** Every node's every feasible candidate (cheapest first, then the start entry), or null when it exceeds {@code limit}. */
    private GraphSpace jointSpace(List<MapResult.NodeInfo> nodes, List<OperatorSearch.Result> perNode,
                                  List<GraphSpace.FusionChoice> fusion, int limit) {
        Mapping pins = constraints.pins();
        double size = Math.pow(2, fusion.size());
        List<GraphSpace.NodeChoice> choices = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            MapResult.NodeInfo n = nodes.get(i);
            List<OpMapping> options = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (OperatorSearch.Eval e : perNode.get(i).ranked()) {
                options.add(e.candidate().toMapping(n.space().reconfigurable(e.candidate())));
                labels.add(options.size() == 1 ? "best" : "candidate " + options.size());
            }
            OpMapping pin = constraints.pin(n.node());
            options.add(pins.of(n.node().name()).orElse(null));
            labels.add(pin == null ? "default" : "pinned");
            size *= options.size();
            if (size > limit) {
                return null;
            }
            choices.add(new GraphSpace.NodeChoice(n.node().name(), options, labels, options.size() - 1));
        }
        return new GraphSpace(pins, choices, fusion, declaredFusion());
    }

    private List<List<String>> declaredFusion() {
        List<List<String>> declared = new ArrayList<>(workload.fusion());
        if (workload.perPass() != null) {
            declared.addAll(workload.perPass().fusion());
        }
        return declared;
    }

    private List<GraphSpace.FusionChoice> fusionChoices(Mapping pins) {
        List<GraphSpace.FusionChoice> fusion = new ArrayList<>();
        List<List<String>> declared = declaredFusion();
        if (pins.fusion() == null && !workload.training()) {
            for (List<String> g : declared) {
                fusion.add(new GraphSpace.FusionChoice(String.join("+", g), g, true));
            }
            for (DataflowGraph g : graphsOf(Mapping.NONE)) {
                if (g != null) {
                    fusion.addAll(fusablePairs(g));
                }
            }
        }
        return fusion;
    }

    /**
     * The best candidate's entry without its unit, when several units could take the node and the tile fits
     * each of them (so the scheduler may still balance the node between them); null otherwise.
     */
    private OpMapping unitFree(OpNode node, OpMapping pin, OperatorSearch.Eval best) {
        List<String> units = Compatibility.units(arch, node.work());
        if (units.size() < 2 || (pin != null && pin.unit() != null) || units.stream().anyMatch(constraints.forbidden()::contains)) {
            return null;
        }
        OpCandidate c = best.candidate();
        boolean reconf = false;
        for (String u : units) {
            ComputeUnitSpec spec = (ComputeUnitSpec) arch.units().get(u);
            if (!spec.type().equals(best.placement().unit().type())) {
                return null;
            }
            if (spec instanceof NmArraySpec a && a.reconfigurable()) {
                reconf = true;
                if (!a.supportsDataflow(c.dataflow())) {
                    return null;
                }
            }
            if (node.work() instanceof GemmWork g && c.tile() != null) {
                boolean sparse = Compatibility.runsSparse(spec, g);
                if (Tiler.footprint(g, sparse, c.tile().m(), c.tile().k(), c.tile().n(), arch.bufferOf(spec).doubleBuffered())
                        > Tiler.budget(arch, spec.buffer())) {
                    return null;
                }
            }
        }
        if (c.tile() == null && !reconf) {
            return null; // nothing but the unit to choose: leaving it out is the scheduler's default
        }
        return new OpMapping(null, c.tile(), c.loopOrder(), reconf ? c.dataflow() : null);
    }

    /**
     * Producer–consumer pairs outside every declared group that could be fused: the producer's output goes to
     * that consumer only, neither is a view or writes a cache in off-chip memory, and some unit of each names
     * the same buffer (where the fused tensor would stay).
     */
    private List<GraphSpace.FusionChoice> fusablePairs(DataflowGraph g) {
        List<GraphSpace.FusionChoice> out = new ArrayList<>();
        Workload w = g.workload();
        for (OpNode n : g.nodes()) {
            if (n.work() instanceof ViewWork || n.operator() instanceof Append || w.fusionGroupOf(n.operator().name()) >= 0) {
                continue;
            }
            List<OpNode> succ = g.successors(n);
            if (succ.size() != 1) {
                continue;
            }
            OpNode c = succ.get(0);
            if (c.work() instanceof ViewWork || c.operator() instanceof Append || w.fusionGroupOf(c.operator().name()) >= 0) {
                continue;
            }
            Set<String> buffers = new HashSet<>();
            Compatibility.units(arch, n.work()).forEach(u -> buffers.add(((ComputeUnitSpec) arch.units().get(u)).buffer()));
            boolean shared = Compatibility.units(arch, c.work()).stream()
                    .anyMatch(u -> buffers.contains(((ComputeUnitSpec) arch.units().get(u)).buffer()));
            if (shared) {
                out.add(new GraphSpace.FusionChoice(n.operator().name() + "+" + c.operator().name(),
                        List.of(n.operator().name(), c.operator().name()), false));
            }
        }
        return out;
    }

    /** Evaluates a mapping, or null when the model refuses it (counted in {@code refused}). */
    private MapResult.Evaluation evaluateOrNull(Mapping m, Set<Mapping> distinct, Set<Mapping> refused) {
        distinct.add(m);
        try {
            return evaluate(m);
        } catch (SpecException e) {
            refused.add(m);
            return null;
        }
    }

    /**
     * Simulates a mapping as {@code simulate --mapping} does (the repeated graph, and the once-per-pass graph with
     * the entries that name its operators); results are kept, so a mapping is simulated once.
     */
    public MapResult.Evaluation evaluate(Mapping m) {
        Object known = evaluations.get(m);
        if (known instanceof MapResult.Evaluation e) {
            return e;
        }
        if (known instanceof SpecException e) {
            throw e;
        }
        try {
            DataflowGraph[] g = graphsOf(m);
            Mapping layer = perPassNames.isEmpty() ? m : m.without(perPassNames);
            SimulationResult main = simulator.run(scheduler.schedule(g[0], arch, layer));
            SimulationResult once = g[1] == null ? null : simulator.run(scheduler.schedule(g[1], arch,
                    m.restrictedTo(perPassNames)));
            int repeat = workload.repeat();
            double seconds = main.seconds() * repeat + (once == null ? 0 : once.seconds());
            double joules = (main.energyPj() * repeat + (once == null ? 0 : once.energyPj())) * 1e-12;
            double objective = switch (settings.objective()) {
                case LATENCY -> seconds;
                case ENERGY -> joules;
                default -> seconds * joules;
            };
            MapResult.Evaluation e = new MapResult.Evaluation(m, main, once, repeat, seconds, joules, objective);
            evaluations.putIfAbsent(m, e);
            return e;
        } catch (SpecException e) {
            evaluations.putIfAbsent(m, e);
            throw e;
        }
    }

    /** The graphs (repeated, once-per-pass or null) of the workload a mapping runs (its fusion applied). */
    private DataflowGraph[] graphsOf(Mapping m) {
        Workload w = m.applyTo(workload, SOURCE);
        List<List<String>> key = new ArrayList<>(w.fusion());
        key.add(List.of("|"));
        if (w.perPass() != null) {
            key.addAll(w.perPass().fusion());
        }
        return graphs.computeIfAbsent(key, k -> {
            Workload once = w.perPassWorkload();
            return new DataflowGraph[] {new GraphBuilder(workloadSource).build(w),
                once == null ? null : new GraphBuilder(workloadSource + " (per pass)").build(once)};
        });
    }
}
