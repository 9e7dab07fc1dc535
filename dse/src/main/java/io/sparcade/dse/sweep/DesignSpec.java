package io.sparcade.dse.sweep;

import java.util.List;
import java.util.Map;

/**
 * One base design of a sweep: an architecture (preset or file), the workloads it runs, the axes swept over it
 * and the resource budgets it must meet.
 *
 * @param arch        architecture preset name or YAML file
 * @param workloads   workload preset names or YAML files
 * @param params      fixed preset parameters for every workload ({@code --param} style)
 * @param axes        swept parameters, outermost first
 * @param constraints upper bounds per metric (the sweep's own merged with this design's), kept in metric order
 */
public record DesignSpec(String arch, List<String> workloads, Map<String, String> params, List<Axis> axes,
                         Map<Metric, Double> constraints) implements java.io.Serializable {
    public DesignSpec {
        workloads = List.copyOf(workloads);
        params = Map.copyOf(params);
        axes = List.copyOf(axes);
        // in metric order, so the violations column reads the same in every run (Map.copyOf's order is salted per JVM)
        java.util.EnumMap<Metric, Double> ordered = new java.util.EnumMap<>(Metric.class);
        constraints.forEach((m, v) -> ordered.put(m, java.util.Objects.requireNonNull(v, "constraint bound")));
        constraints = java.util.Collections.unmodifiableMap(ordered);
    }

    /** Points per workload: the product of the axis sizes. */
    public long pointsPerWorkload() {
        long n = 1;
        for (Axis a : axes) {
            n = Math.multiplyExact(n, a.values().size());
        }
        return n;
    }
}
