package io.sparcade.verilator;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run a build: its own work directory (run.log goes there), a wall-clock timeout, and an optional VCD
 * file to trace into (null for none).
 */
public record RunOptions(Path workDir, Duration timeout, Path vcd) {
    public static RunOptions in(Path workDir) {
        return new RunOptions(workDir, Duration.ofSeconds(120), null);
    }

    public RunOptions withVcd(Path file) {
        return new RunOptions(workDir, timeout, file);
    }

    public RunOptions withTimeout(Duration t) {
        return new RunOptions(workDir, t, vcd);
    }
}
