package io.sparcade.dse.map;

import io.sparcade.hwsim.OpResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG plots of a mapping search (XChart, headless): convergence per strategy and gain per node. */
public final class MapPlots {
    private static final Color[] SERIES = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

    private MapPlots() {
    }

    /**
     * Per strategy, the sum over nodes of the score each node's search has reached (a node without a feasible
     * candidate yet counts at its default) relative to the default mapping's sum, after each ask; the best
     * whole-workload objective relative to the default after each whole-workload evaluation.
     */
    public static double[] operatorCurve(MapResult r, MapResult.StrategyRun run) {
        int budget = r.settings().budget();
        double[] y = new double[budget];
        double base = 0;
        for (MapResult.NodeInfo n : r.nodes()) {
            base += n.defaultPrice().score();
        }
        for (int e = 0; e < budget; e++) {
            double sum = 0;
            for (int i = 0; i < r.nodes().size(); i++) {
                double t = run.perNode().get(i).trace()[e];
                sum += Double.isFinite(t) ? t : r.nodes().get(i).defaultPrice().score();
            }
            y[e] = sum / base;
        }
        return y;
    }

    /** The best whole-workload objective relative to the default after each whole-workload evaluation. */
    public static double[] graphCurve(MapResult r, MapResult.StrategyRun run) {
        double[] y = new double[run.graphTrace().length];
        for (int e = 0; e < y.length; e++) {
            y[e] = run.graphTrace()[e] / r.defaults().objective();
        }
        return y;
    }

    public static void convergence(MapResult r, Path png) throws IOException {
        int w = 760;
        int h = 520;
        XYChart left = chart("Per-operator searches: sum of the nodes' best " + r.objective().id(),
                "mappings evaluated per operator", w, h);
        XYChart right = chart("Whole workload: best " + r.objective().id(), "whole-workload simulations", w, h);
        for (int s = 0; s < r.runs().size(); s++) {
            MapResult.StrategyRun run = r.runs().get(s);
            add(left, run.strategy().id(), operatorCurve(r, run), SERIES[s % SERIES.length]);
            add(right, run.strategy().id(), graphCurve(r, run), SERIES[s % SERIES.length]);
        }
        BufferedImage img = new BufferedImage(2 * w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.drawImage(BitmapEncoder.getBufferedImage(left), 0, 0, null);
        g.drawImage(BitmapEncoder.getBufferedImage(right), w, 0, null);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static XYChart chart(String title, String x, int w, int h) {
        XYChart c = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(x)
                .yAxisTitle("relative to the scheduler's own mapping").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setYAxisDecimalPattern("0.0000");
        c.getStyler().setMarkerSize(4);
        return c;
    }

    private static void add(XYChart c, String name, double[] y, Color color) {
        double[] x = new double[y.length];
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            x[i] = i + 1;
            ys.add(Double.isFinite(y[i]) ? y[i] : Double.NaN);
        }
        XYSeries s = c.addSeries(name, x, ys.stream().mapToDouble(Double::doubleValue).toArray());
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.CIRCLE);
    }

    /**
     * Per node (graph order), the default's score over the best candidate's (standalone, the winning strategy's
     * search) and over what the node costs in the final mapping: above 1 the node got cheaper.
     */
    public static void gain(MapResult r, Path png) throws IOException {
        MapResult.StrategyRun run = r.best();
        List<String> names = new ArrayList<>();
        List<Double> best = new ArrayList<>();
        for (int i = 0; i < r.nodes().size(); i++) {
            MapResult.NodeInfo n = r.nodes().get(i);
            OperatorSearch.Eval e = run.perNode().get(i).best();
            names.add(n.node().name());
            best.add(e == null ? 0 : n.defaultPrice().score() / e.price().score());
        }
        List<Double> fin = new ArrayList<>();
        for (MapResult.NodeInfo n : r.nodes()) {
            OpResult o = run.best().op(n.node().name());
            fin.add(o == null ? 0 : n.defaultPrice().score() / r.pricer().price(o.cost(), n.weight()).score());
        }
        // every node gets a labelled bar: XChart drops category labels that do not fit, which would misplace them
        int w = Math.max(900, Math.min(12000, 120 + 26 * names.size()));
        CategoryChart c = new CategoryChartBuilder().width(w).height(560)
                .title("Gain over the scheduler's own mapping per node (" + r.objective().id() + ", standalone; "
                        + run.strategy().id() + ")").xAxisTitle("node").yAxisTitle("default / mapped").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setXAxisLabelRotation(90);
        c.getStyler().setXAxisMaxLabelCount(names.size());
        c.getStyler().setYAxisDecimalPattern("0.000");
        c.getStyler().setAvailableSpaceFill(0.8);
        double lo = 1;
        double hi = 1;
        for (List<Double> l : List.of(best, fin)) {
            for (double v : l) {
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double pad = Math.max(0.01, (hi - lo) * 0.08);
        c.getStyler().setYAxisMin(Math.max(0, lo - pad));
        c.getStyler().setYAxisMax(hi + pad);
        c.addSeries("best candidate", names, best).setFillColor(SERIES[0]);
        c.addSeries("in the final mapping", names, fin).setFillColor(SERIES[3]);
        BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
