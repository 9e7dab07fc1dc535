package io.sparcade.dse.output;

import io.sparcade.dse.sweep.Axis;
import io.sparcade.dse.sweep.DesignSpec;
import io.sparcade.dse.sweep.Metric;
import io.sparcade.dse.sweep.SweepParser;
import io.sparcade.dse.sweep.SweepSpec;
import io.sparcade.reports.html.Page;
import io.sparcade.reports.html.Section;
import io.sparcade.reports.html.View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML report of a sweep ({@code report.html} beside {@code points.csv}): per group (one design on one
 * workload), the latency–energy scatter with the Pareto front, parallel coordinates over the axes and metrics
 * with brushing, filters for feasibility and upper bounds, a sortable table of the front and one effect chart
 * per axis. Every point goes into the page, column by column (axis values as indices into the axis's values,
 * mappings and messages as indices into a list of distinct texts; metrics with every digit of points.csv, so
 * the page filters and compares exactly what the CSV holds); the page's script computes the front of the
 * points that pass the filters (with the page's default filters: the front of {@code pareto.csv}) and draws
 * what it can point by point, sampling the parallel-coordinates lines of large groups (it says so on the page).
 */
public final class SweepPage {
    private SweepPage() {
    }

    /** What the page's script reads. */
    public record Data(String sweep, String source, List<String> objectives, List<MetricInfo> metrics,
                       List<GroupData> groups) {
    }

    /**
     * A metric: its id (as in sweeps), CSV column, label and unit.
     */
    public record MetricInfo(String id, String column, String label, String unit) {
    }

    /**
     * One design on one workload, column by column; row i of every array is the same point.
     *
     * @param title       "arch on workload"
     * @param design      the design's index in the sweep
     * @param axes        the design's axes with each row's value index
     * @param constraints upper bounds by metric id (the sweep's merged with the design's)
     * @param id          point ids
     * @param status      0 feasible, 1 infeasible, 2 error
     * @param metrics     values by metric id (null where a point failed)
     * @param texts       distinct mappings, violations and errors
     * @param mapping     index into texts of each point's best mapping
     * @param message     index into texts of each point's violations or error (-1 for none)
     */
    public record GroupData(String title, int design, String arch, String workload, List<AxisData> axes,
                            Map<String, Double> constraints, long[] id, int[] status, Map<String, double[]> metrics,
                            List<String> texts, int[] mapping, int[] message) {
    }

    /** One axis: its path, its values in sweep order, and each row's value index (-1 if absent). */
    public record AxisData(String path, List<String> values, int[] index) {
    }

    /**
     * The page.
     *
     * @param sweep   the sweep
     * @param groups  every point's row (as in points.csv) by group, each in id order
     * @param command the exact command, or null
     */
    public static Page page(SweepSpec sweep, Map<String, List<Map<String, String>>> groups, String command) {
        return page(sweep, groups, null, command);
    }

    /**
     * The page of a sweep whose groups may be sampled.
     *
     * @param groups  the rows shown per group (every row, or a sample and every front row), each in id order
     * @param totals  the number of points of each group (null: the rows given are all of them)
     */
    public static Page page(SweepSpec sweep, Map<String, List<Map<String, String>>> groups, Map<String, Long> totals,
                            String command) {
        List<MetricInfo> metrics = new ArrayList<>();
        for (Metric m : Metric.values()) {
            metrics.add(new MetricInfo(m.id(), m.column(), label(m), unit(m)));
        }
        List<GroupData> data = new ArrayList<>();
        long points = 0;
        for (List<Map<String, String>> rows : groups.values()) {
            data.add(group(sweep, rows));
            points += rows.size();
        }
        String objectives = String.join(", ", sweep.objectives().stream().map(Metric::id).toList());
        List<Section> sections = List.of(
                new Section.Panel("controls", null, null),
                new Section.Chart("scatter", "Latency vs energy", "Every successful point of the group: feasible "
                        + "blue, infeasible grey (when shown), the Pareto front in " + objectives + " red. Hover a "
                        + "point for its axis values and mapping; scroll to zoom, drag to pan.", 520, null),
                new Section.Chart("parallel", "Parallel coordinates", "One line per design point across its axis "
                        + "values and metrics. Drag along an axis to brush a range (several axes combine); the brushed "
                        + "points are ringed in the scatter and listed below it.", 460, null),
                new Section.Panel("front", "Pareto front", "The non-dominated feasible points within the filters, "
                        + "sorted by " + sweep.objectives().get(0).id() + "; click a heading to sort, a row to find "
                        + "the point in the scatter."),
                new Section.Panel("effects", "Effect of each axis", "For each value of an axis, the best value of each "
                        + "objective among the shown feasible points with that value, relative to the best of all "
                        + "(1 = as good as the best design)."),
                new Section.Code("sweep-yaml", "The sweep (" + sweep.source() + ")", sweep.text(), false));
        long total = totals == null ? points : totals.values().stream().mapToLong(Long::longValue).sum();
        String sampled = total > points ? String.format(java.util.Locale.ROOT, " (the page holds %,d of them: every "
                + "point of each front and a fixed sample of the rest; points.csv has all)", points) : "";
        String subtitle = String.format(java.util.Locale.ROOT, "%,d points%s in %d group%s; objectives %s; mapping "
                        + "search %s x%d per point", total, sampled, groups.size(), groups.size() == 1 ? "" : "s",
                objectives, sweep.search().strategy().id(), sweep.search().budget());
        return new Page("Sparcade sweep: " + sweep.name(), subtitle, command, View.SWEEP, sections,
                new Data(sweep.name(), sweep.source(), sweep.objectives().stream().map(Metric::id).toList(), metrics,
                        data));
    }

    private static GroupData group(SweepSpec sweep, List<Map<String, String>> rows) {
        Map<String, String> first = rows.get(0);
        int design = Integer.parseInt(first.get("design"));
        DesignSpec ds = sweep.designs().get(design);
        int n = rows.size();
        List<AxisData> axes = new ArrayList<>();
        for (Axis a : ds.axes()) {
            Map<String, Integer> pos = new HashMap<>();
            List<String> values = new ArrayList<>();
            for (String v : a.values()) {
                String plain = SweepParser.plain(v);
                if (!pos.containsKey(plain)) {
                    pos.put(plain, values.size());
                    values.add(plain);
                }
            }
            int[] index = new int[n];
            for (int i = 0; i < n; i++) {
                String v = rows.get(i).get(a.path());
                Integer p = v == null ? null : pos.get(v);
                if (p == null && v != null && !v.isEmpty()) {
                    p = values.size();
                    pos.put(v, p);
                    values.add(v);
                }
                index[i] = p == null ? -1 : p;
            }
            axes.add(new AxisData(a.path(), values, index));
        }
        long[] id = new long[n];
        int[] status = new int[n];
        Map<String, double[]> metrics = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            metrics.put(m.id(), new double[n]);
        }
        List<String> texts = new ArrayList<>();
        Map<String, Integer> textIndex = new HashMap<>();
        int[] mapping = new int[n];
        int[] message = new int[n];
        for (int i = 0; i < n; i++) {
            Map<String, String> r = rows.get(i);
            id[i] = Long.parseLong(r.get("id"));
            boolean ok = "ok".equals(r.get("status"));
            status[i] = !ok ? 2 : "true".equals(r.get("feasible")) ? 0 : 1;
            for (Metric m : Metric.values()) {
                String v = r.get(m.column());
                metrics.get(m.id())[i] = v == null || v.isEmpty() ? Double.NaN : Double.parseDouble(v);
            }
            mapping[i] = text(texts, textIndex, r.getOrDefault("mapping", ""));
            String msg = ok ? r.getOrDefault("violations", "") : r.getOrDefault("error", "");
            message[i] = msg.isEmpty() ? -1 : text(texts, textIndex, msg);
        }
        Map<String, Double> constraints = new LinkedHashMap<>();
        ds.constraints().forEach((m, v) -> constraints.put(m.id(), v));
        return new GroupData(first.get("arch") + " on " + first.get("workload"), design, first.get("arch"),
                first.get("workload"), axes, constraints, id, status, metrics, texts, mapping, message);
    }

    private static int text(List<String> texts, Map<String, Integer> index, String t) {
        return index.computeIfAbsent(t, k -> {
            texts.add(k);
            return texts.size() - 1;
        });
    }

    private static String label(Metric m) {
        return switch (m) {
            case LATENCY -> "latency";
            case ENERGY -> "energy";
            case EDP -> "energy-delay product";
            case POWER -> "power";
            case DSP48 -> "DSP48";
            case BRAM36 -> "BRAM36";
            case URAM288 -> "URAM288";
            case LUT -> "LUT";
        };
    }

    private static String unit(Metric m) {
        return switch (m) {
            case LATENCY -> "s";
            case ENERGY -> "J";
            case EDP -> "J s";
            case POWER -> "W";
            case DSP48, BRAM36, URAM288, LUT -> "";
        };
    }
}
