package io.sparcade.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium, driven through chromedriver by Selenium, for checking the HTML reports as a person
 * would open them: from the file system, with the browser's console collected. One instance serves a whole test
 * class (starting the browser costs seconds). When chromium or chromedriver is not installed, {@link #startOrSkip}
 * skips the test and says how to install them ({@code ./sparcade test} installs them).
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("sparcade.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("sparcade.chromedriver", "/usr/bin/chromedriver"));
    /** Screenshots go here, for a person to look at. */
    static final Path SHOTS = Path.of("target", "browser");
    private static final int WIDTH = 1400;

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser, or skips the calling test (saying why) when chromium or chromedriver is missing. */
    static HeadlessChromium startOrSkip() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests skipped: no " + (Files.isExecutable(CHROMIUM) ? CHROMEDRIVER : CHROMIUM)
                        + " (install with: apt-get install -y chromium chromium-driver; ./sparcade test does)");
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE); // "no CDP for version N": not used here
        Path profile = Files.createTempDirectory("sparcade-chromium-");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        // Flags for a closed network and a root user: no sandbox, no background connections, a fresh profile.
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--window-size=" + WIDTH + ",1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).build();
        return new HeadlessChromium(new ChromeDriver(service, o), profile);
    }

    /** What loading a page gave: the console's errors and the time until the page said it was drawn. */
    record Loaded(List<String> errors, double readyMs) {
    }

    /**
     * Opens the file, waits until the page marks itself drawn ({@code html[data-ready]}) or {@code timeout}
     * passes, and returns the console errors (uncaught exceptions included) and the time to ready.
     */
    Loaded open(Path html, Duration timeout) {
        driver.manage().window().setSize(new Dimension(WIDTH, 1000));
        driver.get(html.toAbsolutePath().toUri().toString());
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean ready = false;
        while (!ready && System.nanoTime() < deadline) {
            ready = "true".equals(js("return document.documentElement.dataset.ready || ''"));
            if (!ready) {
                sleep(50);
            }
        }
        List<String> errors = new ArrayList<>(consoleErrors());
        if (!ready) {
            errors.add("the page did not mark itself drawn within " + timeout.toSeconds() + " s");
        }
        Object ms = js("return window.sparcadeReadyMs === undefined ? -1 : window.sparcadeReadyMs");
        return new Loaded(errors, ((Number) ms).doubleValue());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the page", e);
        }
    }

    /** Console entries at level SEVERE since the last call (console.error, uncaught exceptions, failed loads). */
    List<String> consoleErrors() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    /**
     * CPU seconds the page's main thread has used (Chrome DevTools' Performance.getMetrics "ThreadTime", through
     * chromedriver): less disturbed than wall time on a shared machine.
     */
    double mainThreadCpuSeconds() {
        driver.executeCdpCommand("Performance.enable", Map.of());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) driver.executeCdpCommand("Performance.getMetrics",
                Map.of()).get("metrics");
        return metrics.stream().filter(m -> "ThreadTime".equals(m.get("name")))
                .mapToDouble(m -> ((Number) m.get("value")).doubleValue()).findFirst().orElse(Double.NaN);
    }

    /** Opens an empty page (so the next page starts from a blank renderer). */
    void blank() {
        driver.get("about:blank");
    }

    /** Runs JavaScript in the page and returns its result. */
    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Every chart container on the page with what it drew: canvas size, the share of its sampled pixels that are
     * not transparent, and the number of data items per series of its ECharts instance.
     */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> charts() {
        return (List<Map<String, Object>>) js("""
                return Array.from(document.querySelectorAll('.chart')).map(function (el) {
                  var c = el.querySelector('canvas');
                  var r = {id: el.id, canvas: !!c, width: c ? c.width : 0, height: c ? c.height : 0, ink: 0, series: []};
                  if (c && c.width > 0 && c.height > 0) {
                    var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0, inked = 0;
                    for (var i = 3; i < d.length; i += 4 * 7) { n++; if (d[i] > 0) inked++; }
                    r.ink = inked / n;
                  }
                  var inst = window.Sparcade && Sparcade.instances[el.id];
                  if (inst) {
                    r.series = (inst.getOption().series || []).map(function (s) {
                      return Array.isArray(s.data) ? s.data.length : (s.data ? 1 : 0);
                    });
                  }
                  return r;
                });
                """);
    }

    /** Saves a screenshot of the whole page as {@code target/browser/<name>.png}. */
    Path screenshot(String name) throws IOException {
        Number h = (Number) js("return Math.ceil(document.documentElement.scrollHeight)");
        // The window's height includes the browser's own frame: leave room so the page's end is in the picture.
        driver.manage().window().setSize(new Dimension(WIDTH, Math.min(16000, Math.max(600, h.intValue() + 200))));
        js("window.dispatchEvent(new Event('resize'))");
        Files.createDirectories(SHOTS);
        Path file = SHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(new Dimension(WIDTH, 1000));
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var walk = Files.walk(profile)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // chromium may still be removing its own files; the directory is under /tmp
            }
        }
    }
}
