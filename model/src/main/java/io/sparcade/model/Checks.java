package io.sparcade.model;

import java.util.List;
import java.util.Map;

/** Fail-fast checks used by the spec records' constructors; each failure names the field and the value. */
public final class Checks {
    private Checks() {
    }

    public static void positive(long value, String field) {
        if (value <= 0) {
            throw new SpecException(field, "must be > 0, got " + value);
        }
    }

    public static void positive(double value, String field) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new SpecException(field, "must be > 0, got " + value);
        }
    }

    public static void nonNegative(long value, String field) {
        if (value < 0) {
            throw new SpecException(field, "must be >= 0, got " + value);
        }
    }

    public static void nonNegative(double value, String field) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new SpecException(field, "must be >= 0, got " + value);
        }
    }

    public static void fraction(double value, String field) {
        if (!(value > 0 && value <= 1)) {
            throw new SpecException(field, "must be in (0, 1], got " + value);
        }
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new SpecException(field, "missing");
        }
        return value;
    }

    public static String name(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new SpecException(field, "missing");
        }
        return value;
    }

    public static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }

    public static <K, V> Map<K, V> map(Map<K, V> value) {
        return value == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(value));
    }

    public static boolean isPowerOfTwo(long v) {
        return v > 0 && (v & (v - 1)) == 0;
    }
}
