package io.sparcade.model.block;

import io.sparcade.model.SpecException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/** Builds block configurations from {@code key=value} parameters, with defaults for the ones not given. */
public final class BlockConfigs {
    private BlockConfigs() {
    }

    /** Defaults per block (the parameter names are the command line's). */
    public static Map<String, Integer> defaults(BlockKind kind) {
        Map<String, Integer> d = new LinkedHashMap<>();
        switch (kind) {
            case NM_ARRAY -> {
                d.put("rows", 4);
                d.put("cols", 4);
                d.put("n", 2);
                d.put("m", 4);
                d.put("width", 8);
                d.put("depth", 16);
            }
            case TOPK -> {
                d.put("p", 16);
                d.put("len", 64);
                d.put("k", 8);
                d.put("width", 12);
            }
            case DSP_CHAIN -> {
                d.put("groups", 4);
                d.put("n", 2);
                d.put("m", 4);
                d.put("pack", 0);
                d.put("width", 8);
                d.put("outputs", 8);
            }
        }
        return d;
    }

    /** Parses {@code key=value} strings (unknown keys and non-integers are errors naming the parameter). */
    public static BlockConfig parse(BlockKind kind, Iterable<String> keyValues) {
        Map<String, Integer> p = defaults(kind);
        List<String> known = List.copyOf(p.keySet());
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new SpecException("--param", "expected key=value, got '" + kv + "'");
            }
            String key = kv.substring(0, eq).trim();
            String value = kv.substring(eq + 1).trim();
            if (!known.contains(key)) {
                throw new SpecException("block " + kind.id(), key, "unknown parameter; known: " + String.join(", ", known));
            }
            try {
                p.put(key, Integer.parseInt(value));
            } catch (NumberFormatException e) {
                throw new SpecException("block " + kind.id(), key, "expected an integer, got '" + value + "'");
            }
        }
        return of(kind, p);
    }

    /** Builds the configuration from a complete parameter map. */
    public static BlockConfig of(BlockKind kind, Map<String, Integer> p) {
        return switch (kind) {
            case NM_ARRAY -> new NmArrayConfig(p.get("rows"), p.get("cols"), p.get("n"), p.get("m"), p.get("width"),
                    p.get("depth"));
            case TOPK -> new TopkConfig(p.get("p"), p.get("len"), p.get("k"), p.get("width"));
            case DSP_CHAIN -> new DspChainConfig(p.get("groups"), p.get("n"), p.get("m"), p.get("pack"), p.get("width"),
                    p.get("outputs"));
        };
    }
}
