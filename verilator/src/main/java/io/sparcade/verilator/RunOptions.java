package io.sparcade.verilator;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run a build: its own work directory (run.log goes there), a wall-clock timeout, and an optional VCD
 * file to trace into (null for none).
 */
public record RunOptions(Path workDir, Duration timeout, Path vcd) {
    /** Default wall-clock bound of one simulation process. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);

    public static RunOptions in(Path workDir) {
        return new RunOptions(workDir, DEFAULT_TIMEOUT, null);
    }

    public RunOptions withVcd(Path file) {
        return new RunOptions(workDir, timeout, file);
    }

    public RunOptions withTimeout(Duration t) {
        return new RunOptions(workDir, t, vcd);
    }
}
