package io.sparcade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparcade.dse.output.PointsCsv;
import io.sparcade.dse.output.SweepPage;
import io.sparcade.dse.sweep.SweepParser;
import io.sparcade.dse.sweep.SweepSpec;
import io.sparcade.dse.sweep.DesignPoint;
import io.sparcade.reports.html.HtmlReport;
import io.sparcade.reports.html.Page;
import io.sparcade.reports.html.Section;
import io.sparcade.reports.html.View;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
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
        // Hiding infeasible points leaves the scatter with the feasible ones.
        browser.js("var c = document.getElementById('show-infeasible'); c.checked = false; c.dispatchEvent(new Event('change'));");
        long feasible = points.stream().filter(p -> p.get("design").equals("1") && p.get("feasible").equals("true")).count();
        assertThat(scatterPoints()).isEqualTo(feasible);
        // A bound on latency at the median of the group's feasible points: the page's front is the Java Pareto
        // front (SweepRun.paretoFront, the code that writes pareto.csv) of the points within the bound.
        List<Map<String, String>> group1 = points.stream().filter(p -> p.get("design").equals("1") && p.get("status").equals("ok"))
                .map(CSVRecord::toMap).toList();
        double median = group1.stream().filter(p -> p.get("feasible").equals("true"))
                .mapToDouble(p -> Double.parseDouble(p.get("latency_s"))).sorted().toArray()[(int) feasible / 2];
        browser.js("var b = document.getElementById('bound-latency'); b.value = arguments[0]; b.dispatchEvent(new Event('change'));",
                Double.toString(median));
        List<Map<String, String>> within = group1.stream().filter(p -> Double.parseDouble(p.get("latency_s")) <= median).toList();
        List<String> expectedFront = io.sparcade.dse.SweepRun.paretoFront(within,
                List.of(io.sparcade.dse.sweep.Metric.LATENCY, io.sparcade.dse.sweep.Metric.ENERGY)).stream()
                .map(p -> p.get("id")).sorted().toList();
        assertThat(expectedFront).isNotEmpty();
        assertThat(shownFront()).isEqualTo(expectedFront);
        assertThat(scatterPoints()).isEqualTo(within.stream().filter(p -> p.get("feasible").equals("true")).count());
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("dse-quick-filtered");
    }

    @Test
    void simulateReportShowsTheSpecsAndTheCommand() throws IOException {
        Path ex = Path.of("..", "examples");
        Path out = tmp.resolve("sim");
        String[] args = {"simulate", "--arch", ex.resolve("small-accelerator.yaml").toString(), "--workload",
            ex.resolve("attention-block.yaml").toString(), "--mapping", ex.resolve("attention-mapping.yaml").toString(),
            "--set", "units.array.rows=32", "--out", out.toString()};
        CliRunner r = CliRunner.run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        openClean(out.resolve("report.html"));
        assertThat(browser.js("return document.getElementById('command').textContent"))
                .isEqualTo("sparcade " + String.join(" ", args));
        String spec = (String) browser.js("return document.querySelector('details pre').textContent");
        // The spec shown is the one that ran: the --set override applied, the mapping file's tiles in it.
        assertThat(spec).contains("rows: 32").contains("q_proj").contains("loop_order");
        // The timeline can show the dense baseline too.
        browser.js("var m = document.getElementById('mode-select'); m.value = 'dense'; m.dispatchEvent(new Event('change'));");
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat((String) browser.js("return Sparcade.instances.timeline.getOption().title[0].text")).contains("dense:");
        browser.screenshot("simulate-attention-block-dense");
    }

    @Test
    void validationReportShowsEveryRowWithItsBand() throws IOException {
        Path out = tmp.resolve("validate");
        CliRunner r = CliRunner.run("validate", "--out", out.toString(), "--traces", Path.of("..", "data", "spatten-traces").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        openClean(out.resolve("report.html"));
        List<CSVRecord> rows = SimulateCommandTest.read(out.resolve("validation.csv"));
        @SuppressWarnings("unchecked")
        List<List<String>> shown = (List<List<String>>) browser.js("return Array.from(document.querySelectorAll('#rows tbody tr'))"
                + ".map(function (tr) { return Array.from(tr.cells).map(function (td) { return td.textContent; }); });");
        assertThat(shown).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord csv = rows.get(i);
            List<String> cells = shown.get(i);
            assertThat(cells.get(0)).isEqualTo(csv.get("id"));
            assertThat(Double.parseDouble(cells.get(3).replace(",", ""))).as(csv.get("id") + " paper")
                    .isCloseTo(Double.parseDouble(csv.get("paper")), org.assertj.core.data.Percentage.withPercentage(0.1));
            assertThat(Double.parseDouble(cells.get(4).replace(",", ""))).as(csv.get("id") + " sparcade")
                    .isCloseTo(Double.parseDouble(csv.get("sparcade")), org.assertj.core.data.Percentage.withPercentage(0.1));
            assertThat(cells.get(9)).as(csv.get("id") + " result").isEqualTo(csv.get("result"));
        }
        browser.screenshot("validate");
    }

    @Test
    void aJavaScriptErrorOnThePageFailsTheCheck() throws IOException {
        // A run page whose data lacks its runs: the page's script throws while drawing.
        Path noRuns = HtmlReport.write(new Page("broken", null, null, View.RUN, List.of(new Section.Panel("picker", null, null),
                new Section.Chart("timeline", "t", null, 300, null)), Map.of("runz", List.of())), tmp.resolve("no-runs.html"));
        HeadlessChromium.Loaded l = browser.open(noRuns, LOAD);
        assertThat(l.errors()).anySatisfy(e -> assertThat(e).contains("TypeError"));
        assertThat(browser.js("return document.querySelector('.error-banner').textContent")).asString().contains("failed to draw");
        assertThatThrownBy(() -> openClean(noRuns)).isInstanceOf(AssertionError.class).hasMessageContaining("console errors");
        // A page that only logs an error to the console (and otherwise says it is drawn).
        Path logged = Files.writeString(tmp.resolve("logged.html"), "<!DOCTYPE html><html><body><script>console.error('boom');"
                + "document.documentElement.dataset.ready = 'true';</script></body></html>");
        assertThat(browser.open(logged, LOAD).errors()).anySatisfy(e -> assertThat(e).contains("boom"));
        // A page that draws nothing fails the chart check even without an error.
        ObjectNode empty = HtmlReport.json().createObjectNode();
        empty.putArray("series");
        Path emptyChart = HtmlReport.write(new Page("empty chart", null, null, null, List.of(new Section.Chart("c", "c", null, 300, empty)),
                null), tmp.resolve("empty-chart.html"));
        assertThatThrownBy(() -> openClean(emptyChart)).isInstanceOf(AssertionError.class).hasMessageContaining("c: ");
    }

    /**
     * A 100,000-point sweep's report: opens without error, draws its charts (sampling the parallel coordinates and
     * saying so), and prints how long the browser took to draw it. The points are synthetic (a seeded model of
     * latency and energy over five axes of ten values), since running 100,000 real points takes minutes; the page
     * does not care where the numbers came from. The sweep is examples/sweep-100k.yaml, whose real run the README
     * measures too. Not a timed assertion: the time is printed.
     */
    @Test
    void hundredThousandPointSweepReportOpens() throws IOException {
        Path yaml = Path.of("..", "examples", "sweep-100k.yaml");
        SweepSpec sweep = SweepParser.parse(yaml.toString(), Files.readString(yaml));
        List<Map<String, String>> rows = synthetic(sweep);
        assertThat(rows).hasSize(100_000);
        Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
        groups.put("0|synthetic", rows);
        // Kept under target/browser/ beside its screenshot, for a person to open.
        Path html = HtmlReport.write(SweepPage.page(sweep, groups, "synthetic 100,000-point sweep"),
                Files.createDirectories(HeadlessChromium.SHOTS).resolve("dse-100k-report.html"));
        HeadlessChromium.Loaded l = openClean(html);
        assertThat((String) browser.js("return document.getElementById('parallel-note').textContent")).startsWith("Sampled:");
        System.out.printf(Locale.ROOT, "100,000-point sweep report (%.1f MB): drawn %.0f ms after navigation start%n",
                Files.size(html) / 1e6, l.readyMs());
        browser.screenshot("dse-100k");
    }

    /** Seeded rows in points.csv's columns: a roofline-like latency, energy rising with array size and traffic. */
    static List<Map<String, String>> synthetic(SweepSpec sweep) {
        SplittableRandom rnd = new SplittableRandom(42);
        List<String> header = PointsCsv.header(sweep);
        List<Map<String, String>> rows = new ArrayList<>();
        for (long id = 0; id < sweep.size(); id++) {
            DesignPoint p = sweep.point(id);
            List<String> v = p.values();
            double rows_ = Double.parseDouble(v.get(0));
            double cols = Double.parseDouble(v.get(1));
            String nm = SweepParser.plain(v.get(2));
            double density = nm.equals("dense") ? 1 : Double.parseDouble(nm.split(":")[0]) / Double.parseDouble(nm.split(":")[1]);
            double kib = Double.parseDouble(v.get(3));
            double channels = Double.parseDouble(v.get(4));
            double compute = 2e9 * density / (rows_ * cols * 250e6);
            double memory = 3e8 * (1 + 256 / kib) * (0.4 + 0.6 * density) / (channels * 19.2e9);
            double latency = Math.max(compute, memory) * (1 + 0.05 * rnd.nextDouble());
            double energy = 2e9 * density * 0.2e-12 + 3e8 * (1 + 256 / kib) * 20e-12 + latency * (5 + 0.002 * rows_ * cols);
            long dsp = (long) (rows_ * cols);
            Map<String, String> r = new LinkedHashMap<>();
            header.forEach(h -> r.put(h, ""));
            r.put("id", Long.toString(p.id()));
            r.put("design", "0");
            r.put("arch", "sat-vcu1525");
            r.put("workload", p.workload());
            for (int a = 0; a < v.size(); a++) {
                r.put(sweep.designs().get(0).axes().get(a).path(), SweepParser.plain(v.get(a)));
            }
            boolean failed = p.id() % 997 == 0;
            r.put("status", failed ? "error" : "ok");
            r.put("feasible", Boolean.toString(!failed && dsp <= 6840));
            if (!failed) {
                r.put("latency_s", Double.toString(latency));
                r.put("energy_j", Double.toString(energy));
                r.put("edp_js", Double.toString(latency * energy));
                r.put("power_w", Double.toString(energy / latency));
                r.put("cycles", Long.toString((long) (latency * 250e6)));
                r.put("dsp48", Long.toString(dsp));
                r.put("bram36", Long.toString((long) Math.ceil(kib * 8 / 36)));
                r.put("lut", Long.toString(dsp * 41));
                r.put("violations", dsp > 6840 ? "dsp48 " + dsp + " > 6840" : "");
            } else {
                r.put("error", "synthetic failure");
            }
            r.put("mapping_evals", "1");
            r.put("mapping", "fc1.fwd=array/" + (long) rows_ + "x" + (long) (kib / 4) + "x" + (long) cols + "/mn");
            rows.add(r);
        }
        return rows;
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
