package io.sparcade.verilator;

import io.sparcade.rtl.Design;
import java.nio.file.Path;
import java.util.List;

/**
 * A compiled simulation of one design, ready to run: the command that starts it (stimulus on stdin, results on
 * stdout, {@code +vcd=<file>} appended to trace a run) and its build directory (which holds build.log).
 */
public record SimBuild(String simulator, Design design, Path dir, List<String> runArgv, boolean cached) {
    public SimBuild {
        runArgv = runArgv == null ? List.of() : List.copyOf(runArgv);
    }

    /** This build's design and simulator with the build directory and cache flag of {@code built}. */
    SimBuild withBuild(java.util.Map.Entry<Path, Boolean> built, java.util.function.Function<Path, List<String>> runArgv) {
        return new SimBuild(simulator, design, built.getKey(), runArgv.apply(built.getKey()), built.getValue());
    }
}
