package io.sparcade.dse;

import io.sparcade.dse.eval.PointEvaluator;
import io.sparcade.dse.exec.SweepExecutor;
import io.sparcade.dse.output.DsePlots;
import io.sparcade.dse.output.GroupSummary;
import io.sparcade.dse.output.Pareto;
import io.sparcade.dse.output.SweepPage;
import io.sparcade.dse.output.PointsCsv;
import io.sparcade.dse.search.ParetoSearch;
import io.sparcade.dse.sweep.Metric;
import io.sparcade.dse.sweep.SweepSpec;
import io.sparcade.hwsim.energy.EnergyTable;
import io.sparcade.reports.html.HtmlReport;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.commons.csv.CSVPrinter;

/**
 * Runs a sweep into a directory, crash-safely and in memory that does not grow with the sweep:
 * <ol>
 *   <li>refuses a sweep of more than {@link #MAX_POINTS} points that is not explored, and validates every axis
 *       value before any point runs;</li>
 *   <li>records the run in {@code run.properties} (sweep fingerprint, {@code state=running});</li>
 *   <li>streams one row per finished point to {@code points.csv}: every point of the sweep, drawn lazily by id, or
 *       the points an {@link Exploration} picks; with {@code resume}, the points already there are not evaluated
 *       again (a row cut short by a kill is dropped first), so every point ends up exactly once;</li>
 *   <li>when every point is in, reads {@code points.csv} once more, row by row, keeping per design group only
 *       its Pareto front, the best objectives per axis value and a bounded sample of rows for the scatter plot;
 *       writes {@code pareto.csv}, the plots and {@code report.html} (each to a temporary file, then moved into place) and only then
 *       marks the run {@code state=complete}.</li>
 * </ol>
 */
public final class SweepRun {
    public static final String STATE_FILE = "run.properties";
    public static final String PARETO_FILE = "pareto.csv";
    /** Most points a sweep may have to be evaluated point by point; a larger one must be explored. */
    public static final long MAX_POINTS = 100_000_000L;
    /** Rows shown in the scatter plots over all groups (each group shows at least {@link #MIN_SAMPLE}). */
    static final int PLOT_ROWS = 20_000;
    static final int MIN_SAMPLE = 1_000;
    /**
     * Rows report.html embeds over all groups besides the fronts: every point of a sweep up to this size, a sample
     * above it (the page says so). A 100,000-point page opens in a few seconds (README); this keeps memory bounded.
     */
    static final int PAGE_ROWS = 100_000;

    private final Path out;
    private final boolean resume;
    private final ProgressListener progress;
    private final String command;

    public SweepRun(Path out, boolean resume, ProgressListener progress) {
        this(out, resume, progress, null);
    }

    /** @param command the exact command line, shown on report.html, or null */
    public SweepRun(Path out, boolean resume, ProgressListener progress, String command) {
        this.out = out;
        this.resume = resume;
        this.progress = progress;
        this.command = command;
    }

