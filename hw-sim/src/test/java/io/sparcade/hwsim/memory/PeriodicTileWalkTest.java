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
import io.sparcade.model.workload.CausalMask;
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
        check(new Random(seed), false);
    }

    /**
     * Under a causal mask (over n, as Q·Kᵀ, or over k, as P·V; with offsets, grouped query rows and sliding windows)
     * the kept tiles of each row form an interval whose length changes from row to row: the walk skips within each
     * row (and across rows of one shape) and must still give the reference's totals. Sizes run past 32 k tiles per
     * row so that the skipping inside a row's k range is exercised, and odd sizes leave edge tiles everywhere.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sameTotalsUnderACausalMask(long seed) {
        check(new Random(seed ^ 0xca5a1L), true);
    }

    private static void check(Random r, boolean causal) {
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
        CausalMask mask = null;
        if (causal) {
            boolean onN = r.nextBoolean();
            int group = r.nextInt(3) == 0 ? 1 + r.nextInt(8) : 1;
            long offset = r.nextInt(3) == 0 ? r.nextInt(200) : 0;
            long window = r.nextInt(3) == 0 ? 1 + r.nextInt(300) : 0;
            mask = new CausalMask(onN ? "n" : "k", offset, group, window);
            // keys run over n or k: a square-ish attention with the keys the queries (and the offset) reach
            long keys = Math.max(1, (m - 1) / group + offset + 1 + (r.nextBoolean() ? 0 : r.nextInt(50)));
            if (onN) {
                n = keys;
            } else {
                k = sparse ? nm[1] * (1 + (keys - 1) / nm[1]) : keys;
            }
        }
        GemmWork w = new GemmWork(batch, m, k, n, actBits, bBits, bIsWeight, sparse ? new NmPattern(nm[0], nm[1], "k") : null,
                null, mask);
        long kIter = sparse ? k / nm[1] * nm[0] : k;
        Tile tile = new Tile(1 + r.nextInt((int) Math.min(m, 64)), 1 + r.nextInt((int) Math.min(kIter, causal ? 24 : 96)),
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

    /**
     * Causal attention of 2,048 queries over 2,048 keys, 4 heads, in tiles of 8 rows: scores (mask over n) and P·V
     * (mask over k) on a DSP chain, each loop order. About half of the 4 x 256 x 256 tiles are kept; the walk gives
     * the reference's totals having walked under a fifth of them one by one (the k tiles inside a row and the output
     * tiles along it repeat; the heads repeat).
     */
    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({"n, MN", "n, NM", "k, MN", "k, NM"})
    void causalAttentionSkipsWithinRows(String keys, LoopOrder order) {
        boolean onN = keys.equals("n");
        GemmWork w = new GemmWork(4, 2048, onN ? 64 : 2048, onN ? 2048 : 64, 8, 8, false, null, null,
                new CausalMask(keys, 0, 1));
        DspChainSpec d = new DspChainSpec(4, 4, 2, false, List.of(8), 8, "b", 0);
        TileWalk.TileCost unit = DspChainModel.tileCost(d, w, false);
        BufferSpec buffer = new BufferSpec(1 << 20, 64, 1, true);
        DramModel dram = DramModel.ofBytesPerCycle(16, 100);
        Tile tile = onN ? new Tile(8, 64, 8) : new Tile(8, 8, 64);
        TileWalk.Totals ref = TileWalk.walk(w, false, tile, order, buffer, dram, 100, OnChip.NONE, unit, null,
                SkipQuantum.TILE);
        PeriodicTileWalk.walkedTiles.set(0);
        TileWalk.Totals fast = PeriodicTileWalk.walk(w, false, tile, order, buffer, dram, 100, OnChip.NONE, unit,
                SkipQuantum.TILE);
        assertThat(totals(fast)).isEqualTo(totals(ref));
        // kept: the 256 x 257 / 2 tiles on and below the diagonal, per head
        assertThat(ref.pipe().tiles()).isEqualTo(4L * 256 * 257 / 2);
        assertThat(PeriodicTileWalk.walkedTiles.get()).isLessThan(ref.pipe().tiles() / 5);
    }

    /**
     * Programs far longer than a tile-by-tile walk could go through, in bounded time and memory, checked against
     * hand counts: a plain 40,000³ GEMM in tiles of 16³ (2,500³ = 1.5625e10 tiles, 6.4e13 MACs; A is re-read per
     * column tile and B per row tile as k is split: 2,500 x 1.6e9 B each, C written once: 1.6e9 B); a causal P·V of
     * 65,536 tokens and 32 heads in tiles of 2 x 2 x 128 (per head the 32,768 row tiles keep 1 + 2 + ... + 32,768 k
     * tiles: 32 x 32,768 x 32,769 / 2 = 1.718e10 tiles of 512 MACs). The GEMM walks under 10^5 tiles one by one,
     * the P·V under 20 per row tile.
     */
    @Test
    void programsOfBillionsOfTilesInBoundedTime() {
        NmArraySpec a = new NmArraySpec(4, 4, Dataflow.OS, 8, List.of(4), "b");
        BufferSpec buffer = new BufferSpec(64, 64, 1, true);
        DramModel dram = DramModel.ofBytesPerCycle(16, 100);
        GemmWork plain = new GemmWork(1, 40000, 40000, 40000, 8, 8, true, null);
        PeriodicTileWalk.walkedTiles.set(0);
        TileWalk.Totals t = PeriodicTileWalk.walk(plain, false, new Tile(16, 16, 16), LoopOrder.MN, buffer, dram, 100,
                OnChip.NONE, NmArrayModel.tileCost(a), SkipQuantum.TILE);
        assertThat(t.pipe().tiles()).isEqualTo(2500L * 2500 * 2500);
        assertThat(t.macsIssued()).isEqualTo(64_000_000_000_000L);
        assertThat(t.dramBytes()).isEqualTo(2 * 2500L * 1_600_000_000L + 1_600_000_000L);
        assertThat(t.pipe().total()).isGreaterThan(t.pipe().computeCycles());
        assertThat(PeriodicTileWalk.walkedTiles.get()).isLessThan(100_000);

        DspChainSpec d = new DspChainSpec(128, 4, 2, true, List.of(8), 8, "b", 0);
        GemmWork pv = new GemmWork(32, 65536, 65536, 128, 8, 8, false, null, null, new CausalMask("k", 0, 1));
        PeriodicTileWalk.walkedTiles.set(0);
        TileWalk.Totals c = PeriodicTileWalk.walk(pv, false, new Tile(2, 2, 128), LoopOrder.MN,
                new BufferSpec(4096, 64, 1, true), dram, 100, OnChip.NONE, DspChainModel.tileCost(d, pv, false),
                SkipQuantum.TILE);
        long tiles = 32L * 32768 * 32769 / 2;
        assertThat(c.pipe().tiles()).isEqualTo(tiles);
        assertThat(c.macsIssued()).isEqualTo(tiles * 2 * 2 * 128);
        // every row tile keeps a different count, so row tiles are walked one by one (the heads repeat): a few
        // tiles each, logarithmic in the row's length
        assertThat(PeriodicTileWalk.walkedTiles.get()).isLessThan(32768L * 20);
    }

    /**
     * A causal P·V of 2^23 = 8,388,608 tokens in tiles of 2 x 2 x 128: 4,194,304 row tiles, each walked on its own
     * in a few tiles, so over 2^22 tiles one by one: refused, naming the limit, instead of running on.
     */
    @Test
    void aWalkBeyondTheLimitIsRefused() {
        DspChainSpec d = new DspChainSpec(128, 4, 2, true, List.of(8), 8, "b", 0);
        GemmWork pv = new GemmWork(1, 1 << 23, 1 << 23, 128, 8, 8, false, null, null, new CausalMask("k", 0, 1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PeriodicTileWalk.walk(pv, false, new Tile(2, 2, 128),
                        LoopOrder.MN, new BufferSpec(4096, 64, 1, true), DramModel.ofBytesPerCycle(16, 100), 100,
                        OnChip.NONE, DspChainModel.tileCost(d, pv, false), SkipQuantum.TILE))
                .isInstanceOf(PeriodicTileWalk.TooLong.class)
                .hasMessageContaining("2x2x128").hasMessageContaining("4,194,304");
    }

    /** The 65,536-token causal P·V in the tiles the tiler now picks (1,024 x 1,024 x 128): 66,560 kept tiles, walkable. */
    @Test
    void longCausalPvAsTiled() {
        DspChainSpec d = new DspChainSpec(128, 4, 2, true, List.of(8), 8, "b", 0);
        GemmWork pv = new GemmWork(32, 65536, 65536, 128, 8, 8, false, null, null, new CausalMask("k", 0, 1));
        BufferSpec buffer = new BufferSpec(4096, 64, 1, true);
        DramModel dram = DramModel.ofBytesPerCycle(16, 100);
        Tile tile = new Tile(1024, 1024, 128);
        TileWalk.TileCost unit = DspChainModel.tileCost(d, pv, false);
        TileWalk.Totals ref = TileWalk.walk(pv, false, tile, LoopOrder.MN, buffer, dram, 100, OnChip.NONE, unit, null,
                SkipQuantum.TILE);
        TileWalk.Totals fast = PeriodicTileWalk.walk(pv, false, tile, LoopOrder.MN, buffer, dram, 100, OnChip.NONE, unit,
                SkipQuantum.TILE);
        assertThat(ref.pipe().tiles()).isEqualTo(32L * 64 * 65 / 2);
        assertThat(totals(fast)).isEqualTo(totals(ref));
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
