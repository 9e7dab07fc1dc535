package io.sparcade.rtl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the parametrised SystemVerilog leaf modules shipped as resources. */
public final class Leaves {
    private Leaves() {
    }

    public static String text(String file) {
        try (InputStream in = Leaves.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing RTL resource " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
