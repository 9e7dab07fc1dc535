package io.sparcade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Not part of the test suite (the name does not end in Test): prints how long headless Chromium takes to draw a
 * given report (wall time from navigation start, and the CPU time of the page's main thread), five loads in one
 * browser, for the README's measurement:
 * {@code mvn -B -ntp -pl app -am test -Dtest=ReportLoadBench -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsparcade.report=<dir>/report.html}.
 */
class ReportLoadBench {
    @Test
    void printLoadTimes() throws IOException {
        String file = System.getProperty("sparcade.report");
        assertThat(file).as("-Dsparcade.report=<report.html>").isNotBlank();
        Path html = Path.of(file).toAbsolutePath();
        try (HeadlessChromium browser = HeadlessChromium.startOrSkip()) {
            for (int i = 1; i <= 5; i++) {
                browser.blank();
                double cpu0 = browser.mainThreadCpuSeconds();
                HeadlessChromium.Loaded l = browser.open(html, Duration.ofSeconds(120));
                assertThat(l.errors()).isEmpty();
                double cpu = browser.mainThreadCpuSeconds();
                // A new document may get a new renderer (its counter restarts): then the whole count is this page's.
                double used = cpu >= cpu0 ? cpu - cpu0 : cpu;
                System.out.printf(Locale.ROOT, "load %d: %s (%.1f MB) drawn %.0f ms after navigation start, "
                        + "renderer main thread %.2f s CPU%n", i, html, Files.size(html) / 1e6, l.readyMs(), used);
            }
        }
    }
}
