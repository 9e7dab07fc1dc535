package io.sparcade.model.presets;

import io.sparcade.model.SpecException;
import io.sparcade.model.workload.NmPattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parameter values for a preset: the defaults overridden by {@code --param key=value}, parsed on demand. */
public final class Params {
    private final String preset;
    private final Map<String, String> values;

    public Params(String preset, List<PresetParameter> declared, Map<String, String> given) {
        this.preset = preset;
        this.values = new LinkedHashMap<>();
        declared.forEach(p -> values.put(p.name(), p.defaultValue()));
        given.forEach((k, v) -> {
            if (!values.containsKey(k)) {
                throw new SpecException("--param", k, "workload preset '" + preset + "' has no parameter '" + k
                        + "' (has: " + String.join(", ", values.keySet()) + ")");
            }
            values.put(k, v);
        });
    }

    public long positiveLong(String name) {
        String v = values.get(name);
        try {
            long x = Long.parseLong(v.trim());
            if (x <= 0) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new SpecException("--param", name, "expected a positive integer, got '" + v + "'");
        }
    }

    public int positiveInt(String name) {
        long x = positiveLong(name);
        if (x > Integer.MAX_VALUE) {
            throw new SpecException("--param", name, "too large: " + x);
        }
        return (int) x;
    }

    /** A number in (0, 1]. */
    public double fraction(String name) {
        return number(name, false);
    }

    /** A number in [0, 1]. */
    public double fractionOrZero(String name) {
        return number(name, true);
    }

    private double number(String name, boolean zeroAllowed) {
        String v = values.get(name);
        try {
            double x = Double.parseDouble(v.trim());
            if (!((zeroAllowed ? x >= 0 : x > 0) && x <= 1)) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new SpecException("--param", name, "expected a number in " + (zeroAllowed ? "[0, 1]" : "(0, 1]")
                    + ", got '" + v + "'");
        }
    }

    /** An N:M ratio such as {@code 2:8}, or {@code null} for {@code dense}. */
    public int[] nm(String name) {
        String v = values.get(name).trim();
        if (v.equalsIgnoreCase("dense")) {
            return null;
        }
        String[] p = v.split(":");
        try {
            if (p.length != 2) {
                throw new NumberFormatException();
            }
            int n = Integer.parseInt(p[0].trim());
            int m = Integer.parseInt(p[1].trim());
            if (n <= 0 || m <= 0) {
                throw new NumberFormatException();
            }
            try {
                new NmPattern(n, m, null);
            } catch (SpecException e) {
                throw new SpecException("--param", name, "invalid N:M '" + v + "': " + e.problem());
            }
            return new int[] {n, m};
        } catch (NumberFormatException e) {
            throw new SpecException("--param", name, "expected N:M such as 2:8, or dense, got '" + v + "'");
        }
    }

    /** All values, for recording in the workload. */
    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    public String preset() {
        return preset;
    }
}
