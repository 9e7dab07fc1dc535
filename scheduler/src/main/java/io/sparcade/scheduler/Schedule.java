package io.sparcade.scheduler;

import io.sparcade.dataflow.DataflowGraph;
import io.sparcade.model.arch.Architecture;
import java.util.List;
import java.util.Locale;

/**
 * A schedule: the graph's nodes in the order they are issued, each with its unit, tiling and dependencies.
 * A value that can be printed and diffed before anything is simulated.
 */
public record Schedule(Architecture architecture, DataflowGraph graph, List<Firing> firings) {
    public Schedule {
        firings = List.copyOf(firings);
    }

    /** A fixed-width table, one line per firing. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "# schedule of %s on %s: %d firings%n", graph.workload().name(),
                architecture.name(), firings.size()));
        sb.append(String.format(Locale.ROOT, "%-4s %-24s %-10s %-6s %-34s %-22s %12s %12s  %s%n", "#", "node", "unit",
                "mode", "work", "tile", "est_cycles", "priority", "after"));
        for (Firing f : firings) {
            Placement p = f.placement();
            String mode = p == null ? "-" : (f.node().work() instanceof io.sparcade.dataflow.GemmWork g && g.sparse()
                    ? (p.sparseMode() ? "sparse" : "dense") : "-");
            sb.append(String.format(Locale.ROOT, "%-4d %-24s %-10s %-6s %-34s %-22s %12d %12d  %s%n", f.index(),
                    f.node().name(), f.unitName(), mode, f.node().work().describe(),
                    p == null || p.tiling() == null ? "-" : p.tiling().toString(), f.estimatedCycles(), f.priority(),
                    f.after().isEmpty() ? "-" : String.join(",", f.after())));
        }
        return sb.toString();
    }
}
