package io.sparcade.model.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparcade.model.SpecException;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code --set path=value} override: a dotted path into a spec (list elements by index, e.g.
 * {@code operators.0.m}) and a YAML value. Applied to the spec's tree before it is bound, so the result is
 * validated exactly like a file.
 *
 * @param path  dotted path, e.g. {@code units.array.rows}
 * @param value the new value as YAML text, e.g. {@code 32}
 */
public record Override(String path, String value) {
    public static final String SOURCE = "--set";

    public Override {
        if (path == null || path.isBlank() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            throw new SpecException(SOURCE, path, "expected key=value with a dotted key, e.g. units.array.rows=32");
        }
    }

    /** Parses {@code key=value}. */
    public static Override parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new SpecException(SOURCE, text, "expected key=value, e.g. units.array.rows=32");
        }
        return new Override(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
    }

    public static List<Override> parseAll(List<String> texts) {
        List<Override> out = new ArrayList<>();
        if (texts != null) {
            texts.forEach(t -> out.add(parse(t)));
        }
        return out;
    }

    /** The override with its first path segment removed (after routing by a prefix such as {@code workload.}). */
    public Override strip(String prefix) {
        return new Override(path.substring(prefix.length()), value);
    }

    /** Applies this override to {@code tree} in place; the parent of the last segment must exist. */
    public void applyTo(JsonNode tree) {
        applyTo(tree, Override::parsedValue);
    }

    /** The value parsed as YAML (a new tree each call). */
    public JsonNode parsedValue() {
        return Yaml.parseValue(SOURCE + " " + path, value);
    }

    /**
     * As {@link #applyTo(JsonNode)}, with the value's tree from {@code parsed} (asked once the path is found, as
     * {@link #applyTo(JsonNode)} parses it): a caller applying one value to many trees parses it once. The tree it
     * returns is put into {@code tree} as is, so it must not be changed afterwards.
     */
    public void applyTo(JsonNode tree, java.util.function.Function<Override, JsonNode> parsed) {
        String[] parts = path.split("\\.");
        JsonNode node = tree;
        StringBuilder walked = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            node = child(node, parts[i]);
            walked.append(walked.length() == 0 ? "" : ".").append(parts[i]);
            if (node == null || !(node.isObject() || node.isArray())) {
                throw new SpecException(SOURCE, path, "no such field '" + walked + "' in the spec");
            }
        }
        JsonNode newValue = parsed.apply(this);
        String last = parts[parts.length - 1];
        if (node instanceof ObjectNode obj) {
            obj.set(last, newValue);
        } else if (node instanceof ArrayNode arr) {
            int idx = index(last);
            if (idx < 0 || idx >= arr.size()) {
                throw new SpecException(SOURCE, path, "index " + last + " out of range (size " + arr.size() + ")");
            }
            arr.set(idx, newValue);
        } else {
            throw new SpecException(SOURCE, path, "cannot set a field inside a scalar");
        }
    }

    private JsonNode child(JsonNode node, String key) {
        if (node.isArray()) {
            int idx = index(key);
            return idx >= 0 && idx < node.size() ? node.get(idx) : null;
        }
        return node.get(key);
    }

    private static int index(String key) {
        try {
            return Integer.parseInt(key);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @java.lang.Override
    public String toString() {
        return path + "=" + value;
    }
}
