/** The {@code sparcade} command line (picocli): simulate, demo, presets, graph, schedule. */
package io.sparcade.cli;
