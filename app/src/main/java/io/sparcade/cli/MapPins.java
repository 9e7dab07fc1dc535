package io.sparcade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparcade.dse.map.MapConstraints;
import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.ComputeUnitSpec;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.spec.Override;
import io.sparcade.model.spec.Yaml;
import io.sparcade.model.workload.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The constraints of {@code sparcade map}, from its options: a mapping file's fields and {@code --set mapping.*}
 * overrides are pinned ({@code --set mapping.operators.<op>.<field>=<value>} with {@code <op>} an operator or pass
 * name, dots allowed, and {@code <field>} one of unit, dataflow, loop_order, tile, or tile.m / tile.k / tile.n,
 * which pins one tile dimension); {@code --tile-min} / {@code --tile-max} bound tile sizes ({@code m=64} for every
 * operator, {@code fc1.fwd.m=64} for one); {@code --forbid-unit} removes a unit.
 */
final class MapPins {
    private static final List<String> FIELDS = List.of("unit", "dataflow", "loop_order", "tile");

    private MapPins() {
    }

    static MapConstraints constraints(Path mappingFile, List<Override> mappingSets, List<String> tileMin,
                                      List<String> tileMax, List<String> forbid, Architecture arch, Workload workload) {
        Set<String> names = names(workload);
        JsonNode tree = mappingFile == null ? JsonNodeFactory.instance.objectNode()
                : io.sparcade.model.spec.Specs.mappingTree(mappingFile);
        if (!(tree instanceof ObjectNode root)) {
            throw new SpecException(mappingFile.toString(), null, "expected a mapping (operators: ...)");
        }
        List<MapConstraints.TileBound> bounds = new ArrayList<>();
        for (Override o : mappingSets) {
            String path = o.path();
            if (path.equals("fusion")) {
                root.set("fusion", Yaml.parseValue(Override.SOURCE + " mapping.fusion", o.value()));
                continue;
            }
            if (!path.startsWith("operators.")) {
                throw new SpecException(Override.SOURCE, "mapping." + path, "expected mapping.operators.<operator>.<field> "
                        + "(fields: unit, dataflow, loop_order, tile, tile.m, tile.k, tile.n) or mapping.fusion");
            }
            String rest = path.substring("operators.".length());
            int dim = -1;
            for (int d = 0; d < 3; d++) {
                if (rest.endsWith(".tile." + "mkn".charAt(d))) {
                    dim = d;
                }
            }
            String key;
            String field;
            if (dim >= 0) {
                key = rest.substring(0, rest.length() - ".tile.m".length());
                field = "tile." + "mkn".charAt(dim);
            } else {
                int dot = rest.lastIndexOf('.');
                key = dot < 0 ? "" : rest.substring(0, dot);
                field = dot < 0 ? rest : rest.substring(dot + 1);
                if (!FIELDS.contains(field)) {
                    throw new SpecException(Override.SOURCE, "mapping." + path, "unknown mapping field '" + field
                            + "' (fields: unit, dataflow, loop_order, tile, tile.m, tile.k, tile.n)");
                }
            }
            if (!names.contains(key)) {
                throw new SpecException(Override.SOURCE, "mapping." + path, "no operator or pass named '" + key
                        + "' in workload '" + workload.name() + "'");
            }
            ObjectNode ops = root.has("operators") && root.get("operators") instanceof ObjectNode on ? on
                    : root.putObject("operators");
            ObjectNode entry = ops.get(key) instanceof ObjectNode e ? e : ops.putObject(key);
            JsonNode value = Yaml.parseValue(Override.SOURCE + " mapping." + path, o.value());
            if (dim >= 0) {
                if (entry.get("tile") instanceof ObjectNode t) {
                    t.set(String.valueOf("mkn".charAt(dim)), value);
                } else {
                    long v = value.canConvertToLong() && value.isIntegralNumber() ? value.asLong() : -1;
                    if (v < 1) {
                        throw new SpecException(Override.SOURCE, "mapping." + path, "expected a positive tile size, got "
                                + o.value());
                    }
                    bounds.add(new MapConstraints.TileBound(key, dim, v, v));
                }
            } else {
                entry.set(field, value);
            }
        }
        String source = mappingFile == null ? Override.SOURCE : mappingFile + (mappingSets.isEmpty() ? "" : " with --set");
        Mapping pins = Yaml.bind(source, root, Mapping.class);
        bounds.addAll(bounds(tileMin, true, names));
        bounds.addAll(bounds(tileMax, false, names));
        Set<String> forbidden = new LinkedHashSet<>();
        for (String u : forbid) {
            if (!(arch.units().get(u) instanceof ComputeUnitSpec)) {
                throw new SpecException("--forbid-unit", u, "architecture '" + arch.name() + "' has no compute unit '" + u
                        + "' (compute units: " + String.join(", ", arch.unitsOf(ComputeUnitSpec.class).keySet()) + ")");
            }
            forbidden.add(u);
        }
        return new MapConstraints(source, pins, bounds, forbidden);
    }

    /** {@code [op.]dim=n} bounds. */
    private static List<MapConstraints.TileBound> bounds(List<String> texts, boolean min, Set<String> names) {
        String option = min ? "--tile-min" : "--tile-max";
        List<MapConstraints.TileBound> out = new ArrayList<>();
        for (String t : texts) {
            int eq = t.indexOf('=');
            String lhs = eq < 0 ? "" : t.substring(0, eq).trim();
            String dimText = lhs.substring(lhs.lastIndexOf('.') + 1);
            int dim = dimText.length() == 1 ? "mkn".indexOf(dimText.charAt(0)) : -1;
            if (eq < 0 || dim < 0) {
                throw new SpecException(option, t, "expected [<operator>.]<m|k|n>=<size>, e.g. m=64 or fc1.fwd.n=128");
            }
            String op = lhs.contains(".") ? lhs.substring(0, lhs.lastIndexOf('.')) : null;
            if (op != null && !names.contains(op)) {
                throw new SpecException(option, t, "no operator or pass named '" + op + "'");
            }
            long v;
            try {
                v = Long.parseLong(t.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                v = -1;
            }
            if (v < 1) {
                throw new SpecException(option, t, "expected a positive tile size, got '" + t.substring(eq + 1).trim() + "'");
            }
            out.add(new MapConstraints.TileBound(op, dim, min ? v : 1, min ? Long.MAX_VALUE : v));
        }
        return out;
    }

    /** Operator names, and the pass names of a training workload's nodes. */
    private static Set<String> names(Workload w) {
        Set<String> out = new LinkedHashSet<>();
        List<io.sparcade.model.workload.Operator> ops = new ArrayList<>(w.operators());
        if (w.perPass() != null) {
            ops.addAll(w.perPass().operators());
        }
        for (var o : ops) {
            out.add(o.name());
            if (w.training()) {
                for (io.sparcade.dataflow.Pass p : io.sparcade.dataflow.Pass.values()) {
                    out.add(o.name() + "." + p.id());
                }
            }
        }
        return out;
    }
}
