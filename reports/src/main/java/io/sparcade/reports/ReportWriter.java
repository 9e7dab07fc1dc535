package io.sparcade.reports;

import io.sparcade.reports.html.HtmlReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a set of runs to a directory: {@code summary.csv}, {@code ops.csv}, {@code report.html} (the
 * interactive page of every run, {@link RunPage}) and, per run, {@code timeline-<run>.png},
 * {@code latency-<run>.png} and {@code energy-<run>.png}. Everything is written to a
 * scratch directory first and moved into place only when all of it succeeded, so a failure leaves no partial
 * report.
 */
public final class ReportWriter {
    public ReportWriter() {
    }

    /** Writes the reports without a command line or mapping on the page; returns the files written. */
    public List<Path> write(Path outDir, List<RunReport> runs) throws IOException {
        return write(outDir, runs, null, null);
    }

    /**
     * Writes the reports; returns the files written, in the output directory.
     *
     * @param command the exact command, shown on the HTML page, or null
     * @param mapping the mapping YAML the runs used, shown on the page, or null
     */
    public List<Path> write(Path outDir, List<RunReport> runs, String command, String mapping) throws IOException {
        Files.createDirectories(outDir);
        Path scratch = Files.createTempDirectory(outDir, ".partial-");
        try {
            CsvReports.writeSummary(scratch.resolve("summary.csv"), runs);
            CsvReports.writeOps(scratch.resolve("ops.csv"), runs);
            HtmlReport.write(RunPage.page(runs, command, mapping), scratch.resolve(HtmlReport.FILE));
            for (RunReport r : runs) {
                Plots.timeline(r, scratch.resolve("timeline-" + r.run() + ".png"));
                Plots.latencyBreakdown(r, scratch.resolve("latency-" + r.run() + ".png"));
                Plots.energyBreakdown(r, scratch.resolve("energy-" + r.run() + ".png"));
            }
            List<Path> written = new ArrayList<>();
            try (Stream<Path> files = Files.list(scratch)) {
                for (Path f : files.sorted().toList()) {
                    Path target = outDir.resolve(f.getFileName());
                    Files.move(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    written.add(target);
                }
            }
            return written;
        } finally {
            deleteTree(scratch);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
