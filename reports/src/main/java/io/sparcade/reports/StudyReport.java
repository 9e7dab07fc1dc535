package io.sparcade.reports;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The output of {@code sparcade study}: {@code study.csv} (one row per phase, method and density, plus the dense
 * baseline of each phase) and plots of speedup and energy saving against density, one line per method, one plot per
 * phase and metric ({@code speedup-<phase>.png}, {@code energy-<phase>.png}).
 */
public final class StudyReport {
    /** Columns of study.csv: the issue's names, then the phase and the MAC counts. */
    public static final List<String> COLUMNS = List.of("method", "family", "density", "granularity", "cycles",
            "speedup_vs_dense", "energy", "energy_saving_vs_dense", "dram_bytes", "metadata_bytes", "selector_cycles",
            "phase", "macs_useful", "macs_issued");

    /**
     * One run of the study.
     *
     * @param phase          prefill, decode, or the workload's name when it has no phase
     * @param method         the method's name ({@code dense} for the baseline)
     * @param family         weight, activation, attention, kv, tokens, moe (or dense)
     * @param density        the density the method ran at (1 for dense)
     * @param granularity    what the mapped unit skips at, for the method's pattern
     * @param cycles         cycles of the whole model (all layers)
     * @param energyMj       energy of the whole model, mJ
     * @param dramBytes      bytes moved off chip (all layers)
     * @param metadataBytes  of which sparse-format metadata
     * @param selectorCycles cycles the method's selector nodes take on their units (all layers)
     * @param macsUseful     MACs on kept work (all layers)
     * @param macsIssued     MACs the units spend (all layers)
     * @param denseCycles    the phase's dense baseline, cycles
     * @param denseEnergyMj  the phase's dense baseline, mJ
     */
    public record Row(String phase, String method, String family, double density, String granularity, long cycles,
                      double energyMj, long dramBytes, long metadataBytes, long selectorCycles, long macsUseful,
                      long macsIssued, long denseCycles, double denseEnergyMj) {
        public double speedup() {
            return cycles == 0 ? 0 : (double) denseCycles / cycles;
        }

        public double energySaving() {
            return denseEnergyMj == 0 ? 0 : 1 - energyMj / denseEnergyMj;
        }
    }

    private StudyReport() {
    }

    /**
     * Writes study.csv and the plots into {@code out}; returns the files written. They are written to a scratch
     * directory beside it first and moved in only when all are complete, so a failure leaves no partial study.
     */
    public static List<Path> write(Path out, List<Row> rows) throws IOException {
        Path abs = out.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path dir = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".tmp");
        try {
            List<Path> done = new ArrayList<>();
            for (Path f : writeInto(dir, rows)) {
                Files.createDirectories(abs);
                done.add(Files.move(f, abs.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING));
            }
            return done;
        } finally {
            try (var left = Files.list(dir)) {
                for (Path f : left.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static List<Path> writeInto(Path dir, List<Row> rows) throws IOException {
        List<Path> files = new ArrayList<>();
        Path csv = dir.resolve("study.csv");
        try (Writer w = Files.newBufferedWriter(csv);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new)).build())) {
            for (Row r : rows) {
                p.printRecord(r.method(), r.family(), fmt(r.density()), r.granularity(), r.cycles(), fmt(r.speedup()),
                        fmt(r.energyMj()), fmt(r.energySaving()), r.dramBytes(), r.metadataBytes(), r.selectorCycles(),
                        r.phase(), r.macsUseful(), r.macsIssued());
            }
        }
        files.add(csv);
        for (String phase : rows.stream().map(Row::phase).distinct().toList()) {
            List<Row> of = rows.stream().filter(r -> r.phase().equals(phase) && !r.method().equals("dense")).toList();
            files.add(plot(dir.resolve("speedup-" + phase + ".png"), of, phase, true));
            files.add(plot(dir.resolve("energy-" + phase + ".png"), of, phase, false));
        }
        return files;
    }

    private static Path plot(Path png, List<Row> rows, String phase, boolean speedup) throws IOException {
        XYChart chart = new XYChartBuilder().width(1000).height(640)
                .title((speedup ? "Speedup over dense" : "Energy saving over dense") + " vs density, " + phase)
                .xAxisTitle("density (kept fraction)")
                .yAxisTitle(speedup ? "speedup vs dense (x)" : "energy saving vs dense (fraction)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setXAxisDecimalPattern("0.##");
        Map<String, List<Row>> byMethod = new LinkedHashMap<>();
        rows.forEach(r -> byMethod.computeIfAbsent(r.method() + " (" + r.family() + ")", x -> new ArrayList<>()).add(r));
        byMethod.forEach((name, rs) -> {
            List<Row> sorted = rs.stream().sorted(java.util.Comparator.comparingDouble(Row::density)).toList();
            XYSeries s = chart.addSeries(name, sorted.stream().mapToDouble(Row::density).toArray(),
                    sorted.stream().mapToDouble(r -> speedup ? r.speedup() : r.energySaving()).toArray());
            s.setMarker(SeriesMarkers.CIRCLE);
        });
        if (byMethod.isEmpty()) {
            chart.addSeries("no method applies to " + phase, new double[] {1}, new double[] {speedup ? 1 : 0});
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        return png;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
