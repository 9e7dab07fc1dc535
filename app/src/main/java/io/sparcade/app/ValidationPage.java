package io.sparcade.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparcade.reports.html.HtmlReport;
import io.sparcade.reports.html.Page;
import io.sparcade.reports.html.Section;
import io.sparcade.reports.html.Section.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTML report of {@code validate}: every published comparison with the paper's value, Sparcade's value,
 * the low/high band (the row's result with its estimated inputs at the ends of their plausible ranges) and
 * pass/fail, as a table and as a chart of each value relative to the paper's. The page has no view script: its
 * chart is an Apache ECharts option built here, the way any command can put a chart on a page.
 */
public final class ValidationPage {
    private static final String PASS = "#1a7f37";
    private static final String FAIL = "#c62828";

    private ValidationPage() {
    }

    /**
     * The page.
     *
     * @param rows    the comparisons, in validation.csv's order
     * @param command the exact command, or null
     */
    public static Page page(List<Validation.Row> rows, String command) {
        List<List<Cell>> cells = new ArrayList<>();
        for (Validation.Row r : rows) {
            cells.add(List.of(Cell.text(r.id()), new Cell(r.claim(), null, Section.Tone.WRAP), Cell.text(r.unit()),
                    Cell.number(r.paper()), Cell.number(r.sparcade()), Cell.number(Math.min(r.low(), r.high())),
                    Cell.number(Math.max(r.low(), r.high())), Cell.number(r.ratio()),
                    new Cell(String.format(Locale.ROOT, "%s .. %s (±%.0f%%)",
                            Cell.number(r.paper() * (1 - r.tolerance())).text(),
                            Cell.number(r.paper() * (1 + r.tolerance())).text(), 100 * r.tolerance()),
                            r.tolerance(), Section.Tone.MUTED),
                    Cell.verdict(r.pass()), Cell.text(r.source()),
                    new Cell(Validation.estimatesText(r), null, Section.Tone.WRAP),
                    new Cell(r.note(), null, Section.Tone.WRAP)));
        }
        long passed = rows.stream().filter(Validation.Row::pass).count();
        List<Section> sections = List.of(
                new Section.Table("rows", "Published comparisons", "One row per claim, as in validation.csv. low and "
                        + "high: the row's result with its estimated inputs moved to the ends of their plausible "
                        + "ranges (equal to Sparcade's value when the row depends on no estimate). A row passes when "
                        + "Sparcade's value is within the tolerance of the paper's.",
                        List.of("row", "claim", "unit", "paper", "Sparcade", "low", "high", "Sparcade / paper",
                                "pass band", "result", "source", "estimates (nominal [low..high])", "why"), cells),
                new Section.Chart("ratios", "Relative to the paper", "Each row's Sparcade value (dot: green pass, red "
                        + "fail) and low/high band (blue bar) divided by the paper's value; the pale bar is the row's "
                        + "pass band, the dashed line the paper.", Math.max(220, 90 + 44 * rows.size()), chart(rows)));
        return new Page("Sparcade validation", passed + " of " + rows.size() + " rows within tolerance", command,
                null, sections, null);
    }

    /** Horizontal chart: one category per row; bars stacked from a transparent base draw the bands. */
    static ObjectNode chart(List<Validation.Row> rows) {
        ObjectNode o = HtmlReport.json().createObjectNode();
        o.putObject("tooltip").put("trigger", "item");
        o.putObject("legend").put("top", 0);
        ObjectNode grid = o.putObject("grid");
        grid.put("left", 10).put("right", 40).put("top", 36).put("bottom", 30).put("containLabel", true);
        ObjectNode x = o.putObject("xAxis");
        x.put("type", "value").put("name", "value / paper's value").put("nameLocation", "middle").put("nameGap", 24)
                .put("scale", true);
        ObjectNode y = o.putObject("yAxis");
        y.put("type", "category").put("inverse", true);
        ArrayNode ids = y.putArray("data");
        rows.forEach(r -> ids.add(r.id()));
        ArrayNode series = o.putArray("series");
        ArrayNode tolBase = bar(series, null, "tolerance", 26, "rgba(0,0,0,0)");
        ArrayNode tol = bar(series, "pass band (paper ± tolerance)", "tolerance", 26, "rgba(26,127,55,0.16)");
        ArrayNode bandBase = bar(series, null, "band", 8, "rgba(0,0,0,0)");
        ArrayNode band = bar(series, "low..high (estimates at their ends)", "band", 8, "#5b8def");
        ObjectNode dots = series.addObject();
        dots.put("name", "Sparcade").put("type", "scatter").put("symbolSize", 13).put("z", 5);
        dots.putObject("itemStyle").put("color", PASS);
        dots.putObject("tooltip").put("formatter", "{b}: Sparcade / paper = {c}");
        ObjectNode line = dots.putObject("markLine");
        line.put("symbol", "none").put("silent", true);
        line.putObject("lineStyle").put("type", "dashed").put("color", "#5f6b7a");
        line.putObject("label").put("formatter", "paper");
        line.putArray("data").addObject().put("xAxis", 1);
        ArrayNode dotData = dots.putArray("data");
        for (Validation.Row r : rows) {
            double lo = Math.min(r.low(), r.high()) / r.paper();
            double hi = Math.max(r.low(), r.high()) / r.paper();
            tolBase.add(1 - r.tolerance());
            tol.add(2 * r.tolerance());
            bandBase.add(lo);
            band.add(hi - lo);
            ObjectNode d = dotData.addObject();
            d.put("name", r.id()).put("value", r.ratio());
            d.putObject("itemStyle").put("color", r.pass() ? PASS : FAIL);
        }
        return o;
    }

    /** A bar series in {@code stack}; an unnamed one is an invisible base that lifts the next bar off zero. */
    private static ArrayNode bar(ArrayNode series, String name, String stack, int width, String color) {
        ObjectNode s = series.addObject();
        s.put("type", "bar").put("stack", stack).put("barWidth", width).put("barGap", "-100%");
        s.putObject("itemStyle").put("color", color);
        if (name == null) {
            s.put("silent", true);
            s.putObject("tooltip").put("show", false);
            s.putObject("emphasis").put("disabled", true);
        } else {
            s.put("name", name);
            s.putObject("tooltip").put("formatter", "{b}: " + name);
        }
        return s.putArray("data");
    }
}
