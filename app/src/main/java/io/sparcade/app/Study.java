package io.sparcade.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.Pass;
import io.sparcade.hwsim.OpResult;
import io.sparcade.hwsim.SimulationResult;
import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.spec.Yaml;
import io.sparcade.model.workload.OpSparsity;
import io.sparcade.model.workload.Workload;
import io.sparcade.reports.StudyReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sparcade study}: a workload run under sparsity methods at several densities, against its dense baseline
 * (the workload with every overlay removed), in each phase. A method is a sparsity overlay (the kinds of
 * {@link OpSparsity}) put on named operators, with the density of each of its kinds set by the study.
 */
public final class Study {
    /** The built-in methods file: every family on a decoder LLM (FlightLLM's operator names). */
    public static final String SEEDS = "seeds";
    /** Kinds of overlay that take no density (their strength is in their own parameters). */
    private static final Set<String> NO_DENSITY = Set.of("nm", "keep", "quant");

    /**
     * One method of a methods file.
     *
     * @param name        its name in study.csv
     * @param family      weight, activation, attention, kv, tokens or moe
     * @param ops         the operators it applies to
     * @param sparsity    the overlay put on each of them (as in a workload's {@code sparsity:}), without density
     * @param phases      the phases it applies to (empty: all)
     * @param granularity its pattern's granularity, for study.csv where no GEMM carries it
     * @param source      the paper it comes from
     * @param overrides   per operator, fields that differ from {@code sparsity} (e.g. {@code down_proj: {activation:
     *                    {dim: k}}}), merged into it
     */
    public record Method(String name, String family, List<String> ops, JsonNode sparsity, List<String> phases,
                         String granularity, String source, Map<String, JsonNode> overrides) {
        public Method {
            if (name == null || name.isBlank()) {
                throw new SpecException("name", "every method needs a name");
            }
            if (family == null || family.isBlank()) {
                throw new SpecException("family", "method '" + name + "' needs a family");
            }
            if (ops == null || ops.isEmpty()) {
                throw new SpecException("ops", "method '" + name + "' names no operator");
            }
            if (sparsity == null || !sparsity.isObject() || sparsity.isEmpty()) {
                throw new SpecException("sparsity", "method '" + name + "' needs a sparsity overlay (e.g. {unstructured: {format: bitmap}})");
            }
            ops = List.copyOf(ops);
            phases = phases == null ? List.of() : List.copyOf(phases);
            granularity = granularity == null ? "" : granularity;
            source = source == null ? "" : source;
            overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
            for (String op : overrides.keySet()) {
                if (!ops.contains(op)) {
                    throw new SpecException("overrides." + op, "method '" + name + "' overrides '" + op + "', which is not in its ops");
                }
            }
        }

        public boolean appliesTo(String phase) {
            return phases.isEmpty() || phases.contains(phase);
        }
    }

    /** A methods file: {@code methods: [...]}. */
    public record Methods(List<Method> methods) {
        public Methods {
            if (methods == null || methods.isEmpty()) {
                throw new SpecException("methods", "no method listed");
            }
            methods = List.copyOf(methods);
        }
    }

    private final Sparcade sparcade;

    public Study(Sparcade sparcade) {
        this.sparcade = sparcade;
    }

    /** The methods of {@code ref}: {@code seeds} (built in) or a YAML file. */
    public static Methods methods(String ref) {
        String text;
        String source;
        if (ref.equals(SEEDS)) {
            source = "methods seeds";
            try (InputStream in = Study.class.getResourceAsStream("/io/sparcade/study/seeds.yaml")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("missing resource seeds.yaml", e);
            }
        } else {
            Path p = Path.of(ref);
            source = ref;
            if (!Files.isRegularFile(p)) {
                throw new SpecException("--methods", "'" + ref + "' is neither 'seeds' nor a readable file");
            }
            try {
                text = Files.readString(p);
            } catch (IOException e) {
                throw new SpecException(ref, null, "cannot read: " + e.getMessage());
            }
        }
        return Yaml.bind(source, Yaml.parse(source, text), Methods.class);
    }

    /** Densities from the command line: each in (0, 1]. */
    public static List<Double> densities(List<Double> given) {
        for (Double d : given) {
            if (d == null || !(d > 0 && d <= 1)) {
                throw new SpecException("--densities", "each density must be in (0, 1], got " + d);
            }
        }
        return given.stream().distinct().sorted().toList();
    }

