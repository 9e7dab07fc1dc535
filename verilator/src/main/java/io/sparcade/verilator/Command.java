package io.sparcade.verilator;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A command line as data: arguments, extra environment and the directory it runs in. */
public record Command(List<String> argv, Map<String, String> env, Path dir) {
    public Command {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
