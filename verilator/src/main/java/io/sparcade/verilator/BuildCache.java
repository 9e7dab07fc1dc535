package io.sparcade.verilator;

import io.sparcade.rtl.Design;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.function.Function;
import java.util.function.BiFunction;
import java.util.List;
import java.util.LinkedHashMap;
import java.time.Duration;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Build directories keyed by a SHA-256 of (simulator, tool version, parameters, every source file). A build is
 * made in a fresh temporary directory and moved into place when it succeeds, so concurrent builders of the same
 * key never see a half-built directory; a failed build is kept under {@code failed-<key>} for its log.
 */
final class BuildCache {
    private static final java.util.concurrent.ConcurrentHashMap<String, Object> LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

    private BuildCache() {
    }

    /** The cache key of {@code sources} (file name to text) built by {@code simulator} at {@code toolVersion}. */
    static String key(String simulator, String toolVersion, String params, Map<String, String> sources) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((simulator + "\n" + toolVersion + "\n" + params + "\n").getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                md.update((e.getKey() + "\n" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Builds {@code design} with its testbench for one simulator, or finds the build in the cache: the sources
     * (the design's files plus {@code testbenchFile}) are keyed with the tool version, compiled by
     * {@code buildCommand} (given the design's file names and the build directory) into a scratch directory and
     * moved into place only when the build succeeded.
     *
     * @param runArgv the command line that runs the built simulation, given the build directory
     */
    static SimBuild build(String simulator, String toolVersion, Design design, String testbenchFile, String testbench,
                          BiFunction<List<String>, Path, Command> buildCommand, Function<Path, List<String>> runArgv) {
        Map<String, String> sources = new LinkedHashMap<>(design.files());
        List<String> designFiles = List.copyOf(sources.keySet());
        sources.put(testbenchFile, testbench);
        return new SimBuild(simulator, design, null, null, false).withBuild(
                build(simulator, toolVersion, design.params(), design.label(), sources, designFiles, buildCommand, BUILD_TIMEOUT),
                runArgv);
    }

    /**
     * Builds {@code sources} (file name to text) for one simulator, or finds the build in the cache (keyed by the
     * simulator, its version, {@code params} and every source): {@code buildCommand} (given
     * {@code compiledFiles} and the build directory) compiles them in a scratch directory that is moved into
     * place only when the build succeeded. Returns the build directory and whether it was cached.
     */
    static Map.Entry<Path, Boolean> build(String simulator, String toolVersion, String params, String label,
                                          Map<String, String> sources, List<String> compiledFiles,
                                          BiFunction<List<String>, Path, Command> buildCommand, Duration timeout) {
        String key = key(simulator, toolVersion, params, sources);
        Path done = Tools.cacheRoot().resolve(simulator).resolve(key);
        // One build per key at a time in this JVM: concurrent tests that need the same design wait for it.
        synchronized (LOCKS.computeIfAbsent(simulator + "/" + key, k -> new Object())) {
            boolean cached = Files.isDirectory(done);
            if (!cached) {
                buildInto(simulator, key, sources, label, dir -> {
                    Command cmd = buildCommand.apply(compiledFiles, dir);
                    return Tools.run(cmd, dir.resolve("build.log"), timeout, cmd.argv().get(0) + " build of " + label) == 0;
                });
            }
            return Map.entry(done, cached);
        }
    }

    /** Wall-clock bound of one build. */
    static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

    /** Compiles {@code sources} in a scratch directory and moves it to the cache entry for {@code key}. */
    private static void buildInto(String simulator, String key, Map<String, String> sources, String label,
                                  Predicate<Path> compile) {
        Path root = Tools.cacheRoot().resolve(simulator);
        Path done = root.resolve(key);
        Path tmp = root.resolve("tmp-" + key + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(tmp);
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Files.writeString(tmp.resolve(e.getKey()), e.getValue());
            }
            if (!compile.test(tmp)) {
                Path failed = root.resolve("failed-" + key);
                deleteTree(failed);
                Files.move(tmp, failed);
                throw new SimulationException(simulator + " build of " + label + " failed; log: "
                        + failed.resolve("build.log"));
            }
            try {
                Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                deleteTree(tmp);
            } catch (IOException e) {
                if (!Files.isDirectory(done)) {
                    throw e;
                }
                deleteTree(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
