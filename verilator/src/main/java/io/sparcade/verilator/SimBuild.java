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
        runArgv = List.copyOf(runArgv);
    }
}
