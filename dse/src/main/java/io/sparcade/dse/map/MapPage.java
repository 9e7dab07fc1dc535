package io.sparcade.dse.map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparcade.hwsim.OpResult;
import io.sparcade.reports.RunReport;
import io.sparcade.reports.html.HtmlReport;
import io.sparcade.reports.html.Page;
import io.sparcade.reports.html.Section;
import io.sparcade.reports.html.Section.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTML report of {@code sparcade map}: the default and the best mapping side by side, where the difference
 * comes from, the convergence of each strategy, the gain per node, every node's best and next-best candidates,
 * the map spaces and the mapping as YAML. Sections only, its charts Apache ECharts options built here.
 */
public final class MapPage {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

    private MapPage() {
    }

    public static Page page(MapResult r, RunReport defaultRun, RunReport bestRun, String mappingYaml, String command) {
        MapResult.StrategyRun best = r.best();
        List<Section> sections = new ArrayList<>();
        double gain = r.defaults().objective() / best.best().objective();
        sections.add(new Section.Text("about", null, String.format(Locale.ROOT, "Objective: %s (%s), lower is better. "
                        + "Strategies %s, each with %d mappings per operator and %d whole-workload simulations; seed %d. "
                        + "Best: %s, %.4fx the scheduler's own mapping's %s. Constraints: %s.%n%nEvery node's map space "
                        + "(unit, dataflow of a reconfigurable array, tile sizes, loop order) is searched with the node "
                        + "priced alone (its block model, as the simulator starts it), then the workload's: which "
                        + "candidate each node takes and which fusion groups are fused, with whole simulations. The "
                        + "numbers of the two runs below are simulate's (simulate --mapping mapping.yaml gives them).",
                r.objective().id(), MapOutputs.describe(r.objective()), String.join(", ",
                        r.runs().stream().map(s -> s.strategy().id()).toList()), r.settings().budget(),
                r.settings().graphBudget(), r.settings().seed(), best.strategy().id(), gain, r.objective().id(),
                constraints(r.constraints()))));
        sections.add(whole(r, defaultRun, bestRun));
        sections.add(changes(r, defaultRun, bestRun));
        sections.add(new Section.Chart("convergence-ops", "Convergence: per-operator searches", "Sum over the nodes of "
                + "the best score each node's search has reached after n mappings (a node with no feasible mapping yet "
                + "counts at its default), relative to the scheduler's mapping.", 360, curves(r, true)));
        sections.add(new Section.Chart("convergence-graph", "Convergence: whole workload", "Best whole-workload "
                + r.objective().id() + " after n simulations (the first is the start mapping, the second the "
                + "combination of every node's best), relative to the scheduler's mapping.", 360, curves(r, false)));
        sections.add(new Section.Chart("gain", "Gain per node", "Default score / mapped score of each node, standalone "
                + "(above 1: cheaper than the scheduler's choice); the best candidate of its search, and what it "
                + "costs in the final mapping.", 420, gainChart(r)));
        sections.add(nodes(r, bestRun));
        sections.add(spaces(r));
        sections.add(new Section.Code("mapping", "mapping.yaml", mappingYaml, false));
        return new Page("Sparcade mapping: " + defaultRun.workload().name() + " on " + defaultRun.arch(),
                String.format(Locale.ROOT, "%s %.4fx better than the scheduler's own mapping (%s)", r.objective().id(),
                        gain, best.strategy().id()), command, null, sections, null);
    }

    private static String constraints(MapConstraints c) {
        if (!c.any()) {
            return "none";
        }
        List<String> out = new ArrayList<>();
        if (!c.pins().operators().isEmpty()) {
            out.add(c.pins().operators().size() + " operators pinned (" + c.source() + ")");
        }
        if (c.pins().fusion() != null) {
            out.add("fusion pinned");
        }
        for (MapConstraints.TileBound b : c.tileBounds()) {
            out.add((b.operator() == null ? "" : b.operator() + ".") + MapConstraints.TileBound.DIMS.charAt(b.dim())
                    + " in " + b.min() + ".." + (b.max() == Long.MAX_VALUE ? "" : b.max()));
        }
        if (!c.forbidden().isEmpty()) {
            out.add("forbidden units " + String.join(", ", c.forbidden()));
        }
        return String.join("; ", out);
    }

    private static Section whole(MapResult r, RunReport a, RunReport b) {
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(line("total cycles", a.modelCycles(), b.modelCycles()));
        rows.add(line("time (ms)", a.modelSeconds() * 1e3, b.modelSeconds() * 1e3));
        rows.add(line("energy (uJ)", a.modelEnergyPj() / 1e6, b.modelEnergyPj() / 1e6));
        rows.add(line("EDP (J s)", a.modelEnergyPj() * 1e-12 * a.modelSeconds(), b.modelEnergyPj() * 1e-12 * b.modelSeconds()));
        rows.add(line("DRAM bytes", r.defaults().dramBytes(), r.best().best().dramBytes()));
        rows.add(line("wait cycles (one run)", a.result().waitCycles(), b.result().waitCycles()));
        rows.add(line("objective: " + r.objective().id(), r.defaults().objective(), r.best().best().objective()));
        return new Section.Table("whole", "Whole workload: default vs best", "As simulate reports them; the whole model "
                + "(the graph x repeat, plus the once-per-pass operators).", List.of("", "default mapping", "best found",
                "best / default"), rows);
    }

