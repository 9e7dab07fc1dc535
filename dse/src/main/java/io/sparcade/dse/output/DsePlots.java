package io.sparcade.dse.output;

import io.sparcade.dse.sweep.Metric;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of a sweep group (one design on one workload): the latency–energy scatter and each axis's effect. */
public final class DsePlots {
    private static final Color ALL = new Color(0x1f77b4);
    private static final Color INFEASIBLE = new Color(0xbbbbbb);
    private static final Color FRONT = new Color(0xd62728);
    /** The zoom panel shows points up to this factor beyond the front's largest latency and energy. */
    private static final double ZOOM = 1.5;
    /** Most axis values an effects panel labels; a longer axis shows only the values that have data. */
    private static final int MAX_CATEGORIES = 40;
    private static final Color[] SERIES = {new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0x7f7f7f)};

    private DsePlots() {
    }

    /**
     * Latency against energy, and a second panel: latency against the first other objective when the front has
     * one (e.g. DSP48), else a zoom on the region around the front. Feasible points are blue, infeasible grey,
     * the Pareto front red; a front over exactly latency and energy is a staircase and is joined in latency
     * order, a front over more objectives is shown as points. Log axes when a range spans more than 20x.
     */
    public static void scatter(String title, List<Metric> objectives, List<Map<String, String>> rows,
                               List<Map<String, String>> front, Path png) throws IOException {
        boolean join = objectives.size() == 2 && objectives.containsAll(List.of(Metric.LATENCY, Metric.ENERGY));
        String frontName = "Pareto front" + (join ? "" : " in " + String.join(", ",
                objectives.stream().map(Metric::id).toList()));
        int w = 800;
        int h = 650;
        BufferedImage img = new BufferedImage(2 * w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.drawImage(BitmapEncoder.getBufferedImage(panel(title, rows, front, Metric.LATENCY, Metric.ENERGY,
                p -> true, frontName, join, w, h)), 0, 0, null);
        Metric other = objectives.stream().filter(m -> m != Metric.LATENCY && m != Metric.ENERGY).findFirst().orElse(null);
        XYChart second;
        if (other != null) {
            second = panel("latency vs " + other.id(), rows, front, Metric.LATENCY, other, p -> true, frontName, false, w, h);
        } else {
            List<double[]> f = xy(front, Metric.LATENCY, Metric.ENERGY);
            double maxX = f.stream().mapToDouble(p -> p[0]).max().orElse(Double.POSITIVE_INFINITY) * ZOOM;
            double maxY = f.stream().mapToDouble(p -> p[1]).max().orElse(Double.POSITIVE_INFINITY) * ZOOM;
            second = panel("near the front (latency and energy within " + ZOOM + "x of the front's largest)", rows, front,
                    Metric.LATENCY, Metric.ENERGY, p -> p[0] <= maxX && p[1] <= maxY, frontName, join, w, h);
        }
        g.drawImage(BitmapEncoder.getBufferedImage(second), w, 0, null);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static XYChart panel(String title, List<Map<String, String>> rows, List<Map<String, String>> front,
                                 Metric x, Metric y, java.util.function.Predicate<double[]> keep, String frontName,
                                 boolean join, int w, int h) {
        List<Map<String, String>> ok = rows.stream().filter(r -> "ok".equals(r.get("status"))).toList();
        List<double[]> feasible = xy(ok.stream().filter(r -> "true".equals(r.get("feasible"))).toList(), x, y)
                .stream().filter(keep).toList();
        List<double[]> infeasible = xy(ok.stream().filter(r -> !"true".equals(r.get("feasible"))).toList(), x, y)
                .stream().filter(keep).toList();
        List<double[]> f = new ArrayList<>(xy(front, x, y));
        f.sort((a, b) -> Double.compare(a[0], b[0]));
        XYChart chart = chart(title, feasible, infeasible, f, frontName, join, w, h);
        chart.setXAxisTitle(label(x));
        chart.setYAxisTitle(label(y));
        return chart;
    }

    private static List<double[]> xy(List<Map<String, String>> rows, Metric x, Metric y) {
        return rows.stream().map(r -> new double[] {value(r, x), value(r, y)}).toList();
    }

    private static String label(Metric m) {
        return switch (m) {
            case LATENCY -> "latency (s)";
            case ENERGY -> "energy (J)";
            case EDP -> "energy-delay product (J s)";
            case POWER -> "power (W)";
            case DSP48 -> "DSP48 (estimate)";
            case BRAM36 -> "BRAM36 (estimate)";
            case URAM288 -> "URAM288 (estimate)";
            case LUT -> "LUT (estimate)";
        };
    }

    private static XYChart chart(String title, List<double[]> feasible, List<double[]> infeasible, List<double[]> f,
                                 String frontName, boolean join, int w, int h) {
        XYChart chart = new XYChartBuilder().width(w).height(h).title(title)
                .xAxisTitle("latency (s)").yAxisTitle("energy (J)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(6);
        List<double[]> all = new ArrayList<>(feasible);
        all.addAll(infeasible);
        all.addAll(f);
        if (all.isEmpty()) {
            all.add(new double[] {1, 1});
        }
        chart.getStyler().setXAxisLogarithmic(span(all, 0) > 20);
        chart.getStyler().setYAxisLogarithmic(span(all, 1) > 20);
        chart.getStyler().setXAxisDecimalPattern(numberPattern(all, 0));
        chart.getStyler().setYAxisDecimalPattern(numberPattern(all, 1));
        if (!infeasible.isEmpty()) {
            add(chart, "infeasible (" + infeasible.size() + ")", infeasible, INFEASIBLE).setMarker(SeriesMarkers.CIRCLE);
        }
        if (!feasible.isEmpty()) {
            add(chart, "feasible (" + feasible.size() + ")", feasible, ALL).setMarker(SeriesMarkers.CIRCLE);
        }
        if (!f.isEmpty()) {
            XYSeries s = add(chart, frontName + " (" + f.size() + ")", f, FRONT);
            s.setXYSeriesRenderStyle(join ? XYSeries.XYSeriesRenderStyle.Line : XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setLineWidth(2.5f);
        }
        if (feasible.isEmpty() && infeasible.isEmpty()) {
            chart.addSeries("no successful point", new double[] {1}, new double[] {1});
        }
        return chart;
    }

    /**
     * One panel per axis: for each value of the axis, the best (smallest) value each objective reaches over the
     * feasible points with that value, relative to the group's best (1 = as good as the best design).
     */
    public static void effects(String title, GroupSummary summary, List<Metric> objectives, Path png) throws IOException {
        List<String> axes = summary.axisPaths();
        int cols = Math.min(2, Math.max(1, axes.size()));
        int panelW = 640;
        int panelH = 420;
        int gridRows = Math.max(1, (axes.size() + cols - 1) / cols);
        int titleH = 40;
        BufferedImage img = new BufferedImage(cols * panelW, titleH + gridRows * panelH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 18));
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.drawString(title + " — best objective per axis value, relative to the best design (1 = best)", 12, 27);
        for (int i = 0; i < axes.size(); i++) {
            String axis = axes.get(i);
            List<String> allValues = summary.axisValues(i);
            double[][] allRelative = summary.relativeBest(i);
            // A long axis (a range of hundreds of values, mostly unexplored) shows only the values with data.
            List<String> values = new ArrayList<>();
            List<double[]> relative = new ArrayList<>();
            for (int v = 0; v < allValues.size(); v++) {
                if (allValues.size() <= MAX_CATEGORIES || java.util.Arrays.stream(allRelative[v]).anyMatch(y -> !Double.isNaN(y))) {
                    values.add(allValues.get(v));
                    relative.add(allRelative[v]);
                }
            }
            CategoryChart c = new CategoryChartBuilder().width(panelW).height(panelH).title(axis)
                    .xAxisTitle(axis).yAxisTitle("best / overall best").build();
            c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
            c.getStyler().setMarkerSize(8);
            // Series share each x position, and every value gets its label (up to MAX_CATEGORIES labels).
            c.getStyler().setOverlapped(true);
            c.getStyler().setXAxisMaxLabelCount(Math.max(1, Math.min(MAX_CATEGORIES, values.size())));
            c.getStyler().setPlotGridVerticalLinesVisible(values.size() <= MAX_CATEGORIES);
            if (values.size() > 8) {
                c.getStyler().setXAxisLabelRotation(45);
            }
            boolean any = false;
            int k = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int mi = 0; mi < objectives.size(); mi++) {
                Metric m = objectives.get(mi);
                List<Double> ys = new ArrayList<>();
                for (int v = 0; v < values.size(); v++) {
                    ys.add(relative.get(v)[mi]);
                }
                for (double y : ys) {
                    if (!Double.isNaN(y)) {
                        lo = Math.min(lo, y);
                        hi = Math.max(hi, y);
                    }
                }
                if (ys.stream().anyMatch(y -> !y.isNaN())) {
                    any = true;
                    CategorySeries s = c.addSeries(m.id(), values, ys);
                    s.setLineColor(SERIES[k % SERIES.length]);
                    s.setMarkerColor(SERIES[k % SERIES.length]);
                }
                k++;
            }
            if (!any) {
                c.addSeries("no feasible point", List.of("-"), List.of(0.0));
            }
            c.getStyler().setYAxisDecimalPattern(decimalPattern(hi - lo));
            BufferedImage panel = BitmapEncoder.getBufferedImage(c);
            g.drawImage(panel, (i % cols) * panelW, titleH + (i / cols) * panelH, null);
        }
        if (axes.isEmpty()) {
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 16));
            g.drawString("this design has no axes", 20, titleH + 40);
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    /** Enough decimals that the tick labels of a range this narrow differ (XChart drops repeated labels). */
    static String decimalPattern(double range) {
        int digits = range > 0 && Double.isFinite(range) ? Math.max(2, (int) Math.ceil(-Math.log10(range)) + 1) : 2;
        return "0." + "0".repeat(Math.min(digits, 9));
    }

    static double value(Map<String, String> row, Metric m) {
        String v = row.get(m.column());
        return v == null || v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }

    private static XYSeries add(XYChart chart, String name, List<double[]> pts, Color color) {
        double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarkerColor(color);
        s.setLineColor(color);
        return s;
    }

    /** Plain decimals for values between 0.01 and 10,000, else scientific notation. */
    private static String numberPattern(List<double[]> pts, int dim) {
        double hi = pts.stream().mapToDouble(p -> p[dim]).max().orElse(1);
        double lo = pts.stream().mapToDouble(p -> p[dim]).filter(v -> v > 0).min().orElse(1);
        return lo >= 0.01 && hi < 10_000 ? "#,##0.###" : "0.##E0";
    }

    private static double span(List<double[]> pts, int dim) {
        double lo = pts.stream().mapToDouble(p -> p[dim]).filter(v -> v > 0).min().orElse(1);
        double hi = pts.stream().mapToDouble(p -> p[dim]).max().orElse(1);
        return hi / lo;
    }
}
