package io.sparcade.model.presets;

import io.sparcade.model.workload.Workload;
import java.util.List;

/** A built-in workload, built from named parameters ({@code --param key=value}). */
public interface WorkloadPreset {
    String name();

    String description();

    List<PresetParameter> parameters();

    /** Builds the workload; {@code params} has a value for every parameter (defaults filled in). */
    Workload build(Params params);
}
