package io.sparcade.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** Progress lines on stderr, each with the time elapsed since the command started. */
final class Progress {
    private final PrintWriter err;
    private final long start = System.nanoTime();

    Progress(PrintWriter err) {
        this.err = err;
    }

    void step(String what) {
        err.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - start) / 1e9, what);
        err.flush();
    }
}
