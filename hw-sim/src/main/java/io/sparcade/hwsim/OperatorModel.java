package io.sparcade.hwsim;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OpNode;
import io.sparcade.dataflow.TopkWork;
import io.sparcade.dataflow.VectorWork;
import io.sparcade.hwsim.compute.DspChainModel;
import io.sparcade.hwsim.compute.NmArrayModel;
import io.sparcade.hwsim.compute.PartitionedArrayModel;
import io.sparcade.hwsim.compute.TopkEngineModel;
import io.sparcade.hwsim.compute.VectorUnitModel;
import io.sparcade.hwsim.memory.DramModel;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.DspChainSpec;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.arch.TopkEngineSpec;
import io.sparcade.model.arch.VectorUnitSpec;
import io.sparcade.scheduler.CostModel;
import io.sparcade.scheduler.Placement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a placed node through the block model of its unit. Also the scheduler's {@link CostModel}, so the
 * schedule is built from the same cycle counts the simulation reports.
 */
public final class OperatorModel implements CostModel {
    /**
     * Layers on partitioned buffers are simulated cycle by cycle (tens of milliseconds for a large layer) and the
     * scheduler and the simulator both ask for them: the last runs are kept, by node identity, placement and
     * architecture.
     */
    private final Map<List<Object>, PartitionedArrayModel.Run> partitioned;

