package io.sparcade.reports;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.hwsim.OpCost;
import io.sparcade.hwsim.OpResult;
import io.sparcade.hwsim.SimulationResult;
import io.sparcade.model.spec.Yaml;
import io.sparcade.reports.html.Page;
import io.sparcade.reports.html.Section;
import io.sparcade.reports.html.Section.Cell;
import io.sparcade.reports.html.View;
import io.sparcade.scheduler.Placement;
import io.sparcade.scheduler.TilePlan;
import io.sparcade.scheduler.Tiler;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The HTML report of one or more simulated runs ({@code simulate}, {@code demo}): a summary table of every run,
 * and for the run chosen on the page its per-unit timeline, latency and energy per node, the dense-vs-sparse
 * comparison, a table of the nodes, and the specs that ran (as YAML) with the command.
 */
public final class RunPage {
    private RunPage() {
    }

    /** What the page's script reads: every run with both its modes. */
    public record Data(List<RunData> runs) {
    }

    /**
     * One run.
     *
     * @param run      run id
     * @param arch     architecture name
     * @param workload workload name
     * @param training whether the workload is a training step (passes shown in the legend)
     * @param main     the run as specified
     * @param dense    its dense baseline, or null
     */
    public record RunData(String run, String arch, String workload, boolean training, ModeData main, ModeData dense) {
    }

    /**
     * One simulation of a run (the run itself or its dense baseline).
     *
     * @param mode "sparse" when the overlay was applied, else "dense"
     */
    public record ModeData(String mode, double clockMhz, long totalCycles, double timeUs, double energyPj,
                           double dynamicEnergyPj, double staticEnergyPj, long dramBytes, long macsIssued,
                           long macsUseful, long stallCycles, List<String> units, List<OpData> ops) {
    }

    /**
     * One node: where and when it ran and what it cost.
     *
     * @param unit        the unit, or null for a view (reshape) that needs none
     * @param kind        the kind of work (gemm, softmax, top-k, ...), for colours
     * @param sparseMode  "sparse" or "dense" for an N:M GEMM (whether the unit exploits the pattern), else null
     * @param tiles       the tile grid of a GEMM-like node ("3x1x4 tiles (m x k x n) of m64 k128 n64, loop mn"), else null
     * @param bound       "compute" or "memory", null for a view
     * @param energyParts dynamic energy in pJ by compute, on-chip buffer, DRAM, compare + mux
     * @param waitCycles  cycles beyond its standalone cost: sharing DRAM or its unit, or waiting for a producer
     */
    public record OpData(String name, String operator, String pass, String kind, String work, String unit,
                         String sparseMode, long start, long end, long cycles, long computeCycles, long memoryCycles,
                         long stallCycles, String bound, long macsIssued, long macsUseful, double utilisation,
                         long dramBytes, long bufferReadBytes, long bufferWriteBytes, double energyPj,
                         double[] energyParts, String tiles, String detail, long waitCycles) {
    }

