package io.sparcade.dse.eval;

import io.sparcade.hwsim.resources.Resources;
import com.fasterxml.jackson.databind.JsonNode;
import io.sparcade.dataflow.DataflowGraph;
import io.sparcade.dataflow.GraphBuilder;
import io.sparcade.dse.search.MapSpace;
import io.sparcade.dse.search.MappingSearch;
import io.sparcade.dse.search.MappingText;
import io.sparcade.dse.search.Strategies;
import io.sparcade.dse.sweep.Axis;
import io.sparcade.dse.sweep.DesignPoint;
import io.sparcade.dse.sweep.DesignSpec;
import io.sparcade.dse.sweep.Metric;
import io.sparcade.dse.sweep.SweepParser;
import io.sparcade.dse.sweep.SweepSpec;
import io.sparcade.hwsim.OperatorModel;
import io.sparcade.hwsim.SimulationResult;
import io.sparcade.hwsim.Simulator;
import io.sparcade.hwsim.energy.EnergyTable;
import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.presets.Presets;
import io.sparcade.model.spec.Override;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.spec.Yaml;
import io.sparcade.model.workload.Workload;
import io.sparcade.scheduler.ListScheduler;
import io.sparcade.scheduler.Schedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Evaluates design points of one sweep with the flow's pieces: the axis values are applied as overrides to the
 * base architecture's tree (validated like a file), the workload graph is built once per distinct workload
 * setting, and the mapping search runs the list scheduler and the simulator per candidate mapping.
 * Thread-safe: one instance serves every worker thread; results depend only on the sweep and the point.
 */
public final class PointEvaluator {
    private final SweepSpec sweep;
    private final OperatorModel model;
    private final EnergyTable energy;
    private final List<JsonNode> baseArchs = new ArrayList<>();
    private final Map<String, DataflowGraph> graphs = new ConcurrentHashMap<>();
    /** The fast path's scheduler view of each graph (adjacency, fusion groups), by the same key as {@link #graphs}. */
    private final Map<String, ListScheduler.GraphShape> graphShapes = new ConcurrentHashMap<>();
    /** The fast path's automatic tilings, shared across points by value (null on the straightforward path). */
    private final ListScheduler.TilingMemo tilings;
    /** The once-per-pass graph of each workload setting (empty when the workload has none). */
    private final Map<String, Optional<DataflowGraph>> perPassGraphs = new ConcurrentHashMap<>();
    /**
     * The fast path's architectures, bound once per design and architecture-axis values (a point's workload axes
     * do not change them), with their resource estimate; or the refusal their values met. Null on the
     * straightforward path, which binds every point's architecture afresh.
     */
    private final Map<List<Object>, BoundArch> archs;
    /**
     * The fast path's schedule shapes and fluid-simulation times, shared by every point (a point whose schedule and
     * operator costs equal another's, bit for bit, reuses its event loop). Null on the straightforward path.
     */
    private final Simulator.Memo fluid;
    /**
     * The fast path's axis values parsed as YAML, once per axis path and value text (an architecture of the sweep is
     * bound from its base tree with the parsed values put in); null on the straightforward path, which parses every
     * point's values afresh. A value that does not parse is not kept (its architecture's refusal is).
     */
    private final Map<Override, JsonNode> parsedValues;

    /**
     * Architectures kept at most (then the cache starts over): 4,096, a few MB; the default sweep has 2,588 distinct
     * ones, the million-point sweep 100,000 (each used by the ten consecutive points of its workload axis).
     */
    static final int MAX_ARCHS = 4096;

    /** An architecture bound from one design's axis values, its resources, or why its values were refused. */
    private record BoundArch(Architecture arch, SpecException refusal, Resources resources, RuntimeException estimateFailure) {
        /** The arch's resource estimate; throws what estimating it threw (at the point the flow asks for it). */
        Resources estimate() {
            if (estimateFailure != null) {
                throw estimateFailure;
            }
            return resources;
        }
    }

    public PointEvaluator(SweepSpec sweep, EnergyTable energy) {
        this(sweep, energy, true);
    }

    /**
     * @param cached whether operator costs are cached by value across mappings and points (the fast path); false
     *               walks every operator's tiles every time (the straightforward path the bench compares with)
     */
    public PointEvaluator(SweepSpec sweep, EnergyTable energy, boolean cached) {
        this.sweep = sweep;
        this.model = new OperatorModel(cached);
        this.archs = cached ? new ConcurrentHashMap<>() : null;
        this.fluid = cached ? new Simulator.Memo() : null;
        this.parsedValues = cached ? new ConcurrentHashMap<>() : null;
        this.tilings = cached ? new ListScheduler.TilingMemo() : null;
        this.energy = energy;
        for (int d = 0; d < sweep.designs().size(); d++) {
            DesignSpec ds = sweep.designs().get(d);
            try {
                baseArchs.add(Yaml.toTree(Specs.architecture(ds.arch(), List.of())));
            } catch (SpecException e) {
                throw new SpecException(sweep.source(), "designs[" + d + "].arch", e.getMessage());
            }
        }
    }

