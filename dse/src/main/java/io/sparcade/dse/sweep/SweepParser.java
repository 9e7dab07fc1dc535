package io.sparcade.dse.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparcade.model.SpecException;
import io.sparcade.model.spec.Yaml;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a sweep from YAML. Every problem is a one-line {@link SpecException} naming the source, the field (for
 * axes, the axis) and what is wrong. Axis values are a list, or a range: {@code {from: 8, to: 64, step: 8}}
 * (arithmetic) or {@code {from: 8, to: 64, times: 2}} (geometric), both inclusive.
 */
public final class SweepParser {
    private static final Set<String> TOP_KEYS = Set.of("name", "description", "seed", "search", "explore",
            "objectives", "constraints", "designs");
    private static final Set<String> DESIGN_KEYS = Set.of("arch", "workload", "workloads", "params", "axes",
            "constraints");
    private static final Set<String> SEARCH_KEYS = Set.of("strategy", "budget", "objective");
    private static final Set<String> EXPLORE_KEYS = Set.of("strategy", "budget", "seed");
    private static final Set<String> RANGE_KEYS = Set.of("from", "to", "step", "times");
    /** A range longer than this is almost certainly a typo (e.g. step 1 over a buffer size in KiB). */
    static final int MAX_RANGE_VALUES = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepParser() {
    }