    /**
     * The page.
     *
     * @param runs    the runs, in the order of summary.csv
     * @param command the exact command, or null
     * @param mapping the mapping YAML the runs used, or null when the scheduler decided alone
     */
    public static Page page(List<RunReport> runs, String command, String mapping) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a run report needs at least one run");
        }
        List<Section> sections = new ArrayList<>();
        sections.add(new Section.Panel("picker", null, null));
        sections.add(summary(runs));
        sections.add(new Section.Chart("timeline", "Timeline per unit", "One lane per unit, one bar per node from its "
                + "start to its end cycle, coloured by the kind of work. Hover a bar for the node; drag the slider or "
                + "scroll on the chart to zoom.", 320, null));
        sections.add(new Section.Chart("latency", "Latency per node", null, 420, null));
        sections.add(new Section.Chart("energy", "Energy per node", "Dynamic energy of each node's counted actions, "
                + "priced by " + runs.get(0).result().energyTable().name() + "; static energy is power x time over the whole run.",
                420, null));
        if (runs.stream().anyMatch(r -> r.dense() != null)) {
            sections.add(new Section.Chart("comparison", "Sparse vs dense", "The same workload without its sparsity "
                    + "overlay, on the same architecture and mapping.", 420, null));
        }
        sections.add(new Section.Panel("ops", "Nodes", null));
        for (RunReport r : runs) {
            StringBuilder spec = new StringBuilder();
            spec.append("# architecture, as simulated (after --set overrides)\n")
                    .append(Yaml.write(r.result().schedule().architecture()).replaceFirst("^---\\n", ""));
            spec.append("---\n# workload, as simulated (parameters applied")
                    .append(r.dense() != null ? "; the dense baseline drops the sparsity section" : "")
                    .append(")\n").append(Yaml.write(r.workload()).replaceFirst("^---\\n", ""));
            if (mapping != null) {
                spec.append("---\n# mapping\n").append(mapping.replaceFirst("^---\\n", ""));
            }
            sections.add(new Section.Code("spec-" + r.run().replaceAll("[^A-Za-z0-9_-]", "_"),
                    "Spec that ran: " + r.run(), spec.toString(), false));
        }
        String title = runs.size() == 1 ? "Sparcade run: " + runs.get(0).workload().name() + " on " + runs.get(0).arch()
                : "Sparcade runs: " + runs.size() + " simulations";
        String subtitle = runs.stream().map(RunReport::run).collect(Collectors.joining(", "));
        return new Page(title, subtitle, command, View.RUN, sections,
                new Data(runs.stream().map(RunPage::data).toList()));
    }

    private static Section summary(List<RunReport> runs) {
        List<String> cols = List.of("run", "mode", "cycles", "time (us)", "energy (uJ)", "power (W)", "DRAM (MB)",
                "useful MACs", "issued MACs", "stall cycles", "wait cycles", "speedup vs dense", "energy saving vs dense",
                "DRAM reduction vs dense", "DRAM bandwidth use", "tokens/s");
        List<List<Cell>> rows = new ArrayList<>();
        for (RunReport r : runs) {
            SimulationResult s = r.result();
            rows.add(List.of(Cell.text(r.run()), Cell.text(r.workload().hasSparsity() ? "sparse" : "dense"),
                    Cell.number(s.totalCycles()), Cell.number(s.seconds() * 1e6), Cell.number(s.energyPj() / 1e6),
                    Cell.number(s.averagePowerW()), Cell.number(s.dramBytes() / 1e6), Cell.number(s.macsUseful()),
                    Cell.number(s.macsIssued()), Cell.number(s.stallCycles()), Cell.number(s.waitCycles()),
                    Cell.number(r.speedupVsDense()), Cell.number(r.energySavingVsDense()),
                    Cell.number(r.dramReductionVsDense()), Cell.number(r.dramBandwidthUtilisation()),
                    Cell.number(r.tokensPerSecond())));
        }
        return new Section.Table("summary", "Summary", "One row per run, as in summary.csv (one run of the graph; "
                + "tokens/s over the whole model). Click a heading to sort.", cols, rows);
    }

    static RunData data(RunReport r) {
        return new RunData(r.run(), r.arch(), r.workload().name(), r.workload().training(),
                mode(r.workload().hasSparsity() ? "sparse" : "dense", r.result()),
                r.dense() == null ? null : mode("dense", r.dense()));
    }

    private static ModeData mode(String mode, SimulationResult s) {
        List<String> units = new ArrayList<>();
        List<OpData> ops = new ArrayList<>();
        for (OpResult o : s.ops()) {
            Placement p = o.firing().placement();
            if (p != null && !units.contains(o.unit())) {
                units.add(o.unit());
            }
            OpCost c = o.cost();
            double[] parts = Plots.energyParts(s, o);
            boolean gemmSparse = o.firing().node().work() instanceof GemmWork g && g.sparse();
            ops.add(new OpData(o.name(), o.firing().node().operator().name(), o.firing().node().pass().id(),
                    Plots.kindOf(o), o.firing().node().work().describe(), p == null ? null : o.unit(),
                    p == null || !gemmSparse ? null : (p.sparseMode() ? "sparse" : "dense"), o.startCycle(),
                    o.endCycle(), c.cycles(), c.computeCycles(), c.memoryCycles(), c.stallCycles(),
                    p == null ? null : (c.memoryBound() ? "memory" : "compute"), c.macsIssued(), c.macsUseful(),
                    c.utilisation(), c.dramBytes(), c.bufferReadBytes(), c.bufferWriteBytes(), o.energyPj(), parts,
                    tiles(o), c.detail(), o.waitCycles()));
        }
        return new ModeData(mode, s.schedule().architecture().clockMhz(), s.totalCycles(), s.seconds() * 1e6,
                s.energyPj(), s.dynamicEnergyPj(), s.staticEnergyPj(), s.dramBytes(), s.macsIssued(), s.macsUseful(),
                s.stallCycles(), units, ops);
    }

    /**
     * The tile grid of a tiled GEMM-like node, e.g. "3x1x4 tiles (m x k x n) of m64 k128 n64, loop mn" (with the
     * batch in front when there is one), else null. Under a causal mask the grid's masked tiles are skipped.
     */
    static String tiles(OpResult o) {
        Placement p = o.firing().placement();
        if (p == null || p.tiling() == null || !(o.firing().node().work() instanceof GemmWork w)) {
            return null;
        }
        TilePlan t = p.tiling();
        long[] dims = Tiler.dims(w, p.sparseMode());
        long tm = ceilDiv(dims[0], t.tile().m());
        long tk = ceilDiv(dims[1], t.tile().k());
        long tn = ceilDiv(dims[2], t.tile().n());
        return (w.batch() > 1 ? w.batch() + " x " : "") + tm + "x" + tk + "x" + tn + " tiles (m x k x n) of m"
                + t.tile().m() + " k" + t.tile().k() + " n" + t.tile().n() + ", loop " + t.loopOrder().id()
                + (w.causal() != null ? "; causal mask: tiles above the diagonal skipped" : "");
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
