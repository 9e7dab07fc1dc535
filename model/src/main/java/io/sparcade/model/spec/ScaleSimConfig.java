package io.sparcade.model.spec;

import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.DramSpec;
import io.sparcade.model.arch.DramTechnology;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.arch.UnitSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a SCALE-Sim {@code .cfg} (INI: {@code key: value} or {@code key = value}, keys case-insensitive) as an
 * architecture: an {@code array} of ArrayHeight x ArrayWidth PEs with the given Dataflow, one buffer {@code glb}
 * holding the ifmap, filter and ofmap SRAMs together, and {@code dram} at {@code Bandwidth} bytes per cycle
 * (words of one byte; SCALE-Sim's default when no bandwidth is given in CALC mode is taken as 10, its sample
 * configs' value).
 */
public final class ScaleSimConfig {
    private static final double DEFAULT_BANDWIDTH = 10; // SCALE-Sim sample configs (configs/scale.cfg): Bandwidth : 10
    private static final double CLOCK_MHZ = 1000;       // SCALE-Sim counts cycles only; 1 GHz makes cycles = ns

    private ScaleSimConfig() {
    }

    public static Architecture read(Path file) {
        String source = file.toString();
        Map<String, String> kv = new HashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        List<String> lines = Specs.read(file).lines().toList();
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new SpecException(source + ":" + (i + 1), null, "malformed section header '" + line + "'");
                }
                section = line.substring(1, line.length() - 1).trim().toLowerCase(Locale.ROOT);
                continue;
            }
            int sep = firstSeparator(line);
            if (sep <= 0) {
                throw new SpecException(source + ":" + (i + 1), null, "expected 'key: value', got '" + line + "'");
            }
            String key = line.substring(0, sep).trim().toLowerCase(Locale.ROOT);
            kv.put(key, line.substring(sep + 1).trim());
            lineOf.put(key, i + 1);
        }
        int rows = intKey(kv, lineOf, source, "ArrayHeight");
        int cols = intKey(kv, lineOf, source, "ArrayWidth");
        double sram = doubleKey(kv, lineOf, source, "IfmapSramSzkB") + doubleKey(kv, lineOf, source, "FilterSramSzkB")
                + doubleKey(kv, lineOf, source, "OfmapSramSzkB");
        String df = kv.get("dataflow");
        if (df == null) {
            throw new SpecException(source, "Dataflow", "missing (os, ws or is)");
        }
        Dataflow dataflow = switch (df.toLowerCase(Locale.ROOT)) {
            case "os" -> Dataflow.OS;
            case "ws" -> Dataflow.WS;
            case "is" -> Dataflow.IS;
            default -> throw new SpecException(source + ":" + lineOf.get("dataflow"), "Dataflow",
                    "invalid value '" + df + "' (allowed: os, ws, is)");
        };
        double bw = DEFAULT_BANDWIDTH;
        if (kv.containsKey("bandwidth")) {
            String first = kv.get("bandwidth").split(",")[0].trim();
            bw = parsePositive(first, source + ":" + lineOf.get("bandwidth"), "Bandwidth");
        }
        String name = kv.getOrDefault("run_name", file.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
        Map<String, UnitSpec> units = new LinkedHashMap<>();
        units.put("array", new NmArraySpec(rows, cols, dataflow, 8, List.of(), "glb"));
        // SCALE-Sim does not limit SRAM read bandwidth; rows x cols bytes per cycle never binds a systolic array.
        units.put("glb", new BufferSpec(sram, (double) rows * cols, 1, true));
        // SCALE-Sim's bandwidth is in words (bytes) per cycle; at the reader's 1 GHz clock that is GB/s
        units.put("dram", new DramSpec(DramTechnology.GENERIC, 1, bw * CLOCK_MHZ / 1000, 1.0, 0));
        try {
            return new Architecture(name, "SCALE-Sim config " + file.getFileName(), CLOCK_MHZ, 0, units);
        } catch (SpecException e) {
            throw e.locate(source, null);
        }
    }

    private static int firstSeparator(String line) {
        int c = line.indexOf(':');
        int e = line.indexOf('=');
        if (c < 0) {
            return e;
        }
        return e < 0 ? c : Math.min(c, e);
    }

    private static int intKey(Map<String, String> kv, Map<String, Integer> lineOf, String source, String key) {
        double v = doubleKey(kv, lineOf, source, key);
        if (v != Math.rint(v)) {
            throw new SpecException(source + ":" + lineOf.get(key.toLowerCase(Locale.ROOT)), key,
                    "expected a positive integer, got '" + kv.get(key.toLowerCase(Locale.ROOT)) + "'");
        }
        return (int) v;
    }

    private static double doubleKey(Map<String, String> kv, Map<String, Integer> lineOf, String source, String key) {
        String k = key.toLowerCase(Locale.ROOT);
        String v = kv.get(k);
        if (v == null) {
            throw new SpecException(source, key, "missing");
        }
        return parsePositive(v, source + ":" + lineOf.get(k), key);
    }

    private static double parsePositive(String v, String where, String key) {
        try {
            double d = Double.parseDouble(v);
            if (!(d > 0)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new SpecException(where, key, "expected a positive number, got '" + v + "'");
        }
    }
}
