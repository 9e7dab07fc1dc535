package io.sparcade.hwsim.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OnChip;
import io.sparcade.hwsim.compute.DspChainModel;
import io.sparcade.hwsim.compute.NmArrayModel;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.DspChainSpec;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.Tile;
import io.sparcade.model.workload.NmPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The steady-state-skipping walk against the tile-by-tile walk ({@link TileWalk}, the reference the RTL layer
 * engines are cross-checked against): on seeded random GEMMs, tiles, loop orders, buffers (single and double),
 * memories (fast and slow, short and long latency), fused operands and the three array dataflows and DSP chains,
 * every total must be identical: cycles, compute, memory and stall cycles, tiles, DRAM, buffer and metadata bytes,
 * issued MACs, the port-bound flag.
 */
class PeriodicTileWalkTest {
    static Stream<Long> seeds() {
        return IntStream.range(0, 500).mapToObj(i -> 0x5eed0000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sameTotalsAsTheTileByTileWalk(long seed) {
        Random r = new Random(seed);
        boolean sparse = r.nextInt(3) == 0;
        int[][] patterns = {{1, 4}, {2, 4}, {2, 8}, {4, 16}, {8, 16}};
        int[] nm = patterns[r.nextInt(patterns.length)];
        long batch = 1 + (r.nextInt(3) == 0 ? r.nextInt(20) : 0);
        long m = 1 + r.nextInt(r.nextBoolean() ? 40 : 600);
        long k = nm[1] * (1 + (long) r.nextInt(r.nextBoolean() ? 10 : 120));
        long n = 1 + r.nextInt(r.nextBoolean() ? 40 : 600);
        int[] bits = {4, 8, 16};
        int actBits = bits[r.nextInt(3)];
        int bBits = bits[r.nextInt(3)];
        boolean bIsWeight = r.nextBoolean();
        GemmWork w = new GemmWork(batch, m, k, n, actBits, bBits, bIsWeight, sparse ? new NmPattern(nm[0], nm[1], "k") : null);
        long kIter = sparse ? k / nm[1] * nm[0] : k;
        Tile tile = new Tile(1 + r.nextInt((int) Math.min(m, 64)), 1 + r.nextInt((int) Math.min(kIter, 96)),
                1 + r.nextInt((int) Math.min(n, 64)));
        LoopOrder order = r.nextBoolean() ? LoopOrder.MN : LoopOrder.NM;
        BufferSpec buffer = new BufferSpec(4096, 4 + r.nextInt(256), 1, r.nextInt(4) != 0);
        DramModel dram = DramModel.ofBytesPerCycle(0.5 + r.nextDouble() * 64, r.nextInt(4) == 0 ? 0 : r.nextInt(300));
        OnChip onChip = switch (r.nextInt(6)) {
            case 0 -> new OnChip(Set.of(0), false);
            case 1 -> new OnChip(Set.of(1), false);
            case 2 -> new OnChip(Set.of(), true);
            case 3 -> new OnChip(Set.of(0, 1), false);
            default -> OnChip.NONE;
        };
        TileWalk.TileCost unit;
        if (r.nextInt(4) == 0) {
            DspChainSpec d = new DspChainSpec(1 + r.nextInt(32), 1 + r.nextInt(8), 1 + r.nextInt(4), r.nextBoolean(),
                    List.of(4, 8, 16), 8, "b", r.nextBoolean() ? 0 : 1 + r.nextInt(64));
            unit = DspChainModel.tileCost(d, w, sparse);
        } else {
            Dataflow[] dfs = {Dataflow.OS, Dataflow.WS, Dataflow.IS};
            NmArraySpec a = new NmArraySpec(1 + r.nextInt(32), 1 + r.nextInt(32), dfs[r.nextInt(3)], 8, List.of(4, 8, 16), "b");
            unit = NmArrayModel.tileCost(a);
        }
        long latency = dram.latencyCycles();
        TileWalk.Totals ref = TileWalk.walk(w, sparse, tile, order, buffer, dram, latency, onChip, unit, null, SkipQuantum.TILE);
        TileWalk.Totals fast = PeriodicTileWalk.walk(w, sparse, tile, order, buffer, dram, latency, onChip, unit, SkipQuantum.TILE);
        assertThat(totals(fast)).as("%s tile %s %s buffer %s dram %s on-chip %s", w, tile, order, buffer,
                dram.bytesPerCycle() + " B/c lat " + latency, onChip).isEqualTo(totals(ref));
    }

    /**
     * A GEMM of 2,048 x 2,048 x 2,048 in tiles of 32 x 32 x 32 (64 x 64 x 64 = 262,144 tiles): the skipping walk
     * gives the reference's totals, its timeline still counts every tile, and it walked under 1% of them one by one
     * (the steady state repeats every two output tiles: the accumulator halves alternate).
     */
    @Test
    void largeGemmSkipsItsSteadyState() {
        GemmWork w = new GemmWork(1, 2048, 2048, 2048, 8, 8, true, null);
        NmArraySpec a = new NmArraySpec(16, 16, Dataflow.OS, 8, List.of(4), "b");
        BufferSpec buffer = new BufferSpec(4096, 64, 1, true);
        DramModel dram = DramModel.ofBytesPerCycle(16, 100);
        Tile tile = new Tile(32, 32, 32);
        TileWalk.Totals ref = TileWalk.walk(w, false, tile, LoopOrder.MN, buffer, dram, 100, OnChip.NONE,
                NmArrayModel.tileCost(a), null, SkipQuantum.TILE);
        PeriodicTileWalk.walkedTiles.set(0);
        TileWalk.Totals fast = PeriodicTileWalk.walk(w, false, tile, LoopOrder.MN, buffer, dram, 100, OnChip.NONE,
                NmArrayModel.tileCost(a), SkipQuantum.TILE);
        assertThat(totals(fast)).isEqualTo(totals(ref));
        assertThat(fast.pipe().tiles()).isEqualTo(64 * 64 * 64);
        assertThat(PeriodicTileWalk.walkedTiles.get()).isLessThan(64 * 64 * 64 / 100);
    }

    private static List<Object> totals(TileWalk.Totals t) {
        List<Object> out = new ArrayList<>();
        TilePipeline p = t.pipe();
        out.add(p.total());
        out.add(p.computeCycles());
        out.add(p.memoryCycles());
        out.add(p.stallCycles());
        out.add(p.tiles());
        out.add(t.dramBytes());
        out.add(t.bufReads());
        out.add(t.bufWrites());
        out.add(t.tileText());
        out.add(t.macsIssued());
        out.add(t.portBound());
        out.add(t.metadataBytes());
        return out;
    }
}