    /**
     * Refuses a sweep too large to evaluate point by point (more than {@link #MAX_POINTS} points without an
     * exploration), with the count and what to do instead; one line.
     */
    public static void checkSize(SweepSpec sweep) {
        if (sweep.explore() == null && sweep.size() > MAX_POINTS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: the sweep has %,d points, more than the "
                    + "%,d evaluated one by one; explore it instead: --explore nsga2 --budget 100000 (or explore: "
                    + "{strategy: nsga2, budget: 100000} in the sweep)", sweep.source(), sweep.size(), MAX_POINTS));
        }
    }

    /** The points this run will hold when complete: the sweep's, or the most an exploration evaluates. */
    public static long planned(SweepSpec sweep) {
        return sweep.explore() == null ? sweep.size() : new Exploration(sweep).planned();
    }

    public RunSummary run(SweepSpec sweep, SweepExecutor executor) throws Exception {
        checkSize(sweep);
        PointEvaluator evaluator = new PointEvaluator(sweep, (EnergyTable) null);
        evaluator.validate();
        Exploration exploration = sweep.explore() == null ? null : new Exploration(sweep);
        long planned = exploration == null ? sweep.size() : exploration.planned();
        Files.createDirectories(out);
        Path state = out.resolve(STATE_FILE);
        Path pointsFile = out.resolve(PointsCsv.FILE);
        if (resume) {
            if (!Files.exists(state)) {
                throw new IllegalArgumentException(out + ": nothing to resume (no " + STATE_FILE + ")");
            }
            Properties p = load(state);
            if (!sweep.fingerprint().equals(p.getProperty("sweep_sha256"))) {
                throw new IllegalArgumentException(out + ": was run with another sweep ('" + p.getProperty("sweep")
                        + "'); resume with the same sweep file, or use another --out");
            }
        } else if (Files.exists(state) || Files.exists(pointsFile)) {
            throw new IllegalArgumentException(out + ": already holds a sweep run; add --resume to finish it, "
                    + "or choose another --out");
        }
        writeState(state, sweep, planned, "running");
        long start = System.nanoTime();
        long[] count = {0};
        long resumed;
        try (PointsCsv csv = PointsCsv.open(pointsFile, sweep)) {
            if (exploration == null) {
                BitSet done = new BitSet();
                PointsCsv.forEach(pointsFile, row -> done.set(Math.toIntExact(Long.parseLong(row.get("id")))));
                resumed = done.cardinality();
                progress.started(planned, resumed);
                executor.execute(sweep, missing(sweep.size(), done).mapToObj(sweep::point).iterator(), r -> {
                    csv.append(r);
                    count[0]++;
                    progress.finished(r);
                });
            } else {
                Map<Long, ParetoSearch.Outcome> known = new HashMap<>();
                PointsCsv.forEach(pointsFile, row -> known.put(Long.parseLong(row.get("id")), Exploration.outcome(sweep, row)));
                resumed = known.size();
                progress.started(planned, resumed);
                exploration.run(executor, known, r -> {
                    Map<String, String> row = csv.append(r);
                    count[0]++;
                    progress.finished(r);
                    return row;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Summary summary = summarise(sweep, pointsFile);
        if (exploration == null && summary.rows != sweep.size()) {
            throw new IllegalStateException(pointsFile + ": " + summary.rows + " of " + sweep.size() + " points present");
        }
        List<Path> files = new ArrayList<>(List.of(pointsFile));
        long pareto = finish(sweep, summary.groups, files);
        writeState(state, sweep, summary.rows, "complete");
        long errors = summary.groups.stream().mapToLong(GroupSummary::errors).sum();
        long infeasible = summary.groups.stream().mapToLong(GroupSummary::infeasible).sum();
        return new RunSummary(summary.rows, resumed, count[0], errors, infeasible, pareto, seconds, files);
    }

    /** The rows of one group on its Pareto front: successful, feasible, non-dominated in the objectives. */
    public static List<Map<String, String>> paretoFront(List<Map<String, String>> rows, List<Metric> objectives) {
        List<Map<String, String>> candidates = rows.stream()
                .filter(r -> "ok".equals(r.get("status")) && "true".equals(r.get("feasible"))).toList();
        List<double[]> vectors = new ArrayList<>();
        for (Map<String, String> r : candidates) {
            vectors.add(objectives.stream().mapToDouble(m -> Double.parseDouble(r.get(m.column()))).toArray());
        }
        return Pareto.front(vectors).stream().map(candidates::get).toList();
    }

    /** The ids below {@code size} not in {@code done}, in order, lazily. */
    private static LongStream missing(long size, BitSet done) {
        return LongStream.range(0, size).filter(id -> !done.get((int) id));
    }

    private record Summary(long rows, List<GroupSummary> groups) {
    }

    /** One pass over points.csv: per-group summaries; fails on a point that appears twice. */
    private static Summary summarise(SweepSpec sweep, Path pointsFile) throws IOException {
        List<SweepSpec.Group> groups = sweep.groups();
        int sample = Math.max(MIN_SAMPLE, PLOT_ROWS / groups.size());
        List<GroupSummary> summaries = new ArrayList<>();
        int pageRows = Math.max(MIN_SAMPLE, PAGE_ROWS / groups.size());
        groups.forEach(g -> summaries.add(new GroupSummary(sweep, g, sample, pageRows)));
        long[] firsts = groups.stream().mapToLong(SweepSpec.Group::first).toArray();
        Ids seen = sweep.explore() == null ? new DenseIds() : new SparseIds();
        long[] rows = {0};
        PointsCsv.forEach(pointsFile, row -> {
            long id = Long.parseLong(row.get("id"));
            if (!seen.add(id)) {
                throw new IllegalStateException(pointsFile + ": point " + id + " appears twice");
            }
            int at = Arrays.binarySearch(firsts, id);
            summaries.get(at >= 0 ? at : -at - 2).add(row);
            rows[0]++;
        });
        return new Summary(rows[0], summaries);
    }

    /** Ids seen so far, to catch a row written twice. */
    private interface Ids {
        boolean add(long id);
    }

    /** A bit per id: for full sweeps (at most {@link #MAX_POINTS} ids). */
    private static final class DenseIds implements Ids {
        private final BitSet bits = new BitSet();

        @Override
        public boolean add(long id) {
            int i = Math.toIntExact(id);
            if (bits.get(i)) {
                return false;
            }
            bits.set(i);
            return true;
        }
    }

    /** A hash set: for explorations (at most their budget of ids, spread over a space of any size). */
    private static final class SparseIds implements Ids {
        private final Set<Long> ids = new HashSet<>();

        @Override
        public boolean add(long id) {
            return ids.add(id);
        }
    }

    /** Writes pareto.csv (every group's front), the plots and report.html; returns the number of Pareto points. */
    private long finish(SweepSpec sweep, List<GroupSummary> groups, List<Path> files) throws IOException {
        Path paretoFile = out.resolve(PARETO_FILE);
        List<String> header = PointsCsv.header(sweep);
        long count = 0;
        StringWriter sw = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(sw, org.apache.commons.csv.CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            p.printRecord(header);
            for (GroupSummary g : groups) {
                for (Map<String, String> r : g.front()) {
                    p.printRecord(header.stream().map(h -> r.getOrDefault(h, "")).toList());
                    count++;
                }
            }
        }
        atomicWrite(paretoFile, sw.toString());
        files.add(paretoFile);
        for (GroupSummary g : groups) {
            if (g.points() == 0) {
                continue;
            }
            String name = g.fileLabel();
            String title = g.arch() + " on " + g.group().workload();
            List<Map<String, String>> sample = g.sample();
            String shown = sample.size() < g.points() ? String.format(Locale.ROOT, ", %,d shown", sample.size()) : "";
            Path scatter = out.resolve("pareto-" + name + ".png");
            Path tmp = out.resolve(".partial-pareto-" + name + ".png");
            DsePlots.scatter(String.format(Locale.ROOT, "%s: latency vs energy (%,d points%s)", title, g.points(), shown),
                    sweep.objectives(), sample, g.front(), tmp);
            Files.move(tmp, scatter, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            files.add(scatter);
            Path effects = out.resolve("effects-" + name + ".png");
            tmp = out.resolve(".partial-effects-" + name + ".png");
            DsePlots.effects(title, g, sweep.objectives(), tmp);
            Files.move(tmp, effects, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            files.add(effects);
        }
        Map<String, List<Map<String, String>>> shown = new LinkedHashMap<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        for (GroupSummary g : groups) {
            if (g.points() > 0) {
                String key = g.group().design() + "|" + g.group().workload();
                shown.put(key, g.pageRows());
                totals.put(key, g.points());
            }
        }
        files.add(HtmlReport.write(SweepPage.page(sweep, shown, totals, command), out.resolve(HtmlReport.FILE)));
        return count;
    }

    private static void writeState(Path state, SweepSpec sweep, long points, String status) throws IOException {
        Properties p = new Properties();
        p.setProperty("sweep", sweep.source());
        p.setProperty("sweep_name", sweep.name());
        p.setProperty("sweep_sha256", sweep.fingerprint());
        p.setProperty("points", Long.toString(points));
        p.setProperty("state", status);
        StringWriter sw = new StringWriter();
        p.store(sw, "Sparcade DSE run: state=complete once points.csv, pareto.csv, the plots and report.html are all written");
        atomicWrite(state, sw.toString());
        Files.writeString(state.resolveSibling("sweep.yaml"), sweep.text(), StandardCharsets.UTF_8);
    }

    private static Properties load(Path state) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(state, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    static void atomicWrite(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(text);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
