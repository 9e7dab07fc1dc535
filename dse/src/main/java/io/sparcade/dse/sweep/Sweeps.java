package io.sparcade.dse.sweep;

import io.sparcade.model.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Resolves a sweep named on the command line: a built-in preset sweep, or a YAML file. */
public final class Sweeps {
    /** The sweep {@code ./sparcade dse} runs with no {@code --sweep}. */
    public static final String DEFAULT = "default";
    private static final String DIR = "/io/sparcade/dse/sweeps/";

    private Sweeps() {
    }

    /** Names of the built-in sweeps. */
    public static List<String> presets() {
        return resource("index.txt").lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public static SweepSpec load(String ref) {
        if (ref.endsWith(".yaml") || ref.endsWith(".yml") || ref.contains("/") || Files.isRegularFile(Path.of(ref))) {
            Path file = Path.of(ref);
            try {
                return SweepParser.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                throw new SpecException(file.toString(), null, "no such file");
            } catch (IOException e) {
                throw new SpecException(file.toString(), null, "cannot read: " + e.getMessage());
            }
        }
        if (!presets().contains(ref)) {
            throw new SpecException("--sweep", null, "unknown sweep preset '" + ref + "' (presets: "
                    + String.join(", ", presets()) + "; or give a .yaml file)");
        }
        return SweepParser.parse("sweep preset " + ref, resource(ref + ".yaml"));
    }

    private static String resource(String file) {
        try (InputStream in = Sweeps.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing sweep resource " + DIR + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
