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

    /** Shapes and event-loop results shared with other simulators; null: every run computes its own. */
    private final Memo memo;

    /** @param energy the table pricing every run's actions; null: each architecture's own default table */
    public Simulator(OperatorModel model, EnergyTable energy) {
        this(model, energy, null);
    }

    /**
     * @param energy the table pricing every run's actions; null: each architecture's own default table
     * @param memo   schedule shapes and event-loop results shared across simulators (the fast path of a sweep);
     *               null: none
     */
    public Simulator(OperatorModel model, EnergyTable energy, Memo memo) {
        this.model = model;
        this.energy = energy;
        this.memo = memo;
    }

    /**
     * What the fluid event loop computed, shared across the simulators of a sweep (thread-safe, bounded). The loop's
     * start and end times are a function of the schedule's shape (units, dependencies, unit order: a function of the
     * graph instance and the firings' nodes, unit names and dependencies) and of each firing's standalone cycles,
     * off-chip demand and first-chunk fraction, and the memory's bandwidth; two runs equal in all of them (bit for
     * bit) get the times computed once. Points that differ only in what none of these reads (e.g. a buffer size
     * that changes no tile) share their simulations.
     */
    public static final class Memo {
        /**
         * Entries kept at most in each map (then it starts over): 2^14. A times entry is about 1.5 KB (its key, the
         * start and end times of tens of firings), so at most about 25 MB. One round of the default sweep looks up
         * 65,472 times, 35,122 of them distinct (counted once while writing this): 2^14 starts over four times and
         * finds 27,125 (2^16 found 30,350 but kept about 100 MB live through the million-point sweep).
         */
        static final int MAX_ENTRIES = 1 << 14;
        private final BoundedCache<ShapeKey, Fluid.Structure> shapes = new BoundedCache<>(MAX_ENTRIES, 16);
        private final BoundedCache<TimesKey, double[][]> times = new BoundedCache<>(MAX_ENTRIES, 1 << 12);

        Fluid.Structure shape(Schedule s) {
            return shapes.get(new ShapeKey(s), k -> new Fluid.Structure(s));
        }

        /**
         * Dynamic energy by cost instance and what {@link EnergyTable#price} reads of the architecture besides the
         * counts (the table instance, whether the design is an FPGA, its process node, its memory technology): the
         * costs cached by value are shared instances across points, so a point prices only the costs no point with
         * the same table and technology priced before. Entries kept at most: 2^14 (a few MB).
         */
        private final BoundedCache<PriceKey, Double> prices = new BoundedCache<>(MAX_ENTRIES, 1 << 10);

        /** @param technology the architecture's memory technology ({@code arch.dram().technology()}) */
        double price(OpCost cost, EnergyTable table, Architecture arch, Object technology) {
            return prices.get(new PriceKey(cost, table, arch.fpga(), arch.processNm(), technology),
                    k -> table.price(cost.actions(), arch));
        }

        double[][] times(Fluid.Structure st, double[] t0, double[] demand, double[] chunk, double bandwidth) {
            return times.get(new TimesKey(st, t0, demand, chunk, bandwidth),
                    k -> new Fluid(st, t0, demand, chunk, bandwidth).run());
        }
    }

    /** A schedule's shape: its graph instance, and per firing its node instance, unit name (or none) and deps. */
    private static final class ShapeKey {
        private final Object graph;
        private final Object[] parts;
        private final int hash;

        ShapeKey(Schedule s) {
            graph = s.graph();
            List<Firing> f = s.firings();
            parts = new Object[3 * f.size()];
            int h = System.identityHashCode(graph);
            for (int i = 0; i < f.size(); i++) {
                Firing fi = f.get(i);
                parts[3 * i] = fi.node();
                parts[3 * i + 1] = fi.placement() == null ? null : fi.placement().unitName();
                parts[3 * i + 2] = fi.after();
                h = 31 * (31 * (31 * h + System.identityHashCode(fi.node())) + java.util.Objects.hashCode(parts[3 * i + 1]))
                        + fi.after().hashCode();
            }
            hash = h;
        }

        @java.lang.Override
        public boolean equals(Object o) {
            if (!(o instanceof ShapeKey k) || k.hash != hash || k.graph != graph || k.parts.length != parts.length) {
                return false;
            }
            for (int i = 0; i < parts.length; i += 3) {
                if (k.parts[i] != parts[i] || !java.util.Objects.equals(k.parts[i + 1], parts[i + 1])
                        || !k.parts[i + 2].equals(parts[i + 2])) {
                    return false;
                }
            }
            return true;
        }

        @java.lang.Override
        public int hashCode() {
            return hash;
        }
    }

    /** A cost instance and table instance (by identity) with the architecture's fields {@code price} reads. */
    private static final class PriceKey {
        private final OpCost cost;
        private final EnergyTable table;
        private final boolean fpga;
        private final double processNm;
        private final Object technology;
        private final int hash;

        PriceKey(OpCost cost, EnergyTable table, boolean fpga, double processNm, Object technology) {
            this.cost = cost;
            this.table = table;
            this.fpga = fpga;
            this.processNm = processNm;
            this.technology = technology;
            hash = 31 * (31 * (31 * System.identityHashCode(cost) + System.identityHashCode(table))
                    + Double.hashCode(processNm) + (fpga ? 1 : 0)) + java.util.Objects.hashCode(technology);
        }

        @java.lang.Override
        public boolean equals(Object o) {
            return o instanceof PriceKey k && k.hash == hash && k.cost == cost && k.table == table && k.fpga == fpga
                    && Double.doubleToLongBits(k.processNm) == Double.doubleToLongBits(processNm)
                    && java.util.Objects.equals(k.technology, technology);
        }

        @java.lang.Override
        public int hashCode() {
            return hash;
        }
    }

    /** The event loop's numeric inputs, bit for bit, on one shape instance. */
    private static final class TimesKey {
        private final Fluid.Structure shape;
        private final long[] bits;
        private final int hash;

        TimesKey(Fluid.Structure shape, double[] t0, double[] demand, double[] chunk, double bandwidth) {
            this.shape = shape;
            int n = t0.length;
            bits = new long[1 + 3 * n];
            bits[0] = Double.doubleToLongBits(bandwidth);
            for (int i = 0; i < n; i++) {
                bits[1 + 3 * i] = Double.doubleToLongBits(t0[i]);
                bits[2 + 3 * i] = Double.doubleToLongBits(demand[i]);
                bits[3 + 3 * i] = Double.doubleToLongBits(chunk[i]);
            }
            hash = 31 * System.identityHashCode(shape) + Arrays.hashCode(bits);
        }

        @java.lang.Override
        public boolean equals(Object o) {
            return o instanceof TimesKey k && k.hash == hash && k.shape == shape && Arrays.equals(k.bits, bits);
        }

        @java.lang.Override
        public int hashCode() {
            return hash;
        }
    }

    public Simulator(OperatorModel model) {
        this(model, null);
    }

    /**
     * With a {@link OperatorModel#scoped scoped} model (one thread's mapping search): the dynamic energy of each
     * cost instance, and the table and power model of the last architecture instance, kept across runs.
     */
    private final Map<OpCost, Double> pricedHere = new java.util.IdentityHashMap<>();
    private Architecture lastArch;
    private EnergyTable lastTable;
    private PowerModel lastPower;

    public SimulationResult run(Schedule schedule) {
        Architecture arch = schedule.architecture();
        boolean scoped = model.isScoped();
        EnergyTable table;
        PowerModel power;
        if (scoped && arch == lastArch) {
            table = lastTable;
            power = lastPower;
        } else {
            table = energy != null ? energy : EnergyTable.forArchitecture(arch);
            power = PowerModel.of(arch, table, EnergyTable.Bound.NOMINAL);
            if (scoped) {
                lastArch = arch;
                lastTable = table;
                lastPower = power;
                pricedHere.clear();
            }
        }
        List<Firing> firings = schedule.firings();
        int n = firings.size();
        OpCost[] cost = new OpCost[n];
        for (int i = 0; i < n; i++) {
            cost[i] = model.cost(firings.get(i).node(), firings.get(i).placement(), arch);
        }
        double bandwidth = new DramModel(arch.dram(), arch.clockMhz()).bytesPerCycle();
        double[] t0 = new double[n];
        double[] demand = new double[n];
        double[] chunk = new double[n];
        for (int i = 0; i < n; i++) {
            t0[i] = cost[i].cycles();
            // a node's standalone cost was computed within the memory's bandwidth: bytes it moves outside its
            // cycles (a partitioned buffer's first fill and last drain) never raise its rate above it
            demand[i] = t0[i] > 0 ? Math.min(bandwidth, cost[i].dramBytes() / t0[i]) : 0;
            chunk[i] = 1.0 / Fluid.chunks(firings.get(i), cost[i]);
        }
        double[][] times = memo != null ? memo.times(memo.shape(schedule), t0, demand, chunk, bandwidth)
                : new Fluid(new Fluid.Structure(schedule), t0, demand, chunk, bandwidth).run();
        List<OpResult> results = new ArrayList<>(n);
        List<ActionCounts> actions = new ArrayList<>(n);
        double dynamic = 0;
        long makespan = 0;
        Object technology = memo != null ? arch.dram().technology() : null; // the memory's, for the price memo
        for (int i = 0; i < n; i++) {
            long start = (long) Math.floor(times[0][i] + 1e-6);
            long end = Math.max(start, (long) Math.ceil(times[1][i] - 1e-6));
            double e;
            if (scoped) {
                Double known = pricedHere.get(cost[i]);
                e = known != null ? known : memo != null ? memo.price(cost[i], table, arch, technology)
                        : table.price(cost[i].actions(), arch);
                if (known == null) {
                    pricedHere.put(cost[i], e);
                }
            } else {
                e = table.price(cost[i].actions(), arch);
            }
            dynamic += e;
            actions.add(cost[i].actions());
            makespan = Math.max(makespan, end);
            long wait = Math.max(0, end - start - cost[i].cycles());
            results.add(new OpResult(firings.get(i), start, end, cost[i], e, wait));
        }
        ActionCounts all = ActionCounts.lazySum(actions); // summed when read
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
        private final double[] progress;
        private final double[] start;
        private final double[] end;
        private final boolean[] running;
        private final boolean[] done;
        private final double[] speed;
        private final double[] capBuf;
        private final boolean[] frozenBuf;
        private final double[] spBuf;
        private final int[] idxBuf;
        private final int[] slotBuf;
        private final int[] unitSlotBuf;
        private final int[] seenUnitBuf;
        private final double[] usedBuf;
        private final int[] openBuf;

        Fluid(Structure st, double[] t0, double[] demand, double[] chunk, double bandwidth) {
            n = t0.length;
            this.bandwidth = bandwidth;
            this.t0 = t0;
            this.demand = demand;
            this.chunk = chunk;
            unit = st.unit;
            barrier = st.barrier;
            stream = st.stream;
            prevOnUnit = st.prevOnUnit;
            progress = new double[n];
            start = new double[n];
            end = new double[n];
            running = new boolean[n];
            done = new boolean[n];
            speed = new double[n];
            capBuf = new double[n];
            frozenBuf = new boolean[n];
            spBuf = new double[n];
            idxBuf = new int[n];
            slotBuf = new int[n];
            unitSlotBuf = new int[n];
            seenUnitBuf = new int[n];
            usedBuf = new double[n];
            openBuf = new int[n];
        }

        /** What the event loop reads of a schedule's shape: units, dependencies and unit order, by firing index. */
        static final class Structure {
            final int[] unit;           // unit index, -1 for views
            final int[][] barrier;      // deps that must finish first
            final int[][] stream;       // deps it streams from
            final int[] prevOnUnit;     // the firing before it on its unit that it must wait for (-1: none)

            Structure(Schedule schedule) {
                List<Firing> f = schedule.firings();
                DataflowGraph g = schedule.graph();
                int n = f.size();
                unit = new int[n];
                barrier = new int[n][];
                stream = new int[n][];
                prevOnUnit = new int[n];
                Map<String, Integer> index = new HashMap<>();
                Map<String, Integer> units = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    Firing fi = f.get(i);
                    index.put(fi.node().name(), i);
                    unit[i] = fi.placement() == null ? -1 : units.computeIfAbsent(fi.unitName(), u -> units.size());
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
                    barrier[i] = distinct(b);
                    stream[i] = distinct(s);
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
        }

        /** The list's distinct values in first-seen order. */
        private static int[] distinct(List<Integer> xs) {
            int[] out = new int[xs.size()];
            int k = 0;
            for (int x : xs) {
                boolean seen = false;
                for (int y = 0; y < k && !seen; y++) {
                    seen = out[y] == x;
                }
                if (!seen) {
                    out[k++] = x;
                }
            }
            return k == out.length ? out : Arrays.copyOf(out, k);
        }

        private static boolean streamGroup(OpNode a, OpNode b, DataflowGraph g) {
            return a.pass() == b.pass() && g.streamTogether(a.operator().name(), b.operator().name());
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
            // what each node still waits for: its barrier deps, the previous node on its unit, and the first chunk
            // of every producer it streams from (a zero-length node waits for its producers to finish); the lists
            // of who waits for a node's finish or first chunk are int arrays, filled in the order of the loop below
            int[] waiting = new int[n];
            int[] finishCount = new int[n];
            int[] chunkCount = new int[n];
            for (int i = 0; i < n; i++) {
                for (int j : barrier[i]) {
                    finishCount[j]++;
                }
                for (int j : stream[i]) {
                    (t0[i] <= 0 ? finishCount : chunkCount)[j]++;
                }
                if (prevOnUnit[i] >= 0) {
                    finishCount[prevOnUnit[i]]++;
                }
            }
            int[][] onFinish = new int[n][];
            int[][] onFirstChunk = new int[n][];
            for (int i = 0; i < n; i++) {
                onFinish[i] = new int[finishCount[i]];
                onFirstChunk[i] = new int[chunkCount[i]];
                finishCount[i] = 0;
                chunkCount[i] = 0;
            }
            for (int i = 0; i < n; i++) {
                for (int j : barrier[i]) {
                    onFinish[j][finishCount[j]++] = i;
                    waiting[i]++;
                }
                for (int j : stream[i]) {
                    if (t0[i] <= 0) {
                        onFinish[j][finishCount[j]++] = i;
                    } else {
                        onFirstChunk[j][chunkCount[j]++] = i;
                    }
                    waiting[i]++;
                }
                if (prevOnUnit[i] >= 0) {
                    onFinish[prevOnUnit[i]][finishCount[prevOnUnit[i]]++] = i;
                    waiting[i]++;
                }
            }
            boolean[] chunkOut = new boolean[n];
            // a FIFO of ready nodes: each node becomes ready once, so n slots never wrap
            int[] ready = new int[n];
            int readyHead = 0;
            int readyTail = 0;
            for (int i = 0; i < n; i++) {
                if (waiting[i] == 0) {
                    ready[readyTail++] = i;
                }
            }
            // the running flows in the order they started (removal keeps the order)
            int[] active = new int[n];
            int a = 0;
            int[] ended = new int[n];
            double now = 0;
            int finished = 0;
            long guard = 0;
            while (finished < n) {
                if (++guard > 20L * n + 1000) {
                    throw new IllegalStateException("fluid simulation did not converge after " + guard + " events");
                }
                while (readyHead < readyTail) {
                    int i = ready[readyHead++];
                    start[i] = now;
                    if (t0[i] <= 0) {
                        done[i] = true;
                        end[i] = now;
                        progress[i] = 1;
                        finished++;
                        readyTail = release(i, onFinish, onFirstChunk, chunkOut, waiting, ready, readyTail);
                    } else {
                        running[i] = true;
                        active[a++] = i;
                    }
                }
                if (finished == n) {
                    break;
                }
                allocate(active, a);
                double dt = Double.POSITIVE_INFINITY;
                for (int x = 0; x < a; x++) {
                    int i = active[x];
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
                    if (r > 0 && !chunkOut[i] && onFirstChunk[i].length > 0) {
                        dt = Math.min(dt, Math.max(0, chunk[i] - progress[i]) / r);
                    }
                }
                if (!(dt < Double.POSITIVE_INFINITY)) {
                    throw new IllegalStateException("fluid simulation stalled at cycle " + now + " with "
                            + (n - finished) + " nodes left");
                }
                now += dt;
                int e = 0;
                int kept = 0;
                for (int x = 0; x < a; x++) {
                    int i = active[x];
                    progress[i] = Math.min(1, progress[i] + speed[i] / t0[i] * dt);
                    if (1 - progress[i] <= 1e-9) {
                        progress[i] = 1;
                        running[i] = false;
                        done[i] = true;
                        end[i] = now;
                        finished++;
                        ended[e++] = i;
                        continue;
                    } else if (!chunkOut[i] && progress[i] >= chunk[i] - EPS) {
                        chunkOut[i] = true;
                        for (int c : onFirstChunk[i]) {
                            if (--waiting[c] == 0) {
                                ready[readyTail++] = c;
                            }
                        }
                    }
                    active[kept++] = i;
                }
                a = kept;
                for (int x = 0; x < e; x++) {
                    readyTail = release(ended[x], onFinish, onFirstChunk, chunkOut, waiting, ready, readyTail);
                }
            }
            return new double[][] {start, end};
        }

        /**
         * A node finished: what waited for it (and for its first chunk, if that was not out yet) may start.
         * Returns the ready queue's new tail.
         */
        private static int release(int i, int[][] onFinish, int[][] onFirstChunk, boolean[] chunkOut, int[] waiting,
                                   int[] ready, int readyTail) {
            for (int c : onFinish[i]) {
                if (--waiting[c] == 0) {
                    ready[readyTail++] = c;
                }
            }
            if (!chunkOut[i]) {
                chunkOut[i] = true;
                for (int c : onFirstChunk[i]) {
                    if (--waiting[c] == 0) {
                        ready[readyTail++] = c;
                    }
                }
            }
            return readyTail;
        }

        /** Max-min fair speeds under the unit, bandwidth and streaming constraints (progressive filling). */
        private void allocate(int[] active, int a) {
            double[] cap = capBuf;
            java.util.Arrays.fill(cap, 0, a, 1);
            boolean coupled = false;
            for (int x = 0; x < a; x++) {
                coupled |= stream[active[x]].length > 0;
            }
            for (int iter = 0; iter < (coupled ? 50 : 1); iter++) {
                fill(active, a, cap);
                if (!coupled) {
                    return;
                }
                boolean moved = false;
                for (int x = 0; x < a; x++) {
                    int i = active[x];
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
                    if (Math.abs(c - cap[x]) > 1e-12) {
                        cap[x] = c;
                        moved = true;
                    }
                }
                if (!moved) {
                    return;
                }
            }
            fill(active, a, cap);
        }

        private void fill(int[] active, int a, double[] cap) {
            // scratch arrays reused across events (every entry below a is written before it is read)
            boolean[] frozen = frozenBuf;
            java.util.Arrays.fill(frozen, 0, a, false);
            double[] sp = spBuf;
            int[] idx = idxBuf;
            int[] slot = slotBuf;              // the flow's unit, renumbered 0..units-1 among the active flows
            int slots = 0;
            int[] unitSlot = unitSlotBuf;
            int[] seenUnit = seenUnitBuf;
            for (int x = 0; x < a; x++) {
                idx[x] = active[x];
                int u = unit[idx[x]];
                slot[x] = -1;
                if (u >= 0) {
                    for (int y = 0; y < slots; y++) {
                        if (seenUnit[y] == u) {
                            slot[x] = unitSlot[y];
                        }
                    }
                    if (slot[x] < 0) {
                        seenUnit[slots] = u;
                        unitSlot[slots] = slots;
                        slot[x] = slots++;
                    }
                }
            }
            double[] used = usedBuf;
            int[] open = openBuf;
            int unfrozen = a;
            while (unfrozen > 0) {
                // the next level at which a flow or a resource saturates
                double next = Double.POSITIVE_INFINITY;
                java.util.Arrays.fill(used, 0, slots, 0);
                java.util.Arrays.fill(open, 0, slots, 0);
                double usedBw = 0;
                double openBw = 0;
                for (int x = 0; x < a; x++) {
                    int i = idx[x];
                    if (frozen[x]) {
                        if (slot[x] >= 0) {
                            used[slot[x]] += sp[x];
                        }
                        usedBw += sp[x] * demand[i];
                    } else {
                        next = Math.min(next, cap[x]);
                        if (slot[x] >= 0) {
                            open[slot[x]]++;
                        }
                        openBw += demand[i];
                    }
                }
                for (int u = 0; u < slots; u++) {
                    if (open[u] > 0) {
                        next = Math.min(next, (1 - used[u]) / open[u]);
                    }
                }
                if (openBw > 0) {
                    next = Math.min(next, (bandwidth - usedBw) / openBw);
                }
                double level = Math.max(0, next);
                boolean bwFull = openBw > 0 && usedBw + level * openBw >= bandwidth * (1 - 1e-12);
                int froze = 0;
                for (int x = 0; x < a; x++) {
                    if (frozen[x]) {
                        continue;
                    }
                    boolean unitFull = slot[x] >= 0 && used[slot[x]] + level * open[slot[x]] >= 1 - 1e-12;
                    if (level >= cap[x] - 1e-12 || unitFull || (bwFull && demand[idx[x]] > 0)) {
                        sp[x] = Math.min(level, cap[x]);
                        frozen[x] = true;
                        froze++;
                        unfrozen--;
                    }
                }
                if (froze == 0) {
                    throw new IllegalStateException("progressive filling froze no flow at level " + level);
                }
            }
            for (int x = 0; x < a; x++) {
                speed[idx[x]] = sp[x];
            }
        }
    }
}