    public static SweepSpec parse(String source, String text) {
        JsonNode root = Yaml.parse(source, text);
        if (!root.isObject()) {
            throw new SpecException(source, null, "expected a mapping with keys " + String.join(", ", TOP_KEYS));
        }
        keys(source, "", root, TOP_KEYS);
        String name = root.hasNonNull("name") ? root.get("name").asText() : "sweep";
        long seed = root.has("seed") ? integer(source, "seed", root.get("seed")) : 1L;
        SearchSpec search = search(source, root.get("search"));
        List<Metric> objectives = new ArrayList<>();
        JsonNode obj = root.get("objectives");
        if (obj == null) {
            objectives = List.of(Metric.LATENCY, Metric.ENERGY);
        } else {
            if (!obj.isArray()) {
                throw new SpecException(source, "objectives", "expected a list such as [latency, energy]");
            }
            for (int i = 0; i < obj.size(); i++) {
                Metric m = Metric.parse(source, "objectives[" + i + "]", obj.get(i).asText());
                if (objectives.contains(m)) {
                    throw new SpecException(source, "objectives[" + i + "]", "'" + m.id() + "' is listed twice");
                }
                objectives.add(m);
            }
        }
        Map<Metric, Double> common = constraints(source, "constraints", root.get("constraints"), Map.of());
        JsonNode ds = root.get("designs");
        if (ds == null || !ds.isArray() || ds.isEmpty()) {
            throw new SpecException(source, "designs", "expected a non-empty list of designs (arch, workloads, axes)");
        }
        List<DesignSpec> designs = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            designs.add(design(source, "designs[" + i + "]", ds.get(i), common));
        }
        return new SweepSpec(name, source, text, seed, search, objectives, designs, explore(source, root.get("explore"), seed));
    }

    /** {@code explore: {strategy: nsga2, budget: N, seed: S}}; the seed defaults to the sweep's. */
    private static ExploreSpec explore(String source, JsonNode node, long sweepSeed) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new SpecException(source, "explore", "expected a mapping such as {strategy: nsga2, budget: 2000}");
        }
        keys(source, "explore", node, EXPLORE_KEYS);
        if (!node.has("strategy") || !node.has("budget")) {
            throw new SpecException(source, "explore", "needs a strategy and a budget, e.g. {strategy: nsga2, budget: 2000}");
        }
        ExploreStrategyKind kind = ExploreStrategyKind.parse(source, "explore.strategy", node.get("strategy").asText());
        long budget = integer(source, "explore.budget", node.get("budget"));
        if (budget < 1 || budget > ExploreSpec.MAX_BUDGET) {
            throw new SpecException(source, "explore.budget", "expected an integer in 1.." + ExploreSpec.MAX_BUDGET
                    + ", got " + budget);
        }
        long seed = node.has("seed") ? integer(source, "explore.seed", node.get("seed")) : sweepSeed;
        return new ExploreSpec(kind, budget, seed);
    }

    private static SearchSpec search(String source, JsonNode node) {
        if (node == null) {
            return SearchSpec.DEFAULT;
        }
        if (!node.isObject()) {
            throw new SpecException(source, "search", "expected a mapping with strategy, budget, objective");
        }
        keys(source, "search", node, SEARCH_KEYS);
        SearchStrategyKind kind = node.has("strategy")
                ? SearchStrategyKind.parse(source, "search.strategy", node.get("strategy").asText())
                : SearchSpec.DEFAULT.strategy();
        long budget = node.has("budget") ? integer(source, "search.budget", node.get("budget")) : SearchSpec.DEFAULT.budget();
        if (budget < 1 || budget > 1_000_000) {
            throw new SpecException(source, "search.budget", "expected an integer in 1..1000000, got " + budget);
        }
        Metric objective = node.has("objective")
                ? Metric.parse(source, "search.objective", node.get("objective").asText()) : SearchSpec.DEFAULT.objective();
        return new SearchSpec(kind, (int) budget, objective);
    }

    private static DesignSpec design(String source, String field, JsonNode node, Map<Metric, Double> common) {
        if (!node.isObject()) {
            throw new SpecException(source, field, "expected a mapping with arch, workloads, axes");
        }
        keys(source, field, node, DESIGN_KEYS);
        if (!node.hasNonNull("arch") || !node.get("arch").isValueNode()) {
            throw new SpecException(source, field + ".arch", "missing: name an architecture preset or a YAML file");
        }
        String arch = node.get("arch").asText();
        List<String> workloads = new ArrayList<>();
        if (node.has("workload") && node.has("workloads")) {
            throw new SpecException(source, field, "give either workload or workloads, not both");
        }
        JsonNode w = node.has("workload") ? node.get("workload") : node.get("workloads");
        if (w == null) {
            throw new SpecException(source, field + ".workloads", "missing: name at least one workload preset or file");
        }
        if (w.isArray()) {
            w.forEach(x -> workloads.add(x.asText()));
        } else {
            workloads.add(w.asText());
        }
        if (workloads.isEmpty()) {
            throw new SpecException(source, field + ".workloads", "empty: name at least one workload");
        }
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode p = node.get("params");
        if (p != null) {
            if (!p.isObject()) {
                throw new SpecException(source, field + ".params", "expected a mapping of preset parameters");
            }
            p.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        }
        List<Axis> axes = new ArrayList<>();
        JsonNode ax = node.get("axes");
        if (ax != null) {
            if (!ax.isObject()) {
                throw new SpecException(source, field + ".axes", "expected a mapping of path: values");
            }
            Iterator<Map.Entry<String, JsonNode>> it = ax.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String af = field + ".axes." + e.getKey();
                if (e.getKey().isBlank() || e.getKey().startsWith(".") || e.getKey().endsWith(".") || e.getKey().contains("..")) {
                    throw new SpecException(source, af, "an axis is a dotted path such as units.array.rows");
                }
                axes.add(new Axis(e.getKey(), values(source, af, e.getValue())));
            }
        }
        return new DesignSpec(arch, workloads, params, axes,
                constraints(source, field + ".constraints", node.get("constraints"), common));
    }

    /** The values of one axis as JSON text (which is YAML), so strings stay quoted. */
    static List<String> values(String source, String field, JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw new SpecException(source, field, "empty axis: give at least one value");
            }
            for (JsonNode v : node) {
                if (v.isNull()) {
                    throw new SpecException(source, field, "null value in the axis");
                }
                String t = v.toString();
                if (out.contains(t)) {
                    throw new SpecException(source, field, "value " + t + " is listed twice");
                }
                out.add(t);
            }
            return out;
        }
        if (node.isObject()) {
            keys(source, field, node, RANGE_KEYS);
            if (!node.has("from") || !node.has("to") || node.has("step") == node.has("times")) {
                throw new SpecException(source, field, "a range needs from, to and exactly one of step or times");
            }
            BigDecimal from = number(source, field + ".from", node.get("from"));
            BigDecimal to = number(source, field + ".to", node.get("to"));
            boolean integers = node.get("from").isIntegralNumber() && node.get("to").isIntegralNumber();
            if (from.compareTo(to) > 0) {
                throw new SpecException(source, field, "empty range: from " + from + " is above to " + to);
            }
            if (node.has("step")) {
                BigDecimal step = number(source, field + ".step", node.get("step"));
                integers &= node.get("step").isIntegralNumber();
                if (step.signum() <= 0) {
                    throw new SpecException(source, field + ".step", "must be positive, got " + step);
                }
                for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
                    add(source, field, out, v, integers);
                }
            } else {
                BigDecimal times = number(source, field + ".times", node.get("times"));
                integers &= node.get("times").isIntegralNumber();
                if (times.compareTo(BigDecimal.ONE) <= 0 || from.signum() <= 0) {
                    throw new SpecException(source, field, "a geometric range needs times > 1 and from > 0");
                }
                for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.multiply(times)) {
                    add(source, field, out, v, integers);
                }
            }
            return out;
        }
        if (node.isValueNode() && !node.isNull()) {
            return List.of(node.toString());
        }
        throw new SpecException(source, field, "expected a list of values or a range {from, to, step|times}");
    }

    private static void add(String source, String field, List<String> out, BigDecimal v, boolean integers) {
        if (out.size() >= MAX_RANGE_VALUES) {
            throw new SpecException(source, field, "range has more than " + MAX_RANGE_VALUES + " values");
        }
        out.add(integers ? v.toBigInteger().toString() : v.stripTrailingZeros().toPlainString());
    }

    private static Map<Metric, Double> constraints(String source, String field, JsonNode node, Map<Metric, Double> base) {
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        out.putAll(base);
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            throw new SpecException(source, field, "expected a mapping of metric: upper bound, e.g. {dsp48: 6840}");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Metric m = Metric.parse(source, field + "." + e.getKey(), e.getKey());
            BigDecimal v = number(source, field + "." + e.getKey(), e.getValue());
            if (v.signum() <= 0) {
                throw new SpecException(source, field + "." + e.getKey(), "a bound must be positive, got " + v);
            }
            out.put(m, v.doubleValue());
        }
        return out;
    }

    /** The plain value of an axis value: strings unquoted, everything else as written. */
    public static String plain(String jsonValue) {
        if (jsonValue.startsWith("\"")) {
            try {
                return JSON.readTree(jsonValue).asText();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return jsonValue;
            }
        }
        return jsonValue;
    }

    private static void keys(String source, String field, JsonNode node, Set<String> known) {
        node.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                throw new SpecException(source, field.isEmpty() ? k : field + "." + k, "unknown key '" + k + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        });
    }

    private static long integer(String source, String field, JsonNode v) {
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new SpecException(source, field, "expected an integer, got " + v);
        }
        return v.asLong();
    }

    private static BigDecimal number(String source, String field, JsonNode v) {
        if (v == null || !v.isNumber()) {
            throw new SpecException(source, field, "expected a number, got " + v);
        }
        return v.decimalValue();
    }
}
