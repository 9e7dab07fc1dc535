package io.sparcade.cli;

import io.sparcade.dse.sweep.Sweeps;
import picocli.CommandLine.Option;

/** The options the DSE benchmarks share: which sweep, the seed of their random choices, how many threads. */
final class BenchSweepOptions {
    @Option(names = "--sweep", defaultValue = Sweeps.DEFAULT, paramLabel = "<file.yaml|preset>",
            description = "Sweep (default: ${DEFAULT-VALUE}).")
    String sweep;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "<seed>",
            description = "Seed of the benchmark's random choices (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--jobs", paramLabel = "<n>", description = "Threads (default: all cores).")
    Integer jobs;

    int threads() {
        if (jobs != null && jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
        }
        return jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
    }
}