    public SweepSpec sweep() {
        return sweep;
    }

    /**
     * Checks every axis value of every design on its own, and every workload, before any point runs: a bad
     * value fails here with the axis named.
     */
    public void validate() {
        for (int d = 0; d < sweep.designs().size(); d++) {
            DesignSpec ds = sweep.designs().get(d);
            for (String w : ds.workloads()) {
                try {
                    workload(ds, w, List.of(), List.of());
                } catch (SpecException e) {
                    throw new SpecException(sweep.source(), "designs[" + d + "].workloads", e.getMessage());
                }
            }
            for (Axis a : ds.axes()) {
                for (String v : a.values()) {
                    try {
                        if (a.isWorkload()) {
                            for (String w : ds.workloads()) {
                                workload(ds, w, List.of(a), List.of(v));
                            }
                        } else {
                            architecture(d, List.of(a), List.of(v));
                        }
                    } catch (SpecException e) {
                        throw new SpecException(sweep.source(), "designs[" + d + "].axes." + a.path(),
                                "value " + SweepParser.plain(v) + " is invalid: " + e.getMessage());
                    }
                }
            }
        }
    }

    /**
     * Evaluates one point; an expected refusal (a {@link SpecException}: no tile fits, an axis value the unit
     * cannot take) becomes a result with its error; any other exception is a bug and propagates.
     */
    public PointResult evaluate(DesignPoint p) {
        String archName = sweep.designs().get(p.design()).arch();
        try {
            DesignSpec ds = sweep.designs().get(p.design());
            BoundArch pointArch = bind(p.design(), ds.axes(), p.values());
            Architecture arch = pointArch.arch();
            archName = arch.name();
            List<Axis> wAxes = new ArrayList<>();
            List<String> wValues = new ArrayList<>();
            for (int i = 0; i < ds.axes().size(); i++) {
                if (ds.axes().get(i).isWorkload()) {
                    wAxes.add(ds.axes().get(i));
                    wValues.add(p.values().get(i));
                }
            }
            String key = p.design() + "|" + p.workload() + "|" + wValues;
            DataflowGraph graph = graphs.computeIfAbsent(key,
                    k -> new GraphBuilder(p.workload()).build(workload(ds, p.workload(), wAxes, wValues)));
            Optional<DataflowGraph> once = perPassGraphs.computeIfAbsent(key, k -> Optional.ofNullable(
                    graph.workload().perPassWorkload()).map(w -> new GraphBuilder(p.workload() + " (per pass)").build(w)));
            MapSpace space = new MapSpace(graph, arch, model);
            Metric objective = sweep.search().objective();
            Resources resources = archs == null ? Resources.estimate(arch) : pointArch.estimate();
            // the fast path: a model that also remembers this point's costs by placement instance, and the
            // scheduler prepared once for the graph and architecture (placements kept per operator mapping)
            OperatorModel pointModel = archs == null ? model : model.scoped();
            ListScheduler scheduler = new ListScheduler(pointModel, "mapping search");
            Simulator simulator = new Simulator(pointModel, energy, fluid);
            Function<Mapping, Schedule> schedules;
            if (archs == null) {
                schedules = m -> scheduler.schedule(graph, arch, m);
            } else {
                ListScheduler.Prepared prepared = scheduler.prepare(
                        graphShapes.computeIfAbsent(key, k -> new ListScheduler.GraphShape(graph)), arch, tilings);
                schedules = prepared::schedule;
            }
            // the fast path simulates each distinct schedule of the point once: two mappings the scheduler places
            // alike (same placement instances, in the same order) simulate alike
            Map<FiringsKey, SimulationResult> simulated = new java.util.HashMap<>();
            Function<Schedule, SimulationResult> simulate = archs == null ? simulator::run
                    : sc -> simulated.computeIfAbsent(new FiringsKey(sc), k -> simulator.run(sc));
            int repeat = graph.workload().repeat();
            // the once-per-pass operators (embedding, LM head) run with the scheduler's own mapping
            SimulationResult perPass = once.map(g -> simulator.run(scheduler.schedule(g, arch, Mapping.NONE))).orElse(null);
            Optional<MappingSearch.Outcome<Metrics>> best = MappingSearch.run(space,
                    Strategies.create(sweep.search().strategy(), space.sizes(), searchSeed(p.id()), sweep.search().budget()),
                    sweep.search().budget(),
                    (Mapping m) -> metrics(simulate.apply(schedules.apply(m)), repeat, perPass, resources),
                    m -> m.value(objective));
            if (best.isEmpty()) {
                return new PointResult(p, archName, null, List.of(), 0, "", "mapping search evaluated no mapping");
            }
            Metrics metrics = best.get().result();
            List<String> violations = new ArrayList<>();
            ds.constraints().forEach((metric, bound) -> {
                double v = metrics.value(metric);
                if (v > bound) {
                    violations.add(String.format(Locale.ROOT, "%s %.4g > %.4g", metric.id(), v, bound));
                }
            });
            return new PointResult(p, archName, metrics, violations, best.get().evaluations(),
                    MappingText.format(best.get().mapping()), null);
        } catch (SpecException e) {
            return new PointResult(p, archName, null, List.of(), 0, "", oneLine(e));
        }
    }

