package io.sparcade.dse.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparcade.dse.sweep.Metric;
import io.sparcade.hwsim.OpResult;
import io.sparcade.hwsim.SimulationResult;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.spec.Yaml;
import io.sparcade.reports.CsvReports;
import io.sparcade.reports.RunReport;
import io.sparcade.reports.html.HtmlReport;
import io.sparcade.scheduler.Placement;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * What {@code sparcade map} writes: {@code mapping.yaml} (the best mapping, as {@code --mapping} reads it),
 * {@code map.csv} (per node: the scheduler's default, the best and the next-best candidates of the winning
 * strategy's search, the option the final mapping takes), {@code mapspace.csv} (per strategy and node: the size of
 * the map space and how much of it was evaluated; one row per strategy for the workload level),
 * {@code summary.csv} (the default and the best mapping's runs, as {@code simulate} writes them), the plots
 * {@code convergence.png} and {@code gain.png}, and {@code report.html}. Written to a scratch directory and
 * moved into place only when everything succeeded.
 */
public final class MapOutputs {
    public static final String MAPPING_FILE = "mapping.yaml";
    public static final List<String> MAP_COLUMNS;
    public static final List<String> MAPSPACE_COLUMNS = List.of("strategy", "op", "kind", "units", "choices",
            "index_points", "space_size", "infeasible_in_space", "excluded_by_constraints", "evaluations", "evaluated",
            "evaluated_fraction", "infeasible_evaluated");
    private static final List<String> CANDIDATE_FIELDS = List.of("mapping", "unit", "dataflow", "tile", "loop_order",
            "cycles", "energy_pj", "utilisation", "bound", "dram_bytes", "buffer_bytes", "buffer_occupancy", "objective",
            "gain");

    static {
        List<String> c = new ArrayList<>(List.of("op", "operator", "pass", "work", "runs", "default_mapping",
                "default_cycles", "default_energy_pj", "default_objective"));
        for (String prefix : List.of("best_", "next_")) {
            CANDIDATE_FIELDS.forEach(f -> c.add(prefix + f));
        }
        c.addAll(List.of("chosen", "final_mapping", "final_cycles", "final_energy_pj"));
        MAP_COLUMNS = List.copyOf(c);
    }

    private MapOutputs() {
    }

    /**
     * Fails loudly when {@code simulate}'s run of a mapping differs from what the search measured for it: the
     * search and {@code simulate} are one cost model, and {@code simulate --mapping mapping.yaml} must reproduce
     * the reported numbers.
     */
    public static void checkSame(MapResult.Evaluation searched, RunReport simulated) {
        SimulationResult a = searched.main();
        SimulationResult b = simulated.result();
        boolean same = a.totalCycles() == b.totalCycles() && a.energyPj() == b.energyPj()
                && (searched.perPass() == null) == (simulated.perPass() == null)
                && (searched.perPass() == null || (searched.perPass().totalCycles() == simulated.perPass().totalCycles()
                && searched.perPass().energyPj() == simulated.perPass().energyPj()));
        if (!same) {
            throw new IllegalStateException("the search measured " + a.totalCycles() + " cycles and " + a.energyPj()
                    + " pJ for a mapping that simulate runs in " + b.totalCycles() + " cycles and " + b.energyPj() + " pJ");
        }
    }

    /** Writes every output into {@code out}; returns the files written. */
    public static List<Path> write(Path out, MapResult r, RunReport defaultRun, RunReport bestRun, String command)
            throws IOException {
        Files.createDirectories(out);
        Path scratch = Files.createTempDirectory(out, ".partial-");
        try {
            String yaml = mappingYaml(r, command);
            Files.writeString(scratch.resolve(MAPPING_FILE), yaml, StandardCharsets.UTF_8);
            writeMapCsv(scratch.resolve("map.csv"), r, bestRun);
            writeMapspaceCsv(scratch.resolve("mapspace.csv"), r);
            String run = RunReport.runId(defaultRun.arch(), defaultRun.workload().name());
            CsvReports.writeSummary(scratch.resolve("summary.csv"), List.of(
                    new RunReport(run + ".default", defaultRun.workload(), defaultRun.result(), defaultRun.dense(), defaultRun.perPass()),
                    new RunReport(run + ".best", bestRun.workload(), bestRun.result(), bestRun.dense(), bestRun.perPass())));
            MapPlots.convergence(r, scratch.resolve("convergence.png"));
            MapPlots.gain(r, scratch.resolve("gain.png"));
            HtmlReport.write(MapPage.page(r, defaultRun, bestRun, yaml, command), scratch.resolve(HtmlReport.FILE));
            List<Path> written = new ArrayList<>();
            try (Stream<Path> files = Files.list(scratch)) {
                for (Path f : files.sorted().toList()) {
                    Path target = out.resolve(f.getFileName());
                    Files.move(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    written.add(target);
                }
            }
            return written;
        } finally {
            try (Stream<Path> walk = Files.walk(scratch)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The best mapping as YAML (fields that are not set left out), with a comment saying what it is. */
    public static String mappingYaml(MapResult r, String command) {
        MapResult.StrategyRun best = r.best();
        StringBuilder b = new StringBuilder();
        b.append("# The best mapping ").append(command == null ? "sparcade map" : command).append(" found\n");
        b.append(String.format(Locale.ROOT, "# (strategy %s, objective %s = %.6g; the scheduler's own mapping: %.6g).%n",
                best.strategy().id(), r.objective().id(), best.best().objective(), r.defaults().objective()));
        b.append("# Operators not listed are placed by the scheduler. Reproduce with: sparcade simulate ... --mapping <this file>\n");
        return b + yamlOf(best.best().mapping());
    }

    /** A mapping as YAML without null fields; {@code Specs.mapping} reads it back to the same value. */
    public static String yamlOf(Mapping m) {
        JsonNode tree = Yaml.toTree(m);
        stripNulls(tree);
        if (tree instanceof ObjectNode o && !o.has("operators")) {
            o.putObject("operators");
        }
        return Yaml.write(tree);
    }

    private static void stripNulls(JsonNode n) {
        if (n instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNull()) {
                    it.remove();
                } else {
                    stripNulls(e.getValue());
                }
            }
        } else if (n instanceof ArrayNode a) {
            a.forEach(MapOutputs::stripNulls);
        }
    }

    static void writeMapCsv(Path file, MapResult r, RunReport bestRun) throws IOException {
        MapResult.StrategyRun run = r.best();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(MAP_COLUMNS.toArray(String[]::new)).get())) {
            for (int i = 0; i < r.nodes().size(); i++) {
                MapResult.NodeInfo n = r.nodes().get(i);
                OperatorSearch.Result s = run.perNode().get(i);
                List<Object> row = new ArrayList<>();
                row.add(n.node().name());
                row.add(n.node().operator().name());
                row.add(n.node().pass().id());
                row.add(n.node().work().describe());
                row.add(n.weight());
                row.add(n.defaultCandidate().text());
                row.add(n.defaultResult().cost().cycles());
                row.add(num(n.defaultPrice().energyJ() / n.weight() * 1e12));
                row.add(num(n.defaultPrice().score()));
                candidate(row, n, s.best());
                candidate(row, n, s.next());
                String chosen = run.chosen(n.node().name());
                row.add(chosen == null ? (s.best() == null ? "none feasible" : "default (no better candidate)") : chosen);
                OpResult fin = finalResult(bestRun, n.node().name());
                Placement fp = fin == null ? null : fin.firing().placement();
                row.add(fp == null ? "" : Mapper.candidateOf(fp, r.pricer().arch()).text());
                row.add(fin == null ? "" : fin.cost().cycles());
                row.add(fin == null ? "" : num(r.pricer().price(fin.cost(), 1).energyJ() * 1e12));
                p.printRecord(row);
            }
        }
    }

    static OpResult finalResult(RunReport run, String node) {
        for (SimulationResult s : run.perPass() == null ? List.of(run.result()) : List.of(run.result(), run.perPass())) {
            for (OpResult o : s.ops()) {
                if (o.name().equals(node)) {
                    return o;
                }
            }
        }
        return null;
    }

    private static void candidate(List<Object> row, MapResult.NodeInfo n, OperatorSearch.Eval e) {
        if (e == null) {
            CANDIDATE_FIELDS.forEach(f -> row.add(""));
            return;
        }
        OpCandidate c = e.candidate();
        row.add(c.text());
        row.add(c.unit());
        row.add(c.dataflow() == null ? "" : c.dataflow().id());
        row.add(c.tile() == null ? "" : c.tile().toString());
        row.add(c.loopOrder() == null ? "" : c.loopOrder().id());
        row.add(e.cost().cycles());
        row.add(num(e.price().energyJ() / n.weight() * 1e12));
        row.add(num(e.cost().utilisation()));
        row.add(e.cost().memoryBound() ? "memory" : "compute");
        row.add(e.cost().dramBytes());
        long footprint = e.placement().tiling() == null ? 0 : e.placement().tiling().footprintBytes();
        row.add(e.placement().tiling() == null ? "" : footprint);
        row.add(e.placement().tiling() == null ? "" : num((double) footprint / n.space().bufferShare(c.unit())));
        row.add(num(e.price().score()));
        row.add(num(n.defaultPrice().score() / e.price().score()));
    }

    static void writeMapspaceCsv(Path file, MapResult r) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(MAPSPACE_COLUMNS.toArray(String[]::new)).get())) {
            for (MapResult.StrategyRun run : r.runs()) {
                for (int i = 0; i < r.nodes().size(); i++) {
                    MapResult.NodeInfo n = r.nodes().get(i);
                    OperatorSearch.Result s = run.perNode().get(i);
                    p.printRecord(run.strategy().id(), n.node().name(), n.space().gemm() ? "gemm" : "unit only",
                            String.join(" ", n.space().unitOptions()), choices(n.space().sizes()),
                            n.space().indexPoints(), n.size(), n.infeasibleInSpace(), n.excluded(), s.asks(), s.distinct(),
                            num((double) s.distinct() / n.size()), s.infeasible());
                }
                GraphSpace g = run.space();
                long size = g.size();
                p.printRecord(run.strategy().id(), "(workload)", "workload", "", choices(g.sizes()), size, size, "", "",
                        run.graphAsks(), run.graphDistinct(), num((double) run.graphDistinct() / size), run.graphInfeasible());
            }
        }
    }

    private static String choices(int[] sizes) {
        if (sizes.length == 0) {
            return "1";
        }
        StringBuilder b = new StringBuilder();
        for (int s : sizes) {
            b.append(b.length() == 0 ? "" : "x").append(s);
        }
        return b.toString();
    }

    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(7)).stripTrailingZeros().toString();
    }

    /** One node's difference between two runs: what changed in its mapping, and by how much it moved. */
    public record Change(String node, String from, String to, String what, long cycles, double energyPj, double score) {
    }

    /**
     * Per node, the default run against the best one, largest saving of the objective first (the node's
     * standalone cost, priced as in the search): what made the whole workload's difference.
     */
    public static List<Change> changes(MapResult r, RunReport defaultRun, RunReport bestRun) {
        List<Change> out = new ArrayList<>();
        for (MapResult.NodeInfo n : r.nodes()) {
            OpResult a = n.defaultResult();
            OpResult b = finalResult(bestRun, n.node().name());
            if (b == null || b.firing().placement() == null) {
                continue;
            }
            OpCandidate ca = Mapper.candidateOf(a.firing().placement(), r.pricer().arch());
            OpCandidate cb = Mapper.candidateOf(b.firing().placement(), r.pricer().arch());
            String what = what(ca, cb, a.firing().placement(), b.firing().placement());
            OpPricer.Price pa = r.pricer().price(a.cost(), n.weight());
            OpPricer.Price pb = r.pricer().price(b.cost(), n.weight());
            if (what.isEmpty() && a.cost().cycles() == b.cost().cycles() && pa.energyJ() == pb.energyJ()) {
                continue;
            }
            out.add(new Change(n.node().name(), ca.text(), cb.text(), what.isEmpty() ? "context (other nodes' choices)" : what,
                    (b.cost().cycles() - a.cost().cycles()) * n.weight(), (pb.energyJ() - pa.energyJ()) * 1e12,
                    pb.score() - pa.score()));
        }
        out.sort(Comparator.comparingDouble(Change::score));
        return out;
    }

    private static String what(OpCandidate a, OpCandidate b, Placement pa, Placement pb) {
        List<String> w = new ArrayList<>();
        if (!a.unit().equals(b.unit())) {
            w.add("unit " + a.unit() + " -> " + b.unit());
        }
        if (a.dataflow() != null && b.dataflow() != null && a.dataflow() != b.dataflow()) {
            w.add("dataflow " + a.dataflow().id() + " -> " + b.dataflow().id());
        }
        if (a.tile() != null && b.tile() != null && !a.tile().equals(b.tile())) {
            w.add("tile " + a.tile() + " -> " + b.tile());
        }
        if (a.loopOrder() != null && b.loopOrder() != null && a.loopOrder() != b.loopOrder()) {
            w.add("loop order " + a.loopOrder().id() + " -> " + b.loopOrder().id());
        }
        if (!pa.onChip().equals(pb.onChip())) {
            w.add(pb.onChip().any() && !pa.onChip().any() ? "fused" : !pb.onChip().any() ? "unfused" : "on-chip tensors changed");
        }
        return String.join(", ", w);
    }

    /** The summary printed by {@code sparcade map}: default and best side by side, and where the gain comes from. */
    public static void summary(PrintWriter o, MapResult r, RunReport defaultRun, RunReport bestRun) {
        MapResult.StrategyRun best = r.best();
        o.printf(Locale.ROOT, "%s on %s: mapping search minimising %s (%s)%n", defaultRun.workload().name(),
                defaultRun.arch(), r.objective().id(), describe(r.objective()));
        o.printf(Locale.ROOT, "  %-20s %18s %18s %12s%n", "", "default mapping", "best found", "best/default");
        row(o, "total cycles", defaultRun.modelCycles(), bestRun.modelCycles(), "%,18d");
        row(o, "time (ms)", defaultRun.modelSeconds() * 1e3, bestRun.modelSeconds() * 1e3, "%18.6g");
        row(o, "energy (uJ)", defaultRun.modelEnergyPj() / 1e6, bestRun.modelEnergyPj() / 1e6, "%18.6g");
        row(o, "EDP (J s)", defaultRun.modelEnergyPj() * 1e-12 * defaultRun.modelSeconds(),
                bestRun.modelEnergyPj() * 1e-12 * bestRun.modelSeconds(), "%18.6g");
        long da = defaultRun.result().dramBytes() * defaultRun.workload().repeat() + (defaultRun.perPass() == null ? 0 : defaultRun.perPass().dramBytes());
        long db = bestRun.result().dramBytes() * bestRun.workload().repeat() + (bestRun.perPass() == null ? 0 : bestRun.perPass().dramBytes());
        row(o, "DRAM bytes", da, db, "%,18d");
        double gain = r.defaults().objective() / best.best().objective();
        o.printf(Locale.ROOT, "  %s: %.6g -> %.6g, %s%n", r.objective().id(), r.defaults().objective(),
                best.best().objective(), gain >= 1 ? String.format(Locale.ROOT, "%.4fx better (%.2f %% less)", gain,
                        100 * (1 - 1 / gain)) : String.format(Locale.ROOT, "%.4fx WORSE than the scheduler's own "
                        + "(the constraints force it)", 1 / gain));
        List<Change> changes = changes(r, defaultRun, bestRun);
        List<String> fusion = best.space().describe(best.bestPoint()).stream().filter(s -> s.startsWith("fuse ")
                || s.startsWith("unfuse ")).toList();
        if (changes.isEmpty() && fusion.isEmpty()) {
            o.println("  where it comes from: nowhere; the scheduler's own mapping is the best found");
        } else {
            long improved = changes.stream().filter(c -> c.score() < 0).count();
            o.printf(Locale.ROOT, "  where it comes from: %d nodes mapped differently%s; largest savings (standalone, "
                    + "x runs):%n", changes.size(), fusion.isEmpty() ? "" : ", fusion: " + String.join(", ", fusion));
            for (Change c : changes.subList(0, (int) Math.min(changes.size(), Math.max(1, Math.min(8, improved))))) {
                o.printf(Locale.ROOT, "    %-22s %-48s %+,14d cycles %+12.4g uJ%n", c.node(), c.what(), c.cycles(),
                        c.energyPj() / 1e6);
            }
        }
        int ops = r.nodes().size();
        long spaceTotal = r.nodes().stream().mapToLong(MapResult.NodeInfo::size).sum();
        long evaluated = best.perNode().stream().mapToLong(OperatorSearch.Result::distinct).sum();
        long infeasible = best.perNode().stream().mapToLong(OperatorSearch.Result::infeasible).sum();
        o.printf(Locale.ROOT, "  search: %s (best of %s): %d nodes, %,d candidate mappings in their spaces, %,d "
                        + "evaluated (%d infeasible); %d whole-workload simulations (%d refused); %.1f s%n",
                best.strategy().id(), String.join(", ", r.runs().stream().map(s -> s.strategy().id()).toList()), ops,
                spaceTotal, evaluated, infeasible, best.graphAsks(), best.graphInfeasible(), r.seconds());
    }

    private static void row(PrintWriter o, String name, double a, double b, String fmt) {
        String fa = fmt.contains("d") ? String.format(Locale.ROOT, fmt, (long) a) : String.format(Locale.ROOT, fmt, a);
        String fb = fmt.contains("d") ? String.format(Locale.ROOT, fmt, (long) b) : String.format(Locale.ROOT, fmt, b);
        o.printf(Locale.ROOT, "  %-20s %s %s %12.4f%n", name, fa, fb, a == 0 ? Double.NaN : b / a);
    }

    static String describe(Metric m) {
        return switch (m) {
            case LATENCY -> "time of the whole model";
            case ENERGY -> "energy of the whole model";
            default -> "energy-delay product of the whole model";
        };
    }
}