    private static Map<List<Object>, PartitionedArrayModel.Run> partitionedRuns() {
        return Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @java.lang.Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, PartitionedArrayModel.Run> eldest) {
                    return size() > 256;
                }
            });
    }

    /**
     * Costs cached at most (then the cache starts over): 2^16 entries, a few tens of MB (about 26,000 distinct operator
     * costs were counted over 9,000 points of the default sweep before this cache existed).
     */
    static final int MAX_CACHED = 1 << 16;

    /**
     * Operator costs by value: the node's work and on-chip operands, its placement (unit, mode, tile, loop order),
     * its buffer, the memory and the clock are everything {@link #cost} reads, so two nodes (of one design point or
     * of two) with equal keys cost the same and the walk runs once. Null when caching is off (the straightforward
     * path, kept to check the cache changes nothing).
     */
    private final BoundedCache<List<Object>, OpCost> costs;

    /** A model that caches operator costs by value. */
    public OperatorModel() {
        this(true);
    }

    /** @param caching whether to cache operator costs by value (false: every call walks its tiles) */
    public OperatorModel(boolean caching) {
        // presized for a sweep's tens of thousands of costs
        this(caching ? new BoundedCache<>(MAX_CACHED, 1 << 12) : null, partitionedRuns(), null);
    }

    /**
     * A scope's costs by placement identity, in front of the costs by value: the placements a prepared scheduler
     * keeps ({@code ListScheduler.Prepared}) are asked for again and again by it and by the simulator, and an
     * identity lookup saves hashing and comparing their deep keys. Null outside a scope.
     */
    private final Map<Placement, Scoped> byIdentity;

    /** A cost asked for by one node on one placement instance of one architecture instance. */
    private record Scoped(OpNode node, Architecture arch, OpCost cost) {
    }

    private OperatorModel(BoundedCache<List<Object>, OpCost> costs, Map<List<Object>, PartitionedArrayModel.Run> partitioned,
                          Map<Placement, Scoped> byIdentity) {
        this.costs = costs;
        this.partitioned = partitioned;
        this.byIdentity = byIdentity;
    }

    /**
     * A model for one thread's scope (one design point's mapping search) sharing this model's caches, that also
     * remembers its answers by placement instance (checked against the node and architecture instances asked
     * with). Same numbers as this model; not thread-safe.
     */
    public OperatorModel scoped() {
        return new OperatorModel(costs, partitioned, new java.util.IdentityHashMap<>());
    }

    /** Whether this model is a {@link #scoped} one (single-threaded, may memoise by identity). */
    public boolean isScoped() {
        return byIdentity != null;
    }

    @Override
    public long cycles(OpNode node, Placement placement, Architecture arch) {
        return cost(node, placement, arch).cycles();
    }

    /**
     * The most tiles (GEMM tiles, or top-k rows) of one node the tile-by-tile models walk: 2^22 = 4,194,304. The
     * tile program's timeline keeps a few numbers per tile (tens of MB at this count) and walks them in about a
     * second; the largest node of the presets has under 20,000 tiles (a 4,096-token Llama-2 prefill on the VHK158).
     * The steady-state-skipping walk ({@link io.sparcade.hwsim.memory.PeriodicTileWalk}), which the caching model
     * uses for every GEMM and the uncached one for a GEMM longer than this, has no such length: it refuses only a
     * walk that would go through more than as many tiles one by one.
     */
    public static final long MAX_TILES = io.sparcade.hwsim.memory.PeriodicTileWalk.MAX_WALKED;

    /**
     * Refuses a top-k whose rows (walked one by one) are more than {@link #MAX_TILES}, naming it. A GEMM needs no
     * such check here: one longer than that is costed with the steady-state-skipping walk, which refuses on its own
     * only what it would walk one by one beyond the same bound.
     */
    static void checkProgramLength(OpNode node, Placement p) {
        if (node.work() instanceof TopkWork w && p.unit() instanceof TopkEngineSpec && w.rows() > MAX_TILES) {
            throw new io.sparcade.model.SpecException("operators." + node.name(), String.format(java.util.Locale.ROOT,
                    "its tile program has %.3g rows on %s, more than the %,d the tile-by-tile model walks; give the "
                            + "unit a larger buffer or split the operator", (double) w.rows(), p.unitName(), MAX_TILES));
        }
    }

    /** Tiles of a GEMM's tile program on an array or DSP chain (batch included); -1 for any other node. */
    private static double gemmTiles(OpNode node, Placement p, BufferSpec buffer) {
        if (node.work() instanceof GemmWork g && p.tiling() != null && !buffer.partitioned()
                && (p.unit() instanceof NmArraySpec || p.unit() instanceof DspChainSpec)) {
            long[] d = io.sparcade.scheduler.Tiler.dims(g, p.sparseMode());
            var t = p.tiling().tile();
            return (double) g.batch() * Math.ceil((double) d[0] / t.m()) * Math.ceil((double) d[1] / t.k())
                    * Math.ceil((double) d[2] / t.n());
        }
        return -1;
    }

    public OpCost cost(OpNode node, Placement p, Architecture arch) {
        if (p == null) {
            return OpCost.ZERO;
        }
        if (byIdentity != null) {
            Scoped sc = byIdentity.get(p);
            if (sc != null && sc.node() == node && sc.arch() == arch) {
                return sc.cost();
            }
            OpCost c = byValue(node, p, arch);
            byIdentity.put(p, new Scoped(node, arch, c));
            return c;
        }
        return byValue(node, p, arch);
    }

    /** A scope's last architecture instance and its memory (a scope asks for one architecture's, again and again). */
    private Architecture dramArch;
    private io.sparcade.model.arch.DramSpec dram;

    /** {@code arch.dram()}, remembered for the last architecture instance in a scope. */
    private io.sparcade.model.arch.DramSpec dramOf(Architecture arch) {
        if (byIdentity == null) {
            return arch.dram();
        }
        if (arch != dramArch) {
            dram = arch.dram();
            dramArch = arch;
        }
        return dram;
    }

    private OpCost byValue(OpNode node, Placement p, Architecture arch) {
        BufferSpec buffer = arch.bufferOf(p.unit());
        if (costs == null || buffer.partitioned()) {
            return compute(node, p, arch, buffer); // a partitioned layer has its own cache, by node
        }
        List<Object> key = java.util.Arrays.asList(node.work(), node.onChip(), p, buffer, dramOf(arch), arch.clockMhz());
        return costs.get(key, k -> compute(node, p, arch, buffer));
    }

    private OpCost compute(OpNode node, Placement p, Architecture arch, BufferSpec buffer) {
        DramModel dram = new DramModel(arch.dram(), arch.clockMhz());
        // the caching model skips the steady state of every GEMM; the uncached one (the reference) walks tile by
        // tile, except a program longer than that walk takes, which it costs the caching model's way too (identical
        // totals where both run: PeriodicTileWalkTest), so the two never disagree on whether a node runs
        boolean periodic = costs != null || gemmTiles(node, p, buffer) > MAX_TILES;
        checkProgramLength(node, p);
        if (node.work() instanceof GemmWork && p.unit() instanceof NmArraySpec && buffer.partitioned()) {
            return partitionedRun(node, p, arch).cost();
        }
        try {
            return tileModel(node, p, buffer, dram, periodic);
        } catch (io.sparcade.hwsim.memory.PeriodicTileWalk.TooLong e) {
            throw new io.sparcade.model.SpecException("operators." + node.name(), e.getMessage() + " on "
                    + p.unitName() + "; give the unit a larger buffer or split the operator");
        }
    }

    private OpCost tileModel(OpNode node, Placement p, BufferSpec buffer, DramModel dram, boolean periodic) {
        if (node.work() instanceof GemmWork g && p.unit() instanceof NmArraySpec a) {
            return NmArrayModel.run(g, a, p.sparseMode(), p.tiling().tile(), p.tiling().loopOrder(), buffer, dram,
                    p.onChip(), periodic);
        }
        if (node.work() instanceof GemmWork g && p.unit() instanceof DspChainSpec d) {
            return DspChainModel.run(g, d, p.sparseMode(), p.tiling().tile(), p.tiling().loopOrder(), buffer, dram,
                    p.onChip(), periodic);
        }
        if (node.work() instanceof TopkWork t && p.unit() instanceof TopkEngineSpec e) {
            return TopkEngineModel.run(t, e, buffer, dram, p.onChip());
        }
        if (node.work() instanceof TopkWork t && p.unit() instanceof VectorUnitSpec u) {
            return VectorUnitModel.run(t.onVectorUnit(), u, buffer, dram, node.onChip()); // no top-k engine
        }
        if (node.work() instanceof VectorWork v && p.unit() instanceof VectorUnitSpec u) {
            return VectorUnitModel.run(v, u, buffer, dram, p.onChip());
        }
        throw new IllegalStateException("no model for " + node.work().describe() + " on " + p.unit().type());
    }

    /**
     * The per-operand memory run of a GEMM placed on an nm-array whose buffer is partitioned: its cost and what
     * SCALE-Sim reports beside it (cycles incl. prefetch, each port's DRAM words and span).
     */
    public PartitionedArrayModel.Run partitionedRun(OpNode node, Placement p, Architecture arch) {
        BufferSpec buffer = arch.bufferOf(p.unit());
        if (!(node.work() instanceof GemmWork g) || !(p.unit() instanceof NmArraySpec a) || !buffer.partitioned()) {
            throw new IllegalArgumentException(node.name() + " is not a GEMM on an nm-array with a partitioned buffer");
        }
        List<Object> key = List.of(node, p, arch);
        PartitionedArrayModel.Run run = partitioned.get(key);
        if (run == null) {
            run = PartitionedArrayModel.simulate(node, g, a, p.sparseMode(), buffer, arch.dram(), arch.clockMhz(), p.onChip());
            partitioned.put(key, run);
        }
        return run;
    }
}
