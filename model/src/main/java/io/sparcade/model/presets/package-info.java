/** Built-in architecture and workload presets, each number citing its source (papers.md, artifact or estimate). */
package io.sparcade.model.presets;
