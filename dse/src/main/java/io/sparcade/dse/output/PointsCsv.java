package io.sparcade.dse.output;

import io.sparcade.dse.eval.Metrics;
import io.sparcade.dse.eval.PointResult;
import io.sparcade.dse.sweep.Axis;
import io.sparcade.dse.sweep.DesignSpec;
import io.sparcade.dse.sweep.Metric;
import io.sparcade.dse.sweep.SweepParser;
import io.sparcade.dse.sweep.SweepSpec;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code points.csv}: one row per finished design point, appended and flushed to the operating system as each
 * point finishes, so a killed run loses no finished point. A row is written with a single {@code write} call;
 * a row cut short by a kill has no line end and is dropped on {@link #open resume}.
 */
public final class PointsCsv implements Closeable {
    public static final String FILE = "points.csv";
    /** Columns before the axis columns. */
    public static final List<String> LEAD = List.of("id", "design", "arch", "workload");
    /** Columns after the axis columns. */
    public static final List<String> TAIL = List.of("status", "feasible", "latency_s", "energy_j", "edp_js", "power_w",
            "cycles", "dsp48", "bram36", "uram288", "lut", "violations", "mapping_evals", "mapping", "error");
    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private final FileChannel channel;
    private final List<String> header;
    private final SweepSpec sweep;

    private PointsCsv(FileChannel channel, List<String> header, SweepSpec sweep) {
        this.channel = channel;
        this.header = header;
        this.sweep = sweep;
    }

    public static List<String> header(SweepSpec sweep) {
        List<String> h = new ArrayList<>(LEAD);
        h.addAll(sweep.axisColumns());
        h.addAll(TAIL);
        return List.copyOf(h);
    }

    /**
     * Opens {@code file} for appending. A new file gets the header; an existing one must have the same header,
     * and a last line without its line end (a row cut by a kill) is truncated away.
     */
    public static PointsCsv open(Path file, SweepSpec sweep) throws IOException {
        List<String> header = header(sweep);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size > 0) {
                long end = lastLineEnd(ch);
                ch.truncate(end);
                List<String> existing = readHeader(file);
                if (!existing.equals(header)) {
                    throw new IllegalArgumentException(file + ": columns differ from this sweep's (was it written by another sweep?)");
                }
            }
            ch.position(ch.size());
            PointsCsv csv = new PointsCsv(ch, header, sweep);
            if (ch.size() == 0) {
                csv.writeLine(header);
            }
            return csv;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Appends one row and hands it to the operating system before returning; returns the row, column to value. */
    public synchronized Map<String, String> append(PointResult r) throws IOException {
        List<String> cells = row(r);
        writeLine(cells);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            m.put(header.get(i), cells.get(i));
        }
        return m;
    }

    private void writeLine(List<String> cells) throws IOException {
        StringWriter sw = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(sw, FORMAT)) {
            p.printRecord(cells);
        }
        ByteBuffer buf = ByteBuffer.wrap(sw.toString().getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    List<String> row(PointResult r) {
        Map<String, String> cells = new LinkedHashMap<>();
        header.forEach(h -> cells.put(h, ""));
        DesignSpec ds = sweep.designs().get(r.point().design());
        cells.put("id", Long.toString(r.point().id()));
        cells.put("design", Integer.toString(r.point().design()));
        cells.put("arch", r.arch());
        cells.put("workload", r.point().workload());
        for (int i = 0; i < ds.axes().size(); i++) {
            Axis a = ds.axes().get(i);
            cells.put(a.path(), SweepParser.plain(r.point().values().get(i)));
        }
        cells.put("status", r.ok() ? "ok" : "error");
        cells.put("feasible", Boolean.toString(r.feasible()));
        Metrics m = r.metrics();
        if (m != null) {
            cells.put("latency_s", num(m.value(Metric.LATENCY)));
            cells.put("energy_j", num(m.value(Metric.ENERGY)));
            cells.put("edp_js", num(m.value(Metric.EDP)));
            cells.put("power_w", num(m.value(Metric.POWER)));
            cells.put("cycles", Long.toString(m.cycles()));
            cells.put("dsp48", Long.toString(m.resources().dsp48()));
            cells.put("bram36", Long.toString(m.resources().bram36()));
            cells.put("uram288", Long.toString(m.resources().uram288()));
            cells.put("lut", Long.toString(m.resources().lut()));
        }
        cells.put("violations", String.join("; ", r.violations()));
        cells.put("mapping_evals", Integer.toString(r.evaluations()));
        cells.put("mapping", r.mapping());
        cells.put("error", r.error() == null ? "" : r.error());
        return new ArrayList<>(cells.values());
    }

    /** Shortest text that reads back as the same double (deterministic across machines). */
    static String num(double v) {
        return Double.toString(v);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /** What {@link #forEach} hands each row to. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(Map<String, String> row) throws IOException;
    }

    /**
     * Hands every complete row of a points file (header excluded), as column to value, to {@code consumer}, one
     * at a time, so a file of any length is read in bounded memory. A missing file has no rows.
     */
    public static void forEach(Path file, RowConsumer consumer) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : FORMAT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                if (rec.isConsistent()) {
                    consumer.accept(rec.toMap());
                }
            }
        }
    }

    /** Every complete row of a small points file (header excluded), as column to value: for tests and pareto.csv. */
    public static List<Map<String, String>> read(Path file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        forEach(file, rows::add);
        return rows;
    }

    private static List<String> readHeader(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : FORMAT.parse(r)) {
                return rec.toList();
            }
        }
        return List.of();
    }

    /** Offset just after the last line end outside quotes (CSV cells may hold quoted line ends); reads in blocks. */
    private static long lastLineEnd(FileChannel ch) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(1 << 16);
        boolean quoted = false;
        long end = 0;
        long pos = 0;
        while (true) {
            block.clear();
            int n = ch.read(block, pos);
            if (n <= 0) {
                return end;
            }
            for (int i = 0; i < n; i++) {
                byte b = block.get(i);
                if (b == '"') {
                    quoted = !quoted;
                } else if (b == '\n' && !quoted) {
                    end = pos + i + 1;
                }
            }
            pos += n;
        }
    }
}