    private static List<Cell> line(String name, double a, double b) {
        double ratio = a == 0 ? Double.NaN : b / a;
        return List.of(Cell.text(name), Cell.number(a), Cell.number(b), new Cell(Cell.number(ratio).text(),
                Double.isNaN(ratio) ? null : ratio, ratio < 1 ? Section.Tone.GOOD : ratio > 1 ? Section.Tone.BAD
                : Section.Tone.PLAIN));
    }

    private static Section changes(MapResult r, RunReport a, RunReport b) {
        List<List<Cell>> rows = new ArrayList<>();
        for (MapOutputs.Change c : MapOutputs.changes(r, a, b)) {
            rows.add(List.of(Cell.text(c.node()), new Cell(c.what(), null, Section.Tone.WRAP), Cell.text(c.from()),
                    Cell.text(c.to()), Cell.number(c.cycles()), Cell.number(c.energyPj() / 1e6),
                    new Cell(Cell.number(c.score()).text(), c.score(), c.score() < 0 ? Section.Tone.GOOD
                            : c.score() > 0 ? Section.Tone.BAD : Section.Tone.PLAIN)));
        }
        List<String> fusion = r.best().space().describe(r.best().bestPoint()).stream()
                .filter(s -> s.startsWith("fuse ") || s.startsWith("unfuse ")).toList();
        return new Section.Table("changes", "Where the difference comes from", "Every node mapped differently in the "
                + "best mapping (or costing differently because of other nodes' choices), largest saving first: "
                + "standalone cycles and energy x the node's runs, and the change of its score. Fusion: "
                + (fusion.isEmpty() ? "as the workload declares" : String.join(", ", fusion)) + ".",
                List.of("node", "change", "default", "best", "cycles", "energy (uJ)", "score change"), rows);
    }

    private static ObjectNode curves(MapResult r, boolean operators) {
        ObjectNode o = HtmlReport.json().createObjectNode();
        o.putObject("tooltip").put("trigger", "axis");
        o.putObject("legend").put("top", 0);
        ObjectNode grid = o.putObject("grid");
        grid.put("left", 10).put("right", 30).put("top", 36).put("bottom", 40).put("containLabel", true);
        o.putObject("xAxis").put("type", "value").put("name", operators ? "mappings per operator"
                : "whole-workload simulations").put("nameLocation", "middle").put("nameGap", 26).put("minInterval", 1);
        o.putObject("yAxis").put("type", "value").put("scale", true).put("name", "relative to default");
        ArrayNode series = o.putArray("series");
        for (int s = 0; s < r.runs().size(); s++) {
            MapResult.StrategyRun run = r.runs().get(s);
            double[] y = operators ? MapPlots.operatorCurve(r, run) : MapPlots.graphCurve(r, run);
            ObjectNode line = series.addObject();
            line.put("name", run.strategy().id()).put("type", "line").put("showSymbol", y.length <= 60);
            line.putObject("itemStyle").put("color", COLOURS[s % COLOURS.length]);
            ArrayNode data = line.putArray("data");
            for (int i = 0; i < y.length; i++) {
                ArrayNode p = data.addArray();
                p.add(i + 1);
                if (Double.isFinite(y[i])) {
                    p.add(y[i]);
                } else {
                    p.addNull();
                }
            }
        }
        return o;
    }

    private static ObjectNode gainChart(MapResult r) {
        MapResult.StrategyRun run = r.best();
        ObjectNode o = HtmlReport.json().createObjectNode();
        o.putObject("tooltip").put("trigger", "axis");
        o.putObject("legend").put("top", 0);
        ObjectNode grid = o.putObject("grid");
        grid.put("left", 10).put("right", 30).put("top", 36).put("bottom", 10).put("containLabel", true);
        ObjectNode x = o.putObject("xAxis");
        x.put("type", "category");
        x.putObject("axisLabel").put("rotate", 90).put("interval", 0).put("fontSize", 9);
        ArrayNode names = x.putArray("data");
        o.putObject("yAxis").put("type", "value").put("scale", true).put("name", "default / mapped");
        o.putArray("dataZoom").addObject().put("type", "inside");
        ArrayNode series = o.putArray("series");
        ObjectNode b = series.addObject();
        b.put("name", "best candidate").put("type", "bar");
        b.putObject("itemStyle").put("color", COLOURS[0]);
        ArrayNode bd = b.putArray("data");
        ObjectNode f = series.addObject();
        f.put("name", "in the final mapping").put("type", "bar");
        f.putObject("itemStyle").put("color", COLOURS[3]);
        ArrayNode fd = f.putArray("data");
        for (int i = 0; i < r.nodes().size(); i++) {
            MapResult.NodeInfo n = r.nodes().get(i);
            names.add(n.node().name());
            OperatorSearch.Eval e = run.perNode().get(i).best();
            if (e == null) {
                bd.addNull();
            } else {
                bd.add(n.defaultPrice().score() / e.price().score());
            }
            OpResult fin = run.best().op(n.node().name());
            if (fin == null) {
                fd.addNull();
            } else {
                fd.add(n.defaultPrice().score() / r.pricer().price(fin.cost(), n.weight()).score());
            }
        }
        return o;
    }

