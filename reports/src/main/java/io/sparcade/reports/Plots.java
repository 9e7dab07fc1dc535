package io.sparcade.reports;

import io.sparcade.hwsim.OpResult;
import io.sparcade.hwsim.SimulationResult;
import io.sparcade.hwsim.energy.Action;
import io.sparcade.hwsim.energy.EnergyTable;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of a run (XChart, headless): a per-unit timeline and per-operator latency and energy breakdowns. */
public final class Plots {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    private Plots() {
    }

    /**
     * Gantt chart: one horizontal lane per unit, one bar per node from its start to its end cycle, coloured by
     * the kind of work.
     */
    public static void timeline(RunReport r, Path png) throws IOException {
        SimulationResult s = r.result();
        List<String> units = new ArrayList<>();
        for (OpResult o : s.ops()) {
            if (o.firing().placement() != null && !units.contains(o.unit())) {
                units.add(o.unit());
            }
        }
        XYChart chart = new XYChartBuilder().width(1100).height(140 + 70 * Math.max(1, units.size()))
                .title("Timeline: " + r.workload().name() + " on " + r.arch() + " (" + s.totalCycles() + " cycles)")
                .xAxisTitle("cycle").yAxisTitle("unit").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(-1.0).setYAxisMax((double) units.size());
        // XChart drops ticks whose labels repeat, so the ticks between lanes get distinct blank labels.
        chart.getStyler().setYAxisTickLabelsFormattingFunction(y -> {
            long idx = Math.round(y);
            return Math.abs(y - idx) < 1e-6 && idx >= 0 && idx < units.size() ? units.get((int) idx)
                    : " ".repeat((int) Math.max(1, Math.round((y + 2) * 2)));
        });
        chart.getStyler().setAnnotationTextFontColor(Color.WHITE);
        chart.getStyler().setAnnotationTextFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        chart.getStyler().setXAxisDecimalPattern("#,###");
        chart.getStyler().setPlotGridHorizontalLinesVisible(false);
        Map<String, Color> kindColour = new LinkedHashMap<>();
        // Nodes that run at once on one unit (a fusion group's members interleaving) go on sub-lanes of its lane.
        Map<OpResult, int[]> lane = new java.util.IdentityHashMap<>(); // {sub-lane, sub-lanes of the unit}
        for (String u : units) {
            List<long[]> laneEnds = new ArrayList<>();
            List<OpResult> onUnit = s.ops().stream().filter(o -> o.firing().placement() != null && o.unit().equals(u))
                    .sorted(java.util.Comparator.comparingLong(OpResult::startCycle)).toList();
            for (OpResult o : onUnit) {
                int sub = 0;
                while (sub < laneEnds.size() && laneEnds.get(sub)[0] > o.startCycle()) {
                    sub++;
                }
                if (sub == laneEnds.size()) {
                    laneEnds.add(new long[1]);
                }
                laneEnds.get(sub)[0] = o.endCycle();
                lane.put(o, new int[] {sub, 0});
            }
            onUnit.forEach(o -> lane.get(o)[1] = laneEnds.size());
        }
        float thickness = (float) Math.max(8, Math.min(40, 300.0 / Math.max(1, units.size())));
        for (OpResult o : s.ops()) {
            if (o.firing().placement() == null) {
                continue;
            }
            String kind = kindOf(o) + (r.workload().training() ? " " + o.firing().node().pass().id() : "");
            Color c = kindColour.computeIfAbsent(kind, k -> PALETTE[kindColour.size() % PALETTE.length]);
            int[] sub = lane.get(o);
            double y = units.indexOf(o.unit()) + (sub[1] == 1 ? 0 : 0.6 * ((sub[0] + 0.5) / sub[1] - 0.5));
            // a node shorter than 0.4% of the run (e.g. SpAtten's top-k, 0.1%) is drawn 0.4% long, about 4 pixels,
            // so its lane does not look empty; ops.csv has its cycles
            long end = Math.max(o.endCycle(), o.startCycle() + Math.max(1, s.totalCycles() / 250));
            XYSeries series = chart.addSeries(o.name(), new double[] {o.startCycle(), end}, new double[] {y, y});
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(c);
            series.setLineStyle(new BasicStroke(sub[1] == 1 ? thickness : Math.max(4f, thickness / sub[1]),
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
            series.setShowInLegend(false);
            double width = (double) (o.endCycle() - o.startCycle()) / Math.max(1, s.totalCycles());
            if (width > 0.012 * o.name().length()) {
                chart.addAnnotation(new AnnotationText(o.name(), (o.startCycle() + o.endCycle()) / 2.0, y, false));
            }
        }
        // XChart draws a legend sample with the series' own (thick) stroke, so the samples would overlap: the
        // legend gets one thin series per kind, placed below the visible lanes.
        for (Map.Entry<String, Color> k : kindColour.entrySet()) {
            XYSeries key = chart.addSeries("legend: " + k.getKey(), new double[] {0, 1}, new double[] {-10, -10});
            key.setLabel(k.getKey());
            key.setMarker(SeriesMarkers.NONE);
            key.setLineColor(k.getValue());
            key.setFillColor(k.getValue());
            key.setLineStyle(new BasicStroke(6f));
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Cycles per node, stacked compute / stall; beside it the dense baseline's cycles when there is one. */
    public static void latencyBreakdown(RunReport r, Path png) throws IOException {
        SimulationResult s = r.result();
        List<String> names = new ArrayList<>();
        List<Number> compute = new ArrayList<>();
        List<Number> stall = new ArrayList<>();
        List<Number> dense = new ArrayList<>();
        Map<String, OpResult> denseByName = new LinkedHashMap<>();
        if (r.dense() != null) {
            r.dense().ops().forEach(o -> denseByName.put(o.name(), o));
        }
        for (OpResult o : s.ops()) {
            if (o.firing().placement() == null) {
                continue;
            }
            names.add(o.name());
            compute.add(o.cost().cycles() - o.cost().stallCycles());
            stall.add(o.cost().stallCycles());
            OpResult d = denseByName.get(o.name());
            dense.add(d == null ? 0 : d.cost().cycles());
        }
        String title = "Latency per operator: " + r.workload().name() + " on " + r.arch()
                + (r.dense() != null ? String.format(Locale.ROOT, " (%.2fx vs dense)", r.speedupVsDense()) : "");
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(620).title(title)
                .xAxisTitle("operator").yAxisTitle("cycles").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        rotateLabels(chart, names.size());
        chart.getStyler().setYAxisDecimalPattern("#,###");
        chart.getStyler().setAvailableSpaceFill(0.8);
        if (r.dense() != null) {
            chart.addSeries("sparse: cycles", names, sum(compute, stall)).setFillColor(PALETTE[0]);
            chart.addSeries("dense baseline: cycles", names, dense).setFillColor(PALETTE[7]);
        } else {
            chart.getStyler().setStacked(true);
            chart.addSeries("compute", names, compute).setFillColor(PALETTE[0]);
            chart.addSeries("stalled on memory", names, stall).setFillColor(PALETTE[3]);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Energy per node, stacked by what spent it: MACs and vector ops, on-chip buffers, DRAM, other. */
    public static void energyBreakdown(RunReport r, Path png) throws IOException {
        SimulationResult s = r.result();
        List<String> names = new ArrayList<>();
        Map<String, List<Number>> parts = new LinkedHashMap<>();
        for (String cat : List.of("compute (MAC, vector)", "on-chip buffer", "DRAM", "compare + mux")) {
            parts.put(cat, new ArrayList<>());
        }
        for (OpResult o : s.ops()) {
            if (o.firing().placement() == null) {
                continue;
            }
            names.add(o.name());
            double[] e = energyParts(s, o);
            int i = 0;
            for (List<Number> l : parts.values()) {
                l.add(e[i++] / 1e6);
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(620)
                .title(String.format(Locale.ROOT, "Dynamic energy per operator: %s on %s (total %.4g uJ incl. static)",
                        r.workload().name(), r.arch(), s.energyPj() / 1e6))
                .xAxisTitle("operator").yAxisTitle("energy (uJ)").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        rotateLabels(chart, names.size());
        chart.getStyler().setAvailableSpaceFill(0.8);
        int i = 0;
        for (Map.Entry<String, List<Number>> e : parts.entrySet()) {
            chart.addSeries(e.getKey(), names, e.getValue()).setFillColor(PALETTE[i++]);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Many operators: vertical labels in a smaller font, so XChart shows every one. */
    private static void rotateLabels(CategoryChart chart, int count) {
        chart.getStyler().setXAxisTickMarkSpacingHint(8);
        chart.getStyler().setXAxisMaxLabelCount(Math.max(2, count)); // XChart rejects 1
        if (count > 6) {
            chart.getStyler().setXAxisLabelRotation(90);
            chart.getStyler().setAxisTickLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        }
    }

    /**
     * A node's dynamic energy in pJ by what spent it: [0] MACs and vector ops, [1] on-chip buffer reads and
     * writes, [2] DRAM, [3] compares and mux selects; priced by the run's energy table.
     */
    static double[] energyParts(SimulationResult s, OpResult o) {
        EnergyTable table = s.energyTable();
        var arch = s.schedule().architecture();
        double[] e = new double[4];
        o.cost().actions().asMap().forEach((a, n) -> e[category(a)] += n * table.actionPj(a, arch));
        for (var b : o.cost().actions().buffers()) {
            e[1] += o.cost().actions().bufferReads(b) * table.bufferPjPerByte(b, false, arch)
                    + o.cost().actions().bufferWrites(b) * table.bufferPjPerByte(b, true, arch);
        }
        return e;
    }

    private static int category(Action a) {
        return switch (a) {
            case MAC_8B, MAC_8B_PACKED, MAC_12B, MAC_16B, MAC_32B, VECTOR_OP_8B, VECTOR_OP_16B -> 0;
            case DRAM_BYTE -> 2;
            case COMPARE, MUX_SELECT -> 3;
        };
    }

    static String kindOf(OpResult o) {
        String d = o.firing().node().work().describe();
        int sp = d.indexOf(' ');
        String kind = sp < 0 ? d : d.substring(0, sp);
        return kind.startsWith("top-") ? "top-k" : kind;
    }

    private static List<Number> sum(List<Number> a, List<Number> b) {
        List<Number> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i).longValue() + b.get(i).longValue());
        }
        return out;
    }
}
