package io.sparcade.dse.sweep;

import java.util.List;

/**
 * One point of a sweep: a design, one of its workloads and one value per axis. Its {@code id} is its position
 * in the sweep's enumeration order, so the same sweep always numbers its points the same way.
 *
 * @param id       0-based position in the sweep
 * @param design   index of the design in the sweep
 * @param workload the workload reference
 * @param values   one value (YAML text) per axis of the design, in axis order
 */
public record DesignPoint(long id, int design, String workload, List<String> values) implements java.io.Serializable {
    public DesignPoint {
        values = List.copyOf(values);
    }
}