    /**
     * A schedule of one prepared graph and architecture, by the identity of its firings' nodes and placements in
     * issue order (a firing's dependencies follow from its node): what the simulator reads of it.
     */
    private static final class FiringsKey {
        private final Object[] refs;
        private final int hash;

        FiringsKey(Schedule s) {
            refs = new Object[2 * s.firings().size()];
            int h = 1;
            for (int i = 0; i < s.firings().size(); i++) {
                refs[2 * i] = s.firings().get(i).node();
                refs[2 * i + 1] = s.firings().get(i).placement();
                h = 31 * (31 * h + System.identityHashCode(refs[2 * i])) + System.identityHashCode(refs[2 * i + 1]);
            }
            hash = h;
        }

        @java.lang.Override
        public boolean equals(Object o) {
            if (!(o instanceof FiringsKey k) || k.hash != hash || k.refs.length != refs.length) {
                return false;
            }
            for (int i = 0; i < refs.length; i++) {
                if (k.refs[i] != refs[i]) {
                    return false;
                }
            }
            return true;
        }

        @java.lang.Override
        public int hashCode() {
            return hash;
        }
    }

    /** Seed of a point's mapping search: the sweep's seed mixed with the point id (SplitMix64 finaliser). */
    public long searchSeed(long pointId) {
        long z = sweep.seed() + 0x9E3779B97F4A7C15L * (pointId + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static Metrics metrics(SimulationResult r, int repeat, SimulationResult perPass, Resources resources) {
        double seconds = r.seconds() * repeat + (perPass == null ? 0 : perPass.seconds());
        double energyPj = r.energyPj() * repeat + (perPass == null ? 0 : perPass.energyPj());
        return new Metrics(seconds, energyPj * 1e-12, r.totalCycles(), resources);
    }

    /** A point's architecture and resources: bound once per axis values on the fast path, afresh otherwise. */
    private BoundArch bind(int design, List<Axis> axes, List<String> values) {
        if (archs == null) {
            return new BoundArch(architecture(design, axes, values), null, null, null);
        }
        List<Object> key = new ArrayList<>();
        key.add(design);
        for (int i = 0; i < axes.size(); i++) {
            if (!axes.get(i).isWorkload()) {
                key.add(values.get(i));
            }
        }
        BoundArch b = archs.get(key);
        if (b == null && archs.size() >= MAX_ARCHS) {
            archs.clear(); // bounded: a sweep of many architectures starts over (its points come in axis order)
        }
        b = b != null ? b : archs.computeIfAbsent(key, k -> {
            Architecture arch;
            try {
                arch = architecture(design, axes, values);
            } catch (SpecException e) {
                return new BoundArch(null, e, null, null);
            }
            try {
                return new BoundArch(arch, null, Resources.estimate(arch), null);
            } catch (RuntimeException e) {
                return new BoundArch(arch, null, null, e);
            }
        });
        if (b.refusal() != null) {
            throw b.refusal();
        }
        return b;
    }

    Architecture architecture(int design, List<Axis> axes, List<String> values) {
        JsonNode tree = baseArchs.get(design).deepCopy();
        for (int i = 0; i < axes.size(); i++) {
            Axis a = axes.get(i);
            if (!a.isWorkload()) {
                Override o = new Override(a.specPath(), values.get(i));
                if (parsedValues == null) {
                    o.applyTo(tree);
                } else {
                    o.applyTo(tree, x -> parsedValues.computeIfAbsent(x, Override::parsedValue));
                }
            }
        }
        String source = sweep.source() + " design " + design + " (" + sweep.designs().get(design).arch() + ")";
        return Yaml.bind(source, tree, Architecture.class);
    }

    private Workload workload(DesignSpec ds, String ref, List<Axis> axes, List<String> values) {
        boolean preset = Presets.workloads().stream().anyMatch(w -> w.name().equals(ref));
        Map<String, String> params = new LinkedHashMap<>(ds.params());
        List<Override> sets = new ArrayList<>();
        for (int i = 0; i < axes.size(); i++) {
            Axis a = axes.get(i);
            if (preset && !a.specPath().contains(".")) {
                params.put(a.specPath(), SweepParser.plain(values.get(i)));
            } else {
                sets.add(new Override(a.specPath(), values.get(i)));
            }
        }
        return Specs.workload(ref, params, sets);
    }

    static String oneLine(Throwable e) {
        String m = e instanceof SpecException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