    /**
     * The overlay of {@code m} at {@code density} on {@code w}: each operator it names gets the method's overlay, its
     * kinds' density set. Fails with the method, operator and field when an operator is missing or the overlay does
     * not apply to it.
     */
    public static Workload apply(Workload w, Method m, double density) {
        Map<String, OpSparsity> overlay = new LinkedHashMap<>();
        Set<String> names = new java.util.HashSet<>();
        w.operators().forEach(o -> names.add(o.name()));
        for (String op : m.ops()) {
            if (!names.contains(op)) {
                throw new SpecException("methods." + m.name() + ".ops", "method '" + m.name() + "': no operator '" + op
                        + "' in workload " + w.name());
            }
            ObjectNode tree = m.sparsity().deepCopy();
            JsonNode extra = m.overrides().get(op);
            if (extra != null && extra.isObject()) {
                extra.fields().forEachRemaining(e -> {
                    if (tree.get(e.getKey()) instanceof ObjectNode kind && e.getValue().isObject()) {
                        kind.setAll((ObjectNode) e.getValue());
                    } else {
                        tree.set(e.getKey(), e.getValue());
                    }
                });
            }
            tree.fields().forEachRemaining(e -> {
                if (!NO_DENSITY.contains(e.getKey()) && e.getValue().isObject()) {
                    ((ObjectNode) e.getValue()).put("density", density);
                }
            });
            try {
                overlay.put(op, Yaml.bind("method " + m.name(), tree, OpSparsity.class));
            } catch (SpecException e) {
                throw new SpecException("methods." + m.name() + ".sparsity", "method '" + m.name() + "' on '" + op + "': "
                        + e.getMessage());
            }
        }
        try {
            return w.withOverlay(overlay);
        } catch (SpecException e) {
            throw new SpecException("methods." + m.name(), "method '" + m.name() + "': " + e.getMessage());
        }
    }

    /**
     * Runs every method at every density in every phase, plus each phase's dense baseline.
     *
     * @param workloadOf the workload of a phase (with whatever overlay it has; the study removes it)
     * @param phases     the phases to run
     */
    public List<StudyReport.Row> run(Architecture arch, Function<String, Workload> workloadOf, List<String> phases,
                                     Methods methods, List<Double> densities, Mapping mapping, String source,
                                     java.util.function.Consumer<String> progress) {
        List<StudyReport.Row> rows = new ArrayList<>();
        for (String phase : phases) {
            Workload dense = workloadOf.apply(phase).dense();
            progress.accept(phase + ": dense");
            Totals d = totals(dense, simulate(arch, dense, mapping, source), null, mapping);
            rows.add(d.row(phase, "dense", "dense", 1, "", d));
            for (Method m : methods.methods()) {
                if (!m.appliesTo(phase)) {
                    continue;
                }
                for (double density : densities) {
                    progress.accept(phase + ": " + m.name() + " at " + density);
                    Workload w = apply(dense, m, density);
                    Totals t = totals(w, simulate(arch, w, mapping, source), dense, mapping);
                    String g = t.granularity.isEmpty() ? m.granularity() : t.granularity;
                    rows.add(t.row(phase, m.name(), m.family(), density, g, d));
                }
            }
        }
        return rows;
    }

    private SimulationResult simulate(Architecture arch, Workload w, Mapping mapping, String source) {
        return sparcade.simulate(sparcade.schedule(sparcade.graph(w, source), arch, mapping, "mapping"));
    }

    /** A run's totals over the whole model: its layers, with the dense layers before a token-pruning layer. */
    private record Totals(long cycles, double energyMj, long dramBytes, long metadataBytes, long selectorCycles,
                          long macsUseful, long macsIssued, String granularity) {
        StudyReport.Row row(String phase, String method, String family, double density, String g, Totals dense) {
            return new StudyReport.Row(phase, method, family, density, g, cycles, energyMj, dramBytes, metadataBytes,
                    selectorCycles, macsUseful, macsIssued, dense.cycles, dense.energyMj);
        }
    }

    private static final Pattern SKIPS = Pattern.compile("skips (\\S+)");

    private Totals totals(Workload w, SimulationResult r, Workload denseW, Mapping mapping) {
        int layers = w.repeat();
        int denseLayers = denseW == null ? 0 : Math.min(layers, w.tokenPruningFromLayer());
        SimulationResult denseR = denseLayers == 0 ? null : simulate(r.schedule().architecture(), denseW, mapping, "dense layers");
        int sparseLayers = layers - denseLayers;
        long selector = 0;
        long metadata = 0;
        String granularity = "";
        for (OpResult o : r.ops()) {
            if (o.firing().node().pass() == Pass.SELECT) {
                selector += o.cost().cycles();
            }
            metadata += o.cost().metadataBytes();
            if (granularity.isEmpty() && o.firing().node().work() instanceof GemmWork g && g.overlay() != null
                    && g.overlay().granularity() != null) {
                Matcher q = SKIPS.matcher(o.cost().detail());
                granularity = g.overlay().granularity() + (q.find() ? " on " + o.unit() + " skipping " + q.group(1) : "");
            }
        }
        long cycles = r.totalCycles() * sparseLayers + (denseR == null ? 0 : denseR.totalCycles() * denseLayers);
        double energy = (r.energyPj() * sparseLayers + (denseR == null ? 0 : denseR.energyPj() * denseLayers)) * 1e-9;
        long dram = r.dramBytes() * sparseLayers + (denseR == null ? 0 : denseR.dramBytes() * denseLayers);
        long useful = r.macsUseful() * sparseLayers + (denseR == null ? 0 : denseR.macsUseful() * denseLayers);
        long issued = r.macsIssued() * sparseLayers + (denseR == null ? 0 : denseR.macsIssued() * denseLayers);
        return new Totals(cycles, energy, dram, metadata * sparseLayers, selector * sparseLayers, useful, issued, granularity);
    }
}
