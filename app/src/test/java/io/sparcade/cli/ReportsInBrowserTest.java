package io.sparcade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report.html of each command, opened from the file system in headless Chromium as a person would: no
 * console error, every chart drawn (a canvas with ink and data in its series), the numbers on the page those of
 * the command's CSV files, and a screenshot of each page under target/browser/ for a person to look at.
 */
class ReportsInBrowserTest {
    private static final Duration LOAD = Duration.ofSeconds(60);
    private static HeadlessChromium browser;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        browser = HeadlessChromium.startOrSkip();
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    /** Opens the page and fails on any console error or chart that drew nothing. */
    static HeadlessChromium.Loaded openClean(Path html) {
        HeadlessChromium.Loaded l = browser.open(html, LOAD);
        assertThat(l.errors()).as("console errors of " + html).isEmpty();
        assertChartsDrawn(html.toString());
        return l;
    }

    static void assertChartsDrawn(String what) {
        List<Map<String, Object>> charts = browser.charts();
        assertThat(charts).as("charts on " + what).isNotEmpty();
        for (Map<String, Object> c : charts) {
            assertThat(c.get("canvas")).as(c.get("id") + ": canvas").isEqualTo(true);
            assertThat(((Number) c.get("ink")).doubleValue()).as(c.get("id") + ": drawn pixels").isGreaterThan(0.005);
            @SuppressWarnings("unchecked")
            List<Number> series = (List<Number>) c.get("series");
            assertThat(series.stream().mapToLong(Number::longValue).sum()).as(c.get("id") + ": data items").isPositive();
        }
    }

    @Test
    void demoReportShowsEveryRun() throws IOException {
        Path out = tmp.resolve("demo");
        CliRunner r = CliRunner.run("demo", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Path html = out.resolve("report.html");
        openClean(html);
        List<CSVRecord> summary = SimulateCommandTest.read(out.resolve("summary.csv"));
        List<CSVRecord> ops = SimulateCommandTest.read(out.resolve("ops.csv"));
        assertThat(((Number) browser.js("return document.querySelectorAll('#summary tbody tr').length")).intValue())
                .isEqualTo(summary.size());
        assertThat(browser.js("return document.getElementById('command').textContent"))
                .isEqualTo("sparcade demo --out " + out);
        for (int k = 0; k < summary.size(); k++) {
            final int i = k;
            String run = summary.get(i).get("run");
            browser.js("var s = document.getElementById('run-select'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));",
                    String.valueOf(i));
            assertThat(browser.consoleErrors()).as("after choosing " + run).isEmpty();
            assertChartsDrawn(run);
            long nodes = ops.stream().filter(o -> o.get("run").equals(run) && o.get("mode").equals(summary.get(i).get("mode"))).count();
            assertThat(((Number) browser.js("return document.querySelectorAll('#ops-table tbody tr').length")).longValue())
                    .as("nodes of " + run).isEqualTo(nodes);
            // The timeline draws one bar per node that ran on a unit, as ops.csv lists them.
            long placed = ops.stream().filter(o -> o.get("run").equals(run) && o.get("mode").equals(summary.get(i).get("mode"))
                    && !o.get("unit").equals("-")).count();
            assertThat(timelineBars()).as("timeline bars of " + run).isEqualTo(placed);
            browser.screenshot("demo-" + run);
        }
    }

    @Test
    void sweepReportShowsFrontParallelCoordinatesAndEffects() throws IOException {
        Path out = tmp.resolve("dse");
        CliRunner r = CliRunner.run("dse", "--sweep", "quick", "--out", out.toString(), "--jobs", "2", "--no-progress");
        assertThat(r.exit()).as(r.err()).isZero();
        openClean(out.resolve("report.html"));
        List<CSVRecord> pareto = SimulateCommandTest.read(out.resolve("pareto.csv"));
        List<CSVRecord> points = SimulateCommandTest.read(out.resolve("points.csv"));
        int groups = ((Number) browser.js("return Sparcade.data.groups.length")).intValue();
        assertThat(groups).isEqualTo(2);
        for (int g = 0; g < groups; g++) {
            if (g > 0) {
                browser.js("var s = document.getElementById('group-select'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));",
                        String.valueOf(g));
                assertThat(browser.consoleErrors()).isEmpty();
                assertChartsDrawn("group " + g);
            }
            String design = String.valueOf(g);
            // The page computes the front in JavaScript; with its default filters it is pareto.csv's (Java) front.
            List<String> expected = pareto.stream().filter(p -> p.get("design").equals(design)).map(p -> p.get("id")).sorted().toList();
            assertThat(shownFront()).as("front of group " + g).isEqualTo(expected);
            assertThat(((Number) browser.js("return document.querySelectorAll('#front-table tbody tr').length")).intValue())
                    .isEqualTo(expected.size());
            long ok = points.stream().filter(p -> p.get("design").equals(design) && p.get("status").equals("ok")).count();
            assertThat(scatterPoints()).as("scatter points of group " + g).isEqualTo(ok);
            browser.screenshot("dse-quick-group" + g);
        }
        // Brushing the first axis (units.dsp.chains) at its first value (64) rings those points in the scatter.
        browser.js("Sparcade.instances.parallel.dispatchAction({type: 'axisAreaSelect', parallelAxisId: 'pa0', intervals: [[0, 0]]});");
        long brushed = ((Number) browser.js("return Sparcade.instances.scatter.getOption().series[3].data.length")).longValue();
        assertThat(brushed).isEqualTo(points.stream().filter(p -> p.get("design").equals("1") && p.get("status").equals("ok")
                && p.get("units.dsp.chains").equals("64")).count());
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("dse-quick-brushed");
        // Hiding infeasible points leaves the front alone (it is feasible) and the scatter with the feasible ones.
        browser.js("var c = document.getElementById('show-infeasible'); c.checked = false; c.dispatchEvent(new Event('change'));");
        long feasible = points.stream().filter(p -> p.get("design").equals("1") && p.get("feasible").equals("true")).count();
        assertThat(scatterPoints()).isEqualTo(feasible);
        // A bound on latency below the front's slowest point drops it from the front; no console error on the way.
        List<CSVRecord> front1 = pareto.stream().filter(p -> p.get("design").equals("1")).toList();
        double slowest = front1.stream().mapToDouble(p -> Double.parseDouble(p.get("latency_s"))).max().orElseThrow();
        browser.js("var b = document.getElementById('bound-latency'); b.value = arguments[0]; b.dispatchEvent(new Event('change'));",
                String.valueOf(slowest * 0.999));
        assertThat(shownFront()).doesNotContain(front1.stream().filter(p -> Double.parseDouble(p.get("latency_s")) == slowest)
                .map(p -> p.get("id")).findFirst().orElseThrow());
        browser.screenshot("dse-quick-filtered");
    }

    @SuppressWarnings("unchecked")
    private static List<String> shownFront() {
        List<Object> ids = (List<Object>) browser.js("var g = Sparcade.data.groups[Number((document.getElementById('group-select') "
                + "|| {value: 0}).value)]; return Sparcade.instances.scatter.getOption().series[2].data"
                + ".map(function (d) { return String(g.id[d[2]]); });");
        return ids.stream().map(String::valueOf).sorted().toList();
    }

    private static long scatterPoints() {
        return ((Number) browser.js("var s = Sparcade.instances.scatter.getOption().series; "
                + "return s[0].data.length + s[1].data.length")).longValue();
    }

    private static long timelineBars() {
        return ((Number) browser.js("return Sparcade.instances.timeline.getOption().series"
                + ".reduce(function (n, s) { return n + s.data.length; }, 0)")).longValue();
    }
}
