package io.sparcade.hwsim;

import io.sparcade.dataflow.DataflowGraph;
import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OpNode;
import io.sparcade.dataflow.VectorWork;
import io.sparcade.dataflow.ViewWork;
import io.sparcade.hwsim.energy.ActionCounts;
import io.sparcade.hwsim.energy.EnergyTable;
import io.sparcade.hwsim.memory.DramModel;
import io.sparcade.hwsim.power.PowerModel;
import io.sparcade.model.arch.Architecture;
import io.sparcade.scheduler.Firing;
import io.sparcade.scheduler.Schedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulates a schedule as a rate-based (fluid) event simulation (STYLE.md §16). Each node is a flow with its
 * standalone cost from its block model: T0 cycles at full speed (its tile pipeline at the whole memory
 * bandwidth) and D bytes of off-chip traffic. At every event (a node starts or finishes, a streaming consumer
 * catches up with its producer, a producer's first chunk is out) the shared resources are re-split among the
 * running flows, max-min fair on each flow's speed (its fraction of full speed):
 * <ul>
 *   <li>off-chip bandwidth: the flows' demands (D/T0 bytes per cycle at full speed, times their speed) sum to
 *       at most the memory's achieved bytes per cycle, so bandwidth is split in proportion to demand;</li>
 *   <li>a unit runs one node at a time, in schedule order; nodes of one fusion group or pipeline on the same
 *       unit interleave, their speeds summing to at most 1;</li>
 *   <li>a consumer that streams from a producer (same fusion group or declared pipeline, see
 *       {@link DataflowGraph#streams}) may start once the producer's first chunk (tile, row) exists, and never
 *       gets ahead of the chunks the producer has finished; other edges are barriers.</li>
 * </ul>
 * A node alone with the whole memory runs at full speed and takes exactly its T0, so a single layer's cycles are
 * its block model's. Time lost to sharing or to waiting for a producer is the node's {@code waitCycles}.
 * Energy: the counted actions priced by the energy table, plus always-on power ({@link PowerModel}) over the
 * makespan.
 */
public final class Simulator {
    private static final double EPS = 1e-9;
    private final OperatorModel model;
    private final EnergyTable energy;

    /** @param energy the table pricing every run's actions; null: each architecture's own default table */
    public Simulator(OperatorModel model, EnergyTable energy) {
        this.model = model;
        this.energy = energy;
    }

    public Simulator(OperatorModel model) {
        this(model, null);
    }

    public SimulationResult run(Schedule schedule) {
        Architecture arch = schedule.architecture();
        EnergyTable table = energy != null ? energy : EnergyTable.forArchitecture(arch);
        List<Firing> firings = schedule.firings();
        int n = firings.size();
        OpCost[] cost = new OpCost[n];
        for (int i = 0; i < n; i++) {
            cost[i] = model.cost(firings.get(i).node(), firings.get(i).placement(), arch);
        }
        double[][] times = new Fluid(schedule, cost, new DramModel(arch.dram(), arch.clockMhz()).bytesPerCycle()).run();
        List<OpResult> results = new ArrayList<>();
        ActionCounts all = ActionCounts.NONE;
        double dynamic = 0;
        long makespan = 0;
        for (int i = 0; i < n; i++) {
            long start = (long) Math.floor(times[0][i] + 1e-6);
            long end = Math.max(start, (long) Math.ceil(times[1][i] - 1e-6));
            double e = table.price(cost[i].actions(), arch);
            dynamic += e;
            all = all.plus(cost[i].actions());
            makespan = Math.max(makespan, end);
            long wait = Math.max(0, end - start - cost[i].cycles());
            results.add(new OpResult(firings.get(i), start, end, cost[i], e, wait));
        }
        PowerModel power = PowerModel.of(arch, table, EnergyTable.Bound.NOMINAL);
        double seconds = makespan / (arch.clockMhz() * 1e6);
        double staticPj = power.totalW() * seconds * 1e12;
        return new SimulationResult(schedule, results, makespan, dynamic, staticPj, all, table, power);
    }

    /** The event loop: start and end time of every firing. */
    private static final class Fluid {
        private final int n;
        private final double[] t0;          // standalone cycles
        private final double[] demand;      // off-chip bytes per cycle at full speed
        private final double bandwidth;
        private final int[] unit;           // unit index, -1 for views
        private final int[][] barrier;      // deps that must finish first
        private final int[][] stream;       // deps it streams from
        private final double[] chunk;       // fraction of a node's output in its first chunk
        private final int[] prevOnUnit;     // the firing before it on its unit that it must wait for (-1: none)
        private final boolean[][] coUnit;   // nodes of its group it may interleave with on its unit
        private final List<List<Integer>> groupMates;
        private final double[] progress;
        private final double[] start;
        private final double[] end;
        private final boolean[] running;
        private final boolean[] done;
        private final double[] speed;

        Fluid(Schedule schedule, OpCost[] cost, double bandwidth) {
            List<Firing> f = schedule.firings();
            DataflowGraph g = schedule.graph();
            n = f.size();
            this.bandwidth = bandwidth;
            t0 = new double[n];
            demand = new double[n];
            unit = new int[n];
            chunk = new double[n];
            barrier = new int[n][];
            stream = new int[n][];
            prevOnUnit = new int[n];
            coUnit = new boolean[n][];
            groupMates = new ArrayList<>();
            progress = new double[n];
            start = new double[n];
            end = new double[n];
            running = new boolean[n];
            done = new boolean[n];
            speed = new double[n];
            Map<String, Integer> index = new HashMap<>();
            Map<String, Integer> units = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Firing fi = f.get(i);
                index.put(fi.node().name(), i);
                t0[i] = cost[i].cycles();
                demand[i] = t0[i] > 0 ? cost[i].dramBytes() / t0[i] : 0;
                unit[i] = fi.placement() == null ? -1 : units.computeIfAbsent(fi.unitName(), u -> units.size());
                chunk[i] = 1.0 / chunks(fi, cost[i]);
            }
            int[] lastOnUnit = new int[units.size()];
            Arrays.fill(lastOnUnit, -1);
            for (int i = 0; i < n; i++) {
                Firing fi = f.get(i);
                List<Integer> b = new ArrayList<>();
                List<Integer> s = new ArrayList<>();
                for (String dep : fi.after()) {
                    int j = index.get(dep);
                    for (int src : streamSources(j, f, index, g)) {
                        if (src >= 0 && g.streams(f.get(src).node(), fi.node())) {
                            s.add(src);
                        } else {
                            b.add(src >= 0 ? src : j);
                        }
                    }
                }
                barrier[i] = b.stream().distinct().mapToInt(Integer::intValue).toArray();
                stream[i] = s.stream().distinct().mapToInt(Integer::intValue).toArray();
                prevOnUnit[i] = -1;
                if (unit[i] >= 0) {
                    // wait for the previous firing on the unit unless both are of one fusion group or pipeline
                    int p = lastOnUnit[unit[i]];
                    while (p >= 0 && streamGroup(f.get(p).node(), fi.node(), g)) {
                        p = prevOnUnit[p];
                    }
                    prevOnUnit[i] = p;
                    lastOnUnit[unit[i]] = i;
                }
            }
        }

        private static boolean streamGroup(OpNode a, OpNode b, DataflowGraph g) {
            return a.pass() == b.pass() && g.workload().streamTogether(a.operator().name(), b.operator().name());
        }

        /**
         * The real producers behind a dependency: a view (reshape) passes its own producers through; -1 for a
         * view without producers.
         */
        private static List<Integer> streamSources(int j, List<Firing> f, Map<String, Integer> index, DataflowGraph g) {
            if (!(f.get(j).node().work() instanceof ViewWork)) {
                return List.of(j);
            }
            List<Integer> out = new ArrayList<>();
            for (String dep : f.get(j).after()) {
                out.addAll(streamSources(index.get(dep), f, index, g));
            }
            return out.isEmpty() ? List.of(-1) : out;
        }

        /** Chunks a node's output appears in: output tiles of a GEMM, rows of a vector op. */
        private static double chunks(Firing f, OpCost c) {
            if (f.node().work() instanceof GemmWork w && f.placement() != null && f.placement().tiling() != null) {
                var t = f.placement().tiling().tile();
                double tm = Math.ceil((double) w.m() / t.m());
                double tn = Math.ceil((double) w.n() / t.n());
                return Math.max(1, w.batch() * tm * tn);
            }
            if (f.node().work() instanceof VectorWork v) {
                return v.chunks();
            }
            return 1;
        }

        double[][] run() {
            double now = 0;
            int finished = 0;
            int guard = 0;
            while (finished < n) {
                if (++guard > 20L * n + 1000) {
                    throw new IllegalStateException("fluid simulation did not converge after " + guard + " events");
                }
                // start every eligible node; zero-length nodes finish at once
                boolean changed = true;
                while (changed) {
                    changed = false;
                    for (int i = 0; i < n; i++) {
                        if (!running[i] && !done[i] && eligible(i)) {
                            start[i] = now;
                            if (t0[i] <= 0) {
                                if (allStreamsDone(i)) {
                                    done[i] = true;
                                    end[i] = now;
                                    progress[i] = 1;
                                    finished++;
                                    changed = true;
                                }
                            } else {
                                running[i] = true;
                                changed = true;
                            }
                        }
                    }
                }
                if (finished == n) {
                    break;
                }
                allocate();
                double dt = Double.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    if (!running[i]) {
                        continue;
                    }
                    double r = speed[i] / t0[i];
                    if (r > 0) {
                        dt = Math.min(dt, (1 - progress[i]) / r);
                    }
                    for (int j : stream[i]) {
                        if (done[j]) {
                            continue;
                        }
                        double rj = running[j] ? speed[j] / t0[j] : 0;
                        double gap = progress[j] - chunk[j] - progress[i];
                        if (r > rj + EPS && gap > EPS) {
                            dt = Math.min(dt, gap / (r - rj));
                        }
                    }
                    // a producer's first chunk completing may let a waiting consumer start
                    if (r > 0 && progress[i] < chunk[i]) {
                        dt = Math.min(dt, (chunk[i] - progress[i]) / r);
                    }
                }
                if (!(dt < Double.POSITIVE_INFINITY)) {
                    throw new IllegalStateException("fluid simulation stalled at cycle " + now + " with "
                            + (n - finished) + " nodes left");
                }
                now += dt;
                for (int i = 0; i < n; i++) {
                    if (running[i]) {
                        progress[i] = Math.min(1, progress[i] + speed[i] / t0[i] * dt);
                        if (1 - progress[i] <= 1e-9) {
                            progress[i] = 1;
                            running[i] = false;
                            done[i] = true;
                            end[i] = now;
                            finished++;
                        }
                    }
                }
            }
            return new double[][] {start, end};
        }

        private boolean allStreamsDone(int i) {
            for (int j : stream[i]) {
                if (!done[j]) {
                    return false;
                }
            }
            return true;
        }

        private boolean eligible(int i) {
            for (int j : barrier[i]) {
                if (!done[j]) {
                    return false;
                }
            }
            for (int j : stream[i]) {
                if (!done[j] && progress[j] < chunk[j] - EPS) {
                    return false;
                }
            }
            return prevOnUnit[i] < 0 || done[prevOnUnit[i]];
        }

        /** Max-min fair speeds under the unit, bandwidth and streaming constraints (progressive filling). */
        private void allocate() {
            double[] cap = new double[n];
            for (int i = 0; i < n; i++) {
                cap[i] = running[i] ? 1 : 0;
            }
            for (int iter = 0; iter < 50; iter++) {
                fill(cap);
                boolean moved = false;
                for (int i = 0; i < n; i++) {
                    if (!running[i]) {
                        continue;
                    }
                    double c = 1;
                    for (int j : stream[i]) {
                        if (done[j]) {
                            continue;
                        }
                        // caught up with the producer's finished chunks: go no faster than it
                        if (progress[i] >= progress[j] - chunk[j] - 1e-9) {
                            double rj = running[j] ? speed[j] / t0[j] : 0;
                            c = Math.min(c, rj * t0[i]);
                        }
                    }
                    c = Math.max(0, Math.min(1, c));
                    if (Math.abs(c - cap[i]) > 1e-12) {
                        cap[i] = c;
                        moved = true;
                    }
                }
                if (!moved) {
                    return;
                }
            }
            fill(cap);
        }

        private void fill(double[] cap) {
            boolean[] frozen = new boolean[n];
            Arrays.fill(speed, 0);
            int unfrozen = 0;
            for (int i = 0; i < n; i++) {
                if (running[i]) {
                    unfrozen++;
                } else {
                    frozen[i] = true;
                }
            }
            double level = 0;
            int units = 0;
            for (int u : unit) {
                units = Math.max(units, u + 1);
            }
            while (unfrozen > 0) {
                // the next level at which a flow or a resource saturates
                double next = Double.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    if (!frozen[i]) {
                        next = Math.min(next, cap[i]);
                    }
                }
                double[] usedUnit = new double[units];
                int[] openUnit = new int[units];
                double usedBw = 0;
                double openBw = 0;
                for (int i = 0; i < n; i++) {
                    if (!running[i]) {
                        continue;
                    }
                    if (frozen[i]) {
                        if (unit[i] >= 0) {
                            usedUnit[unit[i]] += speed[i];
                        }
                        usedBw += speed[i] * demand[i];
                    } else {
                        if (unit[i] >= 0) {
                            openUnit[unit[i]]++;
                        }
                        openBw += demand[i];
                    }
                }
                for (int u = 0; u < units; u++) {
                    if (openUnit[u] > 0) {
                        next = Math.min(next, (1 - usedUnit[u]) / openUnit[u]);
                    }
                }
                if (openBw > 0) {
                    next = Math.min(next, (bandwidth - usedBw) / openBw);
                }
                level = Math.max(0, next);
                boolean bwFull = openBw > 0 && usedBw + level * openBw >= bandwidth * (1 - 1e-12);
                int froze = 0;
                for (int i = 0; i < n; i++) {
                    if (frozen[i]) {
                        continue;
                    }
                    boolean unitFull = unit[i] >= 0 && usedUnit[unit[i]] + level * openUnit[unit[i]] >= 1 - 1e-12;
                    if (level >= cap[i] - 1e-12 || unitFull || (bwFull && demand[i] > 0)) {
                        speed[i] = Math.min(level, cap[i]);
                        frozen[i] = true;
                        froze++;
                        unfrozen--;
                    }
                }
                if (froze == 0) {
                    throw new IllegalStateException("progressive filling froze no flow at level " + level);
                }
            }
        }
    }
}
