package io.sparcade.verilator;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Finding external tools, their versions, the cache directory, and running a {@link Command} to completion. */
public final class Tools {
    /** How to install every RTL tool on Debian (what {@code ./sparcade test} runs when one is missing). */
    public static final String INSTALL_HINT = "apt-get update && apt-get install -y verilator iverilog yosys ccache";

    private static final Map<String, String> VERSIONS = new ConcurrentHashMap<>();

    private Tools() {
    }

    /** Whether {@code tool} is an executable on the PATH. */
    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Fails with the tool's name and install command when it is not on the PATH. */
    public static void require(String tool, String debianPackage) {
        if (!onPath(tool)) {
            throw new ToolMissingException(tool + " not found on PATH: install it with 'apt-get install -y "
                    + debianPackage + "' (Debian), or run ./sparcade test, which runs '" + INSTALL_HINT + "'");
        }
    }

    /** First line of {@code tool versionFlag}, memoised (part of the build-cache key). */
    public static String version(String tool, String versionFlag) {
        return VERSIONS.computeIfAbsent(tool + " " + versionFlag, k -> {
            try {
                Process p = new ProcessBuilder(tool, versionFlag).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(30, TimeUnit.SECONDS);
                return out.lines().findFirst().orElse("unknown").trim();
            } catch (IOException e) {
                return "unknown";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        });
    }

    /**
     * Root of the build cache: {@code -Dsparcade.cache}, else {@code $SPARCADE_CACHE}, else
     * {@code ~/.cache/sparcade}.
     */
    public static Path cacheRoot() {
        String p = System.getProperty("sparcade.cache");
        if (p == null || p.isBlank()) {
            p = System.getenv("SPARCADE_CACHE");
        }
        if (p == null || p.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".cache", "sparcade");
        }
        return Path.of(p);
    }

    /**
     * Runs {@code cmd} with stdout and stderr to {@code log}; returns the exit code. Kills it and fails after
     * {@code timeout}, naming {@code what} and the log.
     */
    public static int run(Command cmd, Path log, Duration timeout, String what) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd.argv()).directory(cmd.dir().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(cmd.env());
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new SimulationException(what + " did not finish within " + timeout.toSeconds() + " s; log: " + log);
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new SimulationException(what + " could not start (" + e.getMessage() + "): " + cmd);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulationException(what + " interrupted");
        }
    }
}
