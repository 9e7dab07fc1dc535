package io.sparcade.model.presets;

/** A named parameter of a workload preset, with its default and a one-line meaning. */
public record PresetParameter(String name, String defaultValue, String description) {
}
