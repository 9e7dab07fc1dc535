package io.sparcade.verilator;

import io.sparcade.rtl.Design;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private BuildCache() {
    }

    /** The cache key of {@code sources} (file name to text) built by {@code simulator} at {@code toolVersion}. */
    static String key(String simulator, String toolVersion, Design d, Map<String, String> sources) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((simulator + "\n" + toolVersion + "\n" + d.config().params() + "\n").getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                md.update((e.getKey() + "\n" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The build step: compile the sources in {@code dir}, writing {@code dir/build.log}; return success. */
    interface Builder {
        boolean build(Path dir);
    }

    /** Returns the cached directory for {@code key}, building it first when absent. */
    static Path getOrBuild(String simulator, String key, Map<String, String> sources, Builder builder, String label,
                           boolean[] cached) {
        Path root = Tools.cacheRoot().resolve(simulator);
        Path done = root.resolve(key);
        if (Files.isDirectory(done)) {
            cached[0] = true;
            return done;
        }
        cached[0] = false;
        Path tmp = root.resolve("tmp-" + key + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(tmp);
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Files.writeString(tmp.resolve(e.getKey()), e.getValue());
            }
            if (!builder.build(tmp)) {
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
            return done;
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