    private static Section nodes(MapResult r, RunReport bestRun) {
        MapResult.StrategyRun run = r.best();
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 0; i < r.nodes().size(); i++) {
            MapResult.NodeInfo n = r.nodes().get(i);
            OperatorSearch.Result s = run.perNode().get(i);
            OperatorSearch.Eval b = s.best();
            OperatorSearch.Eval x = s.next();
            String chosen = run.chosen(n.node().name());
            List<Cell> row = new ArrayList<>(List.of(Cell.text(n.node().name()), new Cell(n.node().work().describe(), null,
                    Section.Tone.WRAP), Cell.text(n.defaultCandidate().text()), Cell.number(n.defaultResult().cost().cycles())));
            row.add(Cell.text(b == null ? "none feasible" : b.candidate().text()));
            row.add(b == null ? Cell.text("") : Cell.number(b.cost().cycles()));
            row.add(b == null ? Cell.text("") : Cell.number(b.price().energyJ() / n.weight() * 1e6));
            row.add(b == null ? Cell.text("") : Cell.number(b.cost().utilisation()));
            row.add(Cell.text(b == null ? "" : b.cost().memoryBound() ? "memory" : "compute"));
            row.add(b == null ? Cell.text("") : Cell.number(b.cost().dramBytes()));
            row.add(b == null || b.placement().tiling() == null ? Cell.text("") : Cell.number(
                    (double) b.placement().tiling().footprintBytes() / n.space().bufferShare(b.candidate().unit())));
            row.add(gainCell(b == null ? Double.NaN : n.defaultPrice().score() / b.price().score()));
            row.add(Cell.text(x == null ? "" : x.candidate().text()));
            row.add(x == null ? Cell.text("") : Cell.number(x.cost().cycles()));
            row.add(gainCell(x == null ? Double.NaN : n.defaultPrice().score() / x.price().score()));
            row.add(Cell.text(chosen == null ? "default (no better candidate)" : chosen));
            rows.add(row);
        }
        return new Section.Table("nodes", "Per node: best and next-best mappings (" + run.strategy().id() + ")", "As in "
                + "map.csv: standalone cycles, energy (dynamic + always-on over the node's time), utilisation, bound, "
                + "DRAM bytes, buffer occupancy (tile footprint / the unit's share of its buffer) and the gain over the "
                + "scheduler's choice (default score / score).", List.of("node", "work", "default", "default cycles",
                "best", "cycles", "energy (uJ)", "utilisation", "bound", "DRAM bytes", "buffer occupancy", "gain",
                "next-best", "cycles", "gain", "final mapping takes"), rows);
    }

    private static Cell gainCell(double g) {
        if (Double.isNaN(g)) {
            return Cell.text("");
        }
        return new Cell(Cell.number(g).text(), g, g > 1 ? Section.Tone.GOOD : g < 1 ? Section.Tone.BAD : Section.Tone.PLAIN);
    }

    private static Section spaces(MapResult r) {
        List<List<Cell>> rows = new ArrayList<>();
        for (MapResult.StrategyRun run : r.runs()) {
            for (int i = 0; i < r.nodes().size(); i++) {
                MapResult.NodeInfo n = r.nodes().get(i);
                OperatorSearch.Result s = run.perNode().get(i);
                rows.add(List.of(Cell.text(run.strategy().id()), Cell.text(n.node().name()),
                        Cell.text(String.join(" ", n.space().unitOptions())), Cell.number(n.size()),
                        Cell.number(n.infeasibleInSpace()), Cell.number(n.excluded()), Cell.number(s.asks()),
                        Cell.number(s.distinct()), Cell.number((double) s.distinct() / n.size()), Cell.number(s.infeasible())));
            }
            long size = run.space().size();
            rows.add(List.of(Cell.text(run.strategy().id()), Cell.text("(workload)"), Cell.text(run.space().nodes().size()
                    + " nodes, " + run.space().fusion().size() + " fusion choices"), Cell.number(size), Cell.text(""),
                    Cell.text(""), Cell.number(run.graphAsks()), Cell.number(run.graphDistinct()),
                    Cell.number((double) run.graphDistinct() / size), Cell.number(run.graphInfeasible())));
        }
        return new Section.Table("spaces", "Map spaces", "As in mapspace.csv: per strategy and node, the distinct "
                + "candidates of the space (infeasible: the tile does not fit the unit's share of its buffer; excluded: "
                + "removed by the constraints), the mappings asked, the distinct ones evaluated and the infeasible ones "
                + "among them; the (workload) row is the workload-level space of that strategy.",
                List.of("strategy", "node", "units", "space", "infeasible", "excluded", "asked", "evaluated",
                        "fraction", "infeasible evaluated"), rows);
    }
}
