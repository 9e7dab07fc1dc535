/**
 * Sparcade's input descriptions: immutable, validated values with no simulation behaviour.
 * {@link io.sparcade.model.arch} describes accelerators, {@link io.sparcade.model.workload} workloads and
 * their sparsity overlay, {@link io.sparcade.model.mapping} optional operator-to-unit mappings, and
 * {@link io.sparcade.model.spec} reads them from YAML, presets and foreign formats.
 */
package io.sparcade.model;
