package io.sparcade.model.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.sparcade.model.SpecException;
import java.util.Collection;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * YAML ⇄ spec records, with errors translated into one-line {@link SpecException}s that name the source, the
 * field path and the problem (line and column for malformed YAML).
 */
public final class Yaml {
    private static final ObjectMapper MAPPER = new ObjectMapper(
            new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID) // write `type: gemm`, as the reader expects, not `!<gemm>`
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Yaml() {
    }

    /** Parses YAML text into a tree; malformed YAML fails with its line and column. */
    public static JsonNode parse(String source, String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode() || node.isNull()) {
                throw new SpecException(source, null, "empty document");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? source : source + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new SpecException(where, null, "malformed YAML: " + firstLine(e.getOriginalMessage()));
        }
    }

    /** Parses a single scalar or flow value as written on a command line ({@code 32}, {@code true}, {@code [4, 8]}). */
    public static JsonNode parseValue(String source, String text) {
        return parse(source, text.isEmpty() ? "''" : text);
    }

    /** Binds a tree to a spec record; every failure becomes a SpecException naming source and field. */
    public static <T> T bind(String source, JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            SpecException unknown = unknownKeyBehind(source, tree, e);
            throw unknown != null ? unknown : translate(source, e);
        } catch (JsonProcessingException e) {
            throw new SpecException(source, null, firstLine(e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonMappingException jm) {
                throw translate(source, jm);
            }
            throw new SpecException(source, null, firstLine(e.getMessage()));
        }
    }

    /** A record as a tree (for applying overrides to a preset built in code). */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as YAML", e);
        }
    }

    private static SpecException translate(String source, JsonMappingException e) {
        String path = path(e);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SpecException se) {
                return se.locate(source, path);
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return new SpecException(source, path, "unknown key '" + u.getPropertyName() + "' (known: "
                    + names(u.getKnownPropertyIds()) + ")");
        }
        if (e instanceof InvalidTypeIdException t) {
            String known = knownTypes(t);
            return new SpecException(source, path.isEmpty() ? "type" : path + ".type",
                    t.getTypeId() == null ? "missing 'type'" + known : "unknown type '" + t.getTypeId() + "'" + known);
        }
        if (e instanceof InvalidFormatException f) {
            String allowed = "";
            if (f.getTargetType() != null && f.getTargetType().isEnum()) {
                allowed = " (allowed: " + java.util.Arrays.stream(f.getTargetType().getEnumConstants())
                        .map(Object::toString).map(Yaml::enumId).collect(Collectors.joining(", ")) + ")";
            }
            return new SpecException(source, path, "invalid value '" + f.getValue() + "'" + allowed
                    + (allowed.isEmpty() ? ": expected " + typeName(f.getTargetType()) : ""));
        }
        if (e instanceof MismatchedInputException m) {
            if (e instanceof ValueInstantiationException) {
                return new SpecException(source, path, firstLine(e.getOriginalMessage()));
            }
            return new SpecException(source, path, "expected " + typeName(m.getTargetType()) + ": "
                    + shortMessage(e.getOriginalMessage()));
        }
        return new SpecException(source, path, firstLine(e.getOriginalMessage()));
    }

    /**
     * Jackson builds a record before it reports the record's unknown keys, so a misspelt required key shows up
     * as a missing value. When construction failed, look for keys the record does not have and report those.
     */
    /** Why a key that older versions accepted is gone, and what replaces it. */
    private static final java.util.Map<String, String> HINTS = java.util.Map.of(
            "bytes_per_cycle_per_channel", ": off-chip bandwidth is given per memory technology in GB/s (technology, "
                    + "channels, gb_per_s_per_channel), so the accelerator's clock no longer changes it");

    private static SpecException unknownKeyBehind(String source, JsonNode tree, JsonMappingException e) {
        if (!(e instanceof ValueInstantiationException vie) || vie.getType() == null) {
            return null;
        }
        Class<?> type = vie.getType().getRawClass();
        if (!type.isRecord()) {
            return null;
        }
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            pointer.append('/').append(r.getFieldName() != null ? r.getFieldName().replace("~", "~0").replace("/", "~1")
                    : String.valueOf(r.getIndex()));
        }
        JsonNode node = tree.at(pointer.toString());
        if (!node.isObject()) {
            return null;
        }
        java.util.Set<String> known = new TreeSet<>();
        for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
            com.fasterxml.jackson.annotation.JsonProperty named = null;
            try {
                named = type.getDeclaredField(c.getName()).getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            } catch (NoSuchFieldException ignored) {
                // a record always has the component's field
            }
            known.add(named != null && !named.value().isEmpty() ? named.value()
                    : PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName()));
        }
        java.util.Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!known.contains(key) && !key.equals("type")) {
                String path = path(e);
                String hint = HINTS.getOrDefault(key, "");
                return new SpecException(source, path, "unknown key '" + key + "'" + hint + " (known: "
                        + String.join(", ", known) + ")");
            }
        }
        return null;
    }

    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String knownTypes(InvalidTypeIdException t) {
        try {
            Class<?> base = t.getBaseType().getRawClass();
            com.fasterxml.jackson.annotation.JsonSubTypes subs =
                    base.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class);
            if (subs == null) {
                return "";
            }
            return " (known: " + java.util.Arrays.stream(subs.value()).map(com.fasterxml.jackson.annotation.JsonSubTypes.Type::name)
                    .collect(Collectors.joining(", ")) + ")";
        } catch (RuntimeException ex) {
            return "";
        }
    }

    private static String enumId(String constant) {
        return constant.toLowerCase().replace('_', '-');
    }

    private static String typeName(Class<?> c) {
        if (c == null) {
            return "a value";
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return "an integer";
        }
        if (c == double.class || c == Double.class) {
            return "a number";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "true or false";
        }
        if (c == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(c)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(c) || c.isRecord() || c.isInterface()) {
            return "a mapping";
        }
        return c.getSimpleName();
    }

    private static String names(Collection<Object> ids) {
        return new TreeSet<>(ids.stream().map(String::valueOf).toList()).stream().collect(Collectors.joining(", "));
    }

    private static String shortMessage(String m) {
        String s = firstLine(m);
        int cut = s.indexOf(" from ");
        return cut > 0 ? s.substring(0, cut) : s;
    }

    static String firstLine(String m) {
        if (m == null) {
            return "invalid";
        }
        int nl = m.indexOf('\n');
        return (nl >= 0 ? m.substring(0, nl) : m).trim();
    }
}
