package io.sparcade.verilator.layer;

import io.sparcade.dataflow.GraphBuilder;
import io.sparcade.dataflow.OpNode;
import io.sparcade.hwsim.OperatorModel;
import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.workload.Workload;
import io.sparcade.scheduler.Firing;
import io.sparcade.scheduler.ListScheduler;
import io.sparcade.scheduler.Schedule;
import io.sparcade.verilator.RtlSimulator;
import io.sparcade.verilator.SimulationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The layer cross-check of a workload on an architecture: schedules it as {@code simulate} does, selects the
 * operators (named ones, or every one an RTL engine runs), runs each through the model and its unit's RTL
 * engine ({@link LayerCosim}), and writes {@code layer-cosim.csv}.
 */
public final class LayerCosimRun {
    /** The columns of {@code layer-cosim.csv}. */
    public static final List<String> COLUMNS = List.of("op", "unit", "simulator", "model_cycles", "rtl_cycles",
            "model_compute_cycles", "rtl_compute_cycles", "model_stall_cycles", "rtl_stall_cycles", "model_dram_bytes",
            "rtl_dram_bytes", "outputs_match", "cycle_error_pct");

    private final Architecture arch;
    private final Schedule schedule;
    private final List<Firing> selected;
    private final List<String> skipped;

    /**
     * Schedules {@code workload} and selects {@code ops} (node names, or operator names standing for all their
     * passes; empty: every node an RTL engine runs). Bad input (an unknown name, an operator no RTL engine
     * runs, nothing to run) is a {@link SpecException} naming it.
     */
    public LayerCosimRun(Architecture arch, Workload workload, Mapping mapping, String workloadSource,
                         String mappingSource, List<String> ops) {
        this.arch = arch;
        this.schedule = new ListScheduler(new OperatorModel(), mappingSource)
                .schedule(new GraphBuilder(workloadSource).build(workload), arch, mapping);
        Map<String, Firing> byNode = new LinkedHashMap<>();
        for (Firing f : schedule.firings()) {
            byNode.put(f.node().name(), f);
        }
        List<Firing> picked = new ArrayList<>();
        List<String> skip = new ArrayList<>();
        if (ops.isEmpty()) {
            for (Firing f : schedule.firings()) {
                var why = LayerCosim.unsupported(f.node(), f.placement());
                if (why.isEmpty()) {
                    picked.add(f);
                } else if (f.placement() != null) {
                    skip.add(f.node().name() + " (" + why.get() + ")");
                }
            }
            if (picked.isEmpty()) {
                throw new SpecException("--workload", "no operator of '" + workload.name() + "' runs on an RTL engine of '"
                        + arch.name() + "': " + String.join("; ", skip));
            }
        } else {
            for (String op : ops) {
                List<Firing> match = new ArrayList<>();
                if (byNode.containsKey(op)) {
                    match.add(byNode.get(op));
                } else {
                    for (Firing f : schedule.firings()) {
                        if (f.node().operator().name().equals(op)) {
                            match.add(f);
                        }
                    }
                }
                if (match.isEmpty()) {
                    throw new SpecException("--op", "no operator or pass named '" + op + "' in workload '" + workload.name()
                            + "' (nodes: " + String.join(", ", byNode.keySet()) + ")");
                }
                for (Firing f : match) {
                    var why = LayerCosim.unsupported(f.node(), f.placement());
                    if (why.isPresent()) {
                        throw new SpecException("--op", "'" + f.node().name() + "' cannot run on an RTL engine: " + why.get());
                    }
                    if (!picked.contains(f)) {
                        picked.add(f);
                    }
                }
            }
        }
        this.selected = List.copyOf(picked);
        this.skipped = List.copyOf(skip);
    }

    public List<Firing> selected() {
        return selected;
    }

    /** Nodes not run by default, each with the reason. */
    public List<String> skipped() {
        return skipped;
    }

    public Schedule schedule() {
        return schedule;
    }

    /**
     * Runs the selected operators, {@code threads} at a time (each simulation is its own process), in
     * {@code work}/&lt;op&gt;; reports each finished row to {@code progress}. Rows come back in schedule order.
     */
    public List<LayerCosim.Row> run(RtlSimulator sim, long seed, Path work, Duration timeout, int threads,
                                    Consumer<LayerCosim.Row> progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, selected.size())));
        try {
            List<Future<LayerCosim.Row>> futures = new ArrayList<>();
            for (Firing f : selected) {
                long opSeed = seed * 1_000_003L + f.node().name().hashCode();
                futures.add(pool.submit(() -> {
                    LayerCosim.Row r = LayerCosim.run(sim, f.node(), f.placement(), arch, opSeed,
                            work.resolve(f.node().name().replaceAll("[^A-Za-z0-9._-]", "_")), timeout);
                    progress.accept(r);
                    return r;
                }));
            }
            List<LayerCosim.Row> rows = new ArrayList<>();
            for (Future<LayerCosim.Row> fut : futures) {
                rows.add(fut.get());
            }
            return rows;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new SimulationException("layer run failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulationException("layer run interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes {@code dir/layer-cosim.csv} (atomically). */
    public static Path writeCsv(Path dir, List<LayerCosim.Row> rows) {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (LayerCosim.Row r : rows) {
            sb.append(String.join(",", List.of(csv(r.op()), csv(r.unit()), r.simulator(), Long.toString(r.modelCycles()),
                    Long.toString(r.rtlCycles()), Long.toString(r.modelComputeCycles()), Long.toString(r.rtlComputeCycles()),
                    Long.toString(r.modelStallCycles()), Long.toString(r.rtlStallCycles()), Long.toString(r.modelDramBytes()),
                    Long.toString(r.rtlDramBytes()), Boolean.toString(r.outputsMatch()),
                    String.format(Locale.ROOT, "%.4f", r.cycleErrorPct())))).append('\n');
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "layer-cosim", ".tmp");
            Files.writeString(tmp, sb.toString());
            Path f = dir.resolve("layer-cosim.csv");
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** One line per row for the terminal. */
    public static String table(List<LayerCosim.Row> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-22s %-8s %-9s %12s %12s %12s %12s %11s %11s %6s %8s%n",
                "op", "unit", "simulator", "model_cyc", "rtl_cyc", "model_comp", "rtl_comp", "model_dramB", "rtl_dramB",
                "match", "err_%"));
        for (LayerCosim.Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-22s %-8s %-9s %12d %12d %12d %12d %11d %11d %6s %8.4f%n", r.op(), r.unit(),
                    r.simulator(), r.modelCycles(), r.rtlCycles(), r.modelComputeCycles(), r.rtlComputeCycles(),
                    r.modelDramBytes(), r.rtlDramBytes(), r.outputsMatch(), r.cycleErrorPct()));
        }
        return sb.toString();
    }
}
