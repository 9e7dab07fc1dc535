package io.sparcade.dse.sweep;

import io.sparcade.model.SpecException;
import java.util.List;

/**
 * One swept parameter: a dotted path and the values it takes, each as YAML text (what a {@code --set} override
 * would carry). Paths under {@code workload.} address the workload (a preset's parameter, or a field of a
 * workload file); every other path addresses the architecture ({@code arch.} may be written or left out).
 *
 * @param path   as written in the sweep, e.g. {@code units.array.rows} or {@code workload.nm}
 * @param values the values, in sweep order; never empty
 */
public record Axis(String path, List<String> values) implements java.io.Serializable {
    public static final String WORKLOAD_PREFIX = "workload.";
    public static final String ARCH_PREFIX = "arch.";

    public Axis {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new SpecException("axes." + path, "an axis needs at least one value");
        }
    }

    public boolean isWorkload() {
        return path.startsWith(WORKLOAD_PREFIX);
    }

    /** The path inside the spec it addresses ({@code workload.} / {@code arch.} removed). */
    public String specPath() {
        if (isWorkload()) {
            return path.substring(WORKLOAD_PREFIX.length());
        }
        return path.startsWith(ARCH_PREFIX) ? path.substring(ARCH_PREFIX.length()) : path;
    }
}
