package io.sparcade.dse;

import io.sparcade.dse.eval.PointEvaluator;
import io.sparcade.dse.exec.SweepExecutor;
import io.sparcade.dse.output.DsePlots;
import io.sparcade.dse.output.Pareto;
import io.sparcade.dse.output.SweepPage;
import io.sparcade.dse.output.PointsCsv;
import io.sparcade.dse.sweep.DesignPoint;
import io.sparcade.dse.sweep.DesignSpec;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.commons.csv.CSVPrinter;

/**
 * Runs a sweep into a directory, crash-safely:
 * <ol>
 *   <li>validates every axis value before any point runs;</li>
 *   <li>records the run in {@code run.properties} (sweep fingerprint, {@code state=running});</li>
 *   <li>streams one row per finished point to {@code points.csv}; with {@code resume}, skips the points already
 *       there (a row cut short by a kill is dropped first), so every point ends up exactly once;</li>
 *   <li>when every point is in, writes {@code pareto.csv}, the plots and {@code report.html} (each to a temporary
 *       file, then moved into place) and only then marks the run {@code state=complete}.</li>
 * </ol>
 */
public final class SweepRun {
    public static final String STATE_FILE = "run.properties";
    public static final String PARETO_FILE = "pareto.csv";

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

    public RunSummary run(SweepSpec sweep, SweepExecutor executor) throws Exception {
        PointEvaluator evaluator = new PointEvaluator(sweep, (EnergyTable) null);
        evaluator.validate();
        List<DesignPoint> all = sweep.points();
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
        writeState(state, sweep, all.size(), "running");
        Set<Long> done = new HashSet<>();
        long start = System.nanoTime();
        long evaluated;
        try (PointsCsv csv = PointsCsv.open(pointsFile, sweep)) {
            for (Map<String, String> row : PointsCsv.read(pointsFile)) {
                done.add(Long.parseLong(row.get("id")));
            }
            List<DesignPoint> todo = all.stream().filter(p -> !done.contains(p.id())).toList();
            progress.started(all.size(), all.size() - todo.size());
            long[] count = {0};
            executor.execute(sweep, todo, r -> {
                csv.append(r);
                count[0]++;
                progress.finished(r);
            });
            evaluated = count[0];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Map<String, String>> rows = PointsCsv.read(pointsFile);
        Set<Long> ids = new HashSet<>();
        for (Map<String, String> r : rows) {
            if (!ids.add(Long.parseLong(r.get("id")))) {
                throw new IllegalStateException(pointsFile + ": point " + r.get("id") + " appears twice");
            }
        }
        if (ids.size() != all.size()) {
            throw new IllegalStateException(pointsFile + ": " + ids.size() + " of " + all.size() + " points present");
        }
        List<Path> files = new ArrayList<>(List.of(pointsFile));
        long pareto = finish(sweep, rows, files);
        writeState(state, sweep, all.size(), "complete");
        long errors = rows.stream().filter(r -> !"ok".equals(r.get("status"))).count();
        long infeasible = rows.stream().filter(r -> "ok".equals(r.get("status")) && !"true".equals(r.get("feasible"))).count();
        return new RunSummary(all.size(), all.size() - evaluated, evaluated, errors, infeasible, pareto, seconds, files);
    }

    /** Writes pareto.csv (every group's front), the plots and report.html; returns the number of Pareto points. */
    private long finish(SweepSpec sweep, List<Map<String, String>> rows, List<Path> files) throws IOException {
        Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
        rows.stream().sorted(java.util.Comparator.comparingLong(r -> Long.parseLong(r.get("id"))))
                .forEach(r -> groups.computeIfAbsent(r.get("design") + "|" + r.get("workload"), k -> new ArrayList<>()).add(r));
        List<Map<String, String>> front = new ArrayList<>();
        Map<String, List<Map<String, String>>> frontByGroup = new LinkedHashMap<>();
        for (Map.Entry<String, List<Map<String, String>>> g : groups.entrySet()) {
            List<Map<String, String>> f = paretoFront(g.getValue(), sweep.objectives());
            frontByGroup.put(g.getKey(), f);
            front.addAll(f);
        }
        Path paretoFile = out.resolve(PARETO_FILE);
        List<String> header = PointsCsv.header(sweep);
        StringWriter sw = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(sw, org.apache.commons.csv.CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            p.printRecord(header);
            for (Map<String, String> r : front) {
                p.printRecord(header.stream().map(h -> r.getOrDefault(h, "")).toList());
            }
        }
        atomicWrite(paretoFile, sw.toString());
        files.add(paretoFile);
        for (Map.Entry<String, List<Map<String, String>>> g : groups.entrySet()) {
            Map<String, String> first = g.getValue().get(0);
            int design = Integer.parseInt(first.get("design"));
            DesignSpec ds = sweep.designs().get(design);
            String name = ("d" + design + "-" + first.get("arch") + "-" + first.get("workload")).replaceAll("[^A-Za-z0-9._-]", "_");
            String title = first.get("arch") + " on " + first.get("workload");
            Path scatter = out.resolve("pareto-" + name + ".png");
            Path tmp = out.resolve(".partial-pareto-" + name + ".png");
            DsePlots.scatter(title + ": latency vs energy (" + g.getValue().size() + " points)", sweep.objectives(), g.getValue(),
                    frontByGroup.get(g.getKey()), tmp);
            Files.move(tmp, scatter, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            files.add(scatter);
            Path effects = out.resolve("effects-" + name + ".png");
            tmp = out.resolve(".partial-effects-" + name + ".png");
            DsePlots.effects(title, ds.axes().stream().map(a -> a.path()).toList(), sweep.objectives(), g.getValue(), tmp);
            Files.move(tmp, effects, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            files.add(effects);
        }
        files.add(HtmlReport.write(SweepPage.page(sweep, groups, command), out.resolve(HtmlReport.FILE)));
        return front.size();
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
