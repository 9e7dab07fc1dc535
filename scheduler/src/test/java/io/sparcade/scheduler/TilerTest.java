package io.sparcade.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.model.SpecException;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.ComputeUnitSpec;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.DspChainSpec;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.Tile;
import io.sparcade.model.workload.NmPattern;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Tile choice against buffer capacity and array geometry, and the DRAM traffic of a tiling. */
class TilerTest {
    /** 64 x 32 x 48 dense 8-bit GEMM: A 2048 B, B 1536 B, C 3072 B. */
    static final GemmWork DENSE = new GemmWork(1, 64, 32, 48, 8, 8, true, null);
    /** The same GEMM with its weight 2:8 along k. */
    static final GemmWork SPARSE = new GemmWork(1, 64, 32, 48, 8, 8, true, new NmPattern(2, 8, "k"));

    static BufferSpec buffer(long bytes) {
        return new BufferSpec(bytes / 1024.0, 64, 1, true);
    }

    /** Per dimension (m, k, n): the array size a cut must be a multiple of, 0 for the temporal one (see Tiler). */
    static long[] spatial(NmArraySpec a) {
        return switch (a.dataflow()) {
            case OS -> new long[] {a.rows(), 0, a.cols()};
            case WS -> new long[] {0, a.rows(), a.cols()};
            case IS -> new long[] {a.cols(), a.rows(), 0};
        };
    }

    static Stream<Arguments> randomCases() {
        SplittableRandom r = new SplittableRandom(20261122L);
        return Stream.generate(() -> {
            Dataflow df = Dataflow.values()[r.nextInt(3)];
            NmArraySpec array = new NmArraySpec(1 << r.nextInt(2, 6), 1 << r.nextInt(2, 6), df, 8, List.of(4, 8), "glb");
            NmPattern nm = r.nextBoolean() ? null : new NmPattern(1 << r.nextInt(0, 2), 8, "k");
            GemmWork w = new GemmWork(1, r.nextLong(1, 2000), 8L * r.nextLong(1, 300), r.nextLong(1, 2000), 8,
                    r.nextBoolean() ? 4 : 8, true, nm);
            long cap = 1024L * r.nextLong(4, 512);
            return Arguments.of(w, array, nm != null && r.nextBoolean(), cap);
        }).limit(300);
    }

    @ParameterizedTest
    @MethodSource("randomCases")
    void planCutsSpatialDimsAtArrayMultiplesAndFitsTheBuffer(GemmWork w, NmArraySpec array, boolean sparse, long cap) {
        long[] dims = Tiler.dims(w, sparse);
        long[] g = spatial(array);
        TilePlan plan;
        try {
            plan = Tiler.plan(w, array, sparse, "array", "glb", buffer(cap), buffer(cap).capacityBytes(), "op");
        } catch (SpecException e) {
            // Only when the smallest tile (array-sized spatial dims, temporal dim 1) does not fit.
            long[] min = new long[3];
            for (int d = 0; d < 3; d++) {
                min[d] = g[d] == 0 ? 1 : Math.min(g[d], dims[d]);
            }
            assertThat(Tiler.footprint(w, sparse, min[0], min[1], min[2], true)).as(e.getMessage()).isGreaterThan(cap);
            return;
        }
        long[] t = {plan.tile().m(), plan.tile().k(), plan.tile().n()};
        assertThat(plan.footprintBytes()).isEqualTo(Tiler.footprint(w, sparse, t[0], t[1], t[2], true)).isLessThanOrEqualTo(cap);
        for (int d = 0; d < 3; d++) {
            assertThat(t[d]).isBetween(1L, dims[d]);
            if (g[d] > 0 && t[d] < dims[d]) {
                assertThat(t[d] % g[d]).as("dim %d cut at %d, array %d", d, t[d], g[d]).isZero();
            }
        }
        int temporal = g[0] == 0 ? 0 : g[1] == 0 ? 1 : 2;
        if (t[temporal] < dims[temporal]) {
            for (int d = 0; d < 3; d++) {
                if (d != temporal) {
                    assertThat(t[d]).as("temporal dim cut while spatial dim %d could shrink", d).isLessThanOrEqualTo(g[d]);
                }
            }
        }
        LoopOrder best = Tiler.dramBytes(w, sparse, plan.tile(), LoopOrder.MN) <= Tiler.dramBytes(w, sparse, plan.tile(), LoopOrder.NM)
                ? LoopOrder.MN : LoopOrder.NM;
        assertThat(plan.loopOrder()).isEqualTo(best);
    }

    @ParameterizedTest
    @CsvSource({"OS, 16, 32, 16", "WS, 64, 16, 16", "IS, 16, 16, 48"})
    void aGemmThatFitsIsStillStreamedInSpatialTiles(Dataflow df, long m, long k, long n) {
        // 64x32x48 fits 1 MiB whole, but is cut along its spatial dimensions (largest first, at multiples of 16)
        // towards STREAM_TILES tiles so transfers overlap compute:
        //   OS (m, n spatial): m 64->32, n 48->32, m 32->16, n 32->16: 4 x 3 = 12 tiles, no further cut possible.
        //   WS (k, n spatial): n 48->32, k 32->16, n 32->16: 2 x 3 = 6 tiles.
        //   IS (m, k spatial): m 64->32, m 32->16, k 32->16: 4 x 2 = 8 tiles.
        NmArraySpec array = new NmArraySpec(16, 16, df, 8, List.of(), "glb");
        TilePlan plan = Tiler.plan(DENSE, array, false, "array", "glb", buffer(1 << 20), buffer(1 << 20).capacityBytes(), "op");
        assertThat(plan.tile()).isEqualTo(new Tile(m, k, n));
    }

    @Test
    void aLargeGemmGetsAtLeastStreamTiles() {
        GemmWork big = new GemmWork(1, 1, 4096, 4096, 8, 8, true, null);
        NmArraySpec ws = new NmArraySpec(32, 32, Dataflow.WS, 8, List.of(), "glb");
        Tile t = Tiler.plan(big, ws, false, "array", "glb", buffer(64L << 20), buffer(64L << 20).capacityBytes(), "op").tile();
        long tiles = (4096 / t.k()) * (4096 / t.n());
        assertThat(tiles).isGreaterThanOrEqualTo(Tiler.STREAM_TILES);
        assertThat(t.m()).as("temporal m is not cut").isEqualTo(1);
    }

    @Test
    void handComputedPlansPerDataflow() {
        // footprint = 2 x (A + B + 4-byte accumulators): the double buffer holds two of each (the engines store one
        // output tile while the next accumulates). Whole GEMM: 2*(2048 + 1536 + 12288) = 31744 B; 8 KiB forces cuts.
        BufferSpec glb = buffer(8 * 1024);
        // OS, 16x16: m and n are spatial; m 64 -> 32: 2*(1024+1536+6144) = 17408; n 48 -> 32: 2*(1024+1024+4096)
        // = 12288; m 32 -> 16 (tie, first): 2*(512+1024+2048) = 7168 fits (8 tiles); streaming cuts n to 16 (12 tiles).
        assertThat(Tiler.plan(DENSE, new NmArraySpec(16, 16, Dataflow.OS, 8, List.of(), "glb"), false, "a", "glb", glb, glb.capacityBytes(), "op").tile())
                .isEqualTo(new Tile(16, 32, 16));
        // WS, 16x16: k and n are spatial; m is temporal. n 48 -> 32: 2*(2048+1024+8192) = 22528; k 32 -> 16:
        // 2*(1024+512+8192) = 19456; n 32 -> 16: 2*(1024+256+4096) = 10752; k and n are at 16, so m halves:
        // 2*(512+256+2048) = 5632 fits (12 tiles, no spatial cut left).
        assertThat(Tiler.plan(DENSE, new NmArraySpec(16, 16, Dataflow.WS, 8, List.of(), "glb"), false, "a", "glb", glb, glb.capacityBytes(), "op").tile())
                .isEqualTo(new Tile(32, 16, 16));
        // IS, 16x16: m (cols) and k (rows) are spatial; n is temporal. m 64 -> 32: 17408; m and k tie at 32, the
        // first (m) is cut: 16: 2*(512+1536+3072) = 10240; k 32 -> 16: 2*(256+768+3072) = 8192 fits (8 tiles).
        assertThat(Tiler.plan(DENSE, new NmArraySpec(16, 16, Dataflow.IS, 8, List.of(), "glb"), false, "a", "glb", glb, glb.capacityBytes(), "op").tile())
                .isEqualTo(new Tile(16, 16, 48));
    }

    @Test
    void temporalDimIsHalvedOnlyAfterSpatialDimsReachTheArray() {
        // WS 32x32 on 64x32x48: k = 32 cannot shrink, n -> 32; then m (temporal) halves until it fits 4 KiB:
        // footprint(m, 32, 32) = 2*(32m + 1024 + 128m) = 320m + 2048 <= 4096 -> m = 4.
        NmArraySpec ws = new NmArraySpec(32, 32, Dataflow.WS, 8, List.of(), "glb");
        assertThat(Tiler.plan(DENSE, ws, false, "a", "glb", buffer(4096), buffer(4096).capacityBytes(), "op").tile()).isEqualTo(new Tile(4, 32, 32));
    }

    @Test
    void smallestTileNotFittingFailsNamingNodeBufferUnitAndSizes() {
        NmArraySpec ws = new NmArraySpec(32, 32, Dataflow.WS, 8, List.of(), "glb");
        // smallest tile 1x32x32: 2*(32 + 1024 + 128) = 2368 B > 2048 B
        assertThatThrownBy(() -> Tiler.plan(DENSE, ws, false, "array", "glb", buffer(2048), buffer(2048).capacityBytes(), "fc1"))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("no tile of 'fc1' fits buffer 'glb' of unit 'array'")
                .hasMessageContaining("the smallest (1x32x32) needs 2368 B, the unit's share of the buffer holds 2048 B");
    }

    @Test
    void footprintCountsDoubleBufferedOperandsIndexBitsAndAccumulators() {
        assertThat(Tiler.footprint(DENSE, false, 16, 32, 16, true)).isEqualTo(2 * (512 + 512 + 16 * 16 * 4));
        assertThat(Tiler.footprint(DENSE, false, 16, 32, 16, false)).isEqualTo(512 + 512 + 16 * 16 * 4);
        // sparse 2:8: the 8 compressed k positions span 4 groups of 8 activations (A: 16 x 32 B); B elements carry
        // 8 + log2(8) = 11 bits (8 x 16 x 11 / 8 = 176 B)
        assertThat(Tiler.footprint(SPARSE, true, 16, 8, 16, true)).isEqualTo(2 * (16 * 32 + 176 + 16 * 16 * 4));
        // 7 positions end mid-group: a tile may touch ceil(7/2) + 1 = 5 groups (40 activations a row)
        assertThat(Tiler.footprint(SPARSE, true, 16, 7, 16, false)).isEqualTo(16 * 40 + (7 * 16 * 11 + 7) / 8 + 16 * 16 * 4);
    }

    @Test
    void dramBytesForBothLoopOrdersHandComputed() {
        Tile tile = new Tile(16, 32, 16); // 4 row tiles, 3 column tiles, k whole
        // mn: A once, B once per row tile: 2048 + 4*1536 + 3072
        assertThat(Tiler.dramBytes(DENSE, false, tile, LoopOrder.MN)).isEqualTo(11264);
        // nm: A once per column tile, B once: 3*2048 + 1536 + 3072
        assertThat(Tiler.dramBytes(DENSE, false, tile, LoopOrder.NM)).isEqualTo(10752);
        // k split: both re-read whatever the order: 3*2048 + 4*1536 + 3072
        Tile kSplit = new Tile(16, 8, 16);
        assertThat(Tiler.dramBytes(DENSE, false, kSplit, LoopOrder.MN)).isEqualTo(15360);
        assertThat(Tiler.dramBytes(DENSE, false, kSplit, LoopOrder.NM)).isEqualTo(15360);
    }

    @Test
    void dramBytesOfASparseWeightDependOnWhetherTheUnitExploitsIt() {
        // compressed B: ceil(32*48*2/8) = 384 values of 8 + 3 index bits = 528 B; k iterated compressed: 8
        Tile tile = new Tile(16, 8, 16);
        assertThat(SPARSE.bBytes()).isEqualTo(528);
        assertThat(Tiler.dramBytes(SPARSE, true, tile, LoopOrder.MN)).isEqualTo(2048 + 4 * 528 + 3072);
        // a dense unit reads the decompressed weight and iterates the full k (so this tile splits k)
        assertThat(Tiler.denseBBytes(SPARSE)).isEqualTo(1536);
        assertThat(Tiler.dramBytes(SPARSE, false, new Tile(16, 32, 16), LoopOrder.MN)).isEqualTo(2048 + 4 * 1536 + 3072);
    }

    @Test
    void fixedTileIsClippedAndCheckedAgainstTheBuffer() {
        TilePlan p = Tiler.fixed(DENSE, false, new Tile(1000, 16, 1000), null, "glb", buffer(1 << 20), buffer(1 << 20).capacityBytes(), "map.yaml: operators.fc.tile");
        assertThat(p.tile()).isEqualTo(new Tile(64, 16, 48));
        assertThat(p.loopOrder()).isEqualTo(LoopOrder.MN); // k split: both orders move the same bytes, mn wins ties
        assertThat(Tiler.fixed(DENSE, false, new Tile(16, 32, 16), LoopOrder.MN, "glb", buffer(1 << 20), buffer(1 << 20).capacityBytes(), "f").loopOrder())
                .isEqualTo(LoopOrder.MN);
        assertThatThrownBy(() -> Tiler.fixed(DENSE, false, new Tile(64, 32, 48), null, "glb", buffer(8192), buffer(8192).capacityBytes(), "map.yaml: operators.fc.tile"))
                .isInstanceOf(SpecException.class)
                .hasMessage("map.yaml: operators.fc.tile: tile 64x32x48 needs 31744 B (double-buffered), but the unit's share of buffer 'glb' holds 8192 B");
    }

    @Test
    void dspChainsCutNAtChainMultiples() {
        ComputeUnitSpec dsp = new DspChainSpec(16, 4, 2, true, List.of(8), 8, "glb");
        TilePlan p = Tiler.plan(new GemmWork(1, 8, 64, 100, 8, 8, true, null), dsp, false, "dsp", "glb", buffer(4096), buffer(4096).capacityBytes(), "op");
        assertThat(p.tile().n() % 16 == 0 || p.tile().n() == 100).isTrue();
        assertThat(p.tile().m() % 2 == 0 || p.tile().m() == 8).isTrue();
        assertThat(p.footprintBytes()).isLessThanOrEqualTo(4096);
    }

    @Test
    void sparseDspChainsCutNAtChainsTimesSegments() {
        // 16 chains of 8 DSPs at 2:8: segments of 8/2 = 4 DSPs, 2 per chain, so a cycle covers 16 x 2 = 32
        // columns (sc_csd_seq.sv): n tiles are multiples of 32
        DspChainSpec dsp = new DspChainSpec(16, 4, 2, true, List.of(8), 8, "glb");
        GemmWork w = new GemmWork(1, 8, 256, 200, 8, 8, true, new NmPattern(2, 8, "k"));
        assertThat(dsp.columnsPerCycle(w.effectiveK(), 2)).isEqualTo(32);
        TilePlan p = Tiler.plan(w, dsp, true, "dsp", "glb", buffer(4096), buffer(4096).capacityBytes(), "op");
        assertThat(p.tile().n() % 32 == 0 || p.tile().n() == 200).as(p.tile().toString()).isTrue();
    }

    /**
     * A causal P·V of 65,536 tokens (k = keys, temporal on a DSP chain of 128 columns a cycle) with a 4 MiB
     * double-buffered share: at the smallest spatial tile (2 x 65,536 x 128) V alone (65,536 x 128 B, twice) does not
     * fit, so the key dimension must be cut, and the mask cuts it to the row tile's keys anyway. Hand derivation of
     * the tile tm x tm x 128: 2 x (tm² + 128 tm + 4 x 128 tm) B; tm = 1,024 needs 2 x (1,048,576 + 131,072 +
     * 524,288) = 3,407,872 B, fits; tm = 2,048 needs 2 x (4,194,304 + 262,144 + 1,048,576) = 11,010,048 B, does not.
     * Cutting k from 65,536 at the smallest row tile first would give 2 x 2 x 128 (1.7e10 kept tiles).
     */
    @Test
    void causalKeysOnTheTemporalDimensionFollowTheRowTile() {
        DspChainSpec dsp = new DspChainSpec(128, 4, 2, true, List.of(8), 8, "glb");
        GemmWork pv = new GemmWork(32, 65536, 65536, 128, 8, 8, false, null, null,
                new io.sparcade.model.workload.CausalMask("k", 0, 1));
        assertThat(Tiler.granularity(dsp, pv, false)).containsExactly(2, 0, 128);
        TilePlan p = Tiler.plan(pv, dsp, false, "dsp", "glb", buffer(4 << 20), 4 << 20, "pv");
        assertThat(p.tile()).isEqualTo(new Tile(1024, 1024, 128));
        assertThat(p.footprintBytes()).isEqualTo(3_407_872);
    }

    /**
     * The motivating case, scaled down: an 8:16-like chain whose N:M column block (chains x segments = 32) leaves n
     * (64) only two sizes, so the spatial-first rule cuts the rows to the packing's 2 and then halves k. Dims
     * (m, compressed k, n) = (256, 1,024 x 2/8 = 256, 64), granularity (2, temporal, 32), 2:8 so an even tk spans
     * 4 tk activations a row, B elements 8 + 3 index bits. footprint(tm, tk, tn) = 2 x (4 tm tk + 11 tk tn / 8 +
     * 4 tm tn); the share holds 16 KiB. Whole-node bytes: A 256 x 1,024 = 262,144; B 256 x 64 x 11 / 8 = 22,528;
     * C 256 x 64 = 16,384.
     * - Spatial first: m 256 -> 128 -> 64, then the tie m = n = 64 cuts m -> 32, n -> 32, then m -> 16, 8, 4, 2;
     *   at 2 x 256 x 32 the footprint is 2 x (2,048 + 11,264 + 256) = 27,136 > 16,384, so k halves to 128:
     *   2 x (1,024 + 5,632 + 256) = 13,824 fits. k is split, so A is read per column tile (2) and B per row tile
     *   (128): 2 x 262,144 + 128 x 22,528 + 16,384 = 3,424,256 bytes.
     * - Fewest bytes: 16 x 16 x 64 needs 2 x (1,024 + 1,408 + 4,096) = 13,056 and moves A once (one column tile),
     *   B per row tile (16): 262,144 + 16 x 22,528 + 16,384 = 638,976 bytes, 5.4x fewer, in 16 x 16 x 1 = 256
     *   tiles. (That no tile the cuts reach moves fewer is what the exhaustive test below checks.)
     */
    @Test
    void theFewestBytesTileAvoidsCuttingRowsToThePackingOnAWideChainBlock() {
        DspChainSpec dsp = new DspChainSpec(16, 4, 2, true, List.of(8), 8, "glb");
        GemmWork w = new GemmWork(1, 256, 1024, 64, 8, 8, true, new NmPattern(2, 8, "k"));
        assertThat(Tiler.granularity(dsp, w, true)).containsExactly(2, 0, 32);
        BufferSpec glb = buffer(16 * 1024);
        List<TilePlan> c = Tiler.candidates(w, dsp, true, "dsp", "glb", glb, glb.capacityBytes(), "op", 0);
        assertThat(c).hasSize(2);
        assertThat(c.get(0)).isEqualTo(Tiler.plan(w, dsp, true, "dsp", "glb", glb, glb.capacityBytes(), "op", 0));
        assertThat(c.get(0).tile()).isEqualTo(new Tile(2, 128, 32));
        assertThat(c.get(0).footprintBytes()).isEqualTo(13_824);
        assertThat(Tiler.dramBytes(w, true, c.get(0).tile(), c.get(0).loopOrder())).isEqualTo(3_424_256);
        assertThat(c.get(1).tile()).isEqualTo(new Tile(16, 16, 64));
        assertThat(c.get(1).footprintBytes()).isEqualTo(13_056);
        assertThat(Tiler.dramBytes(w, true, c.get(1).tile(), c.get(1).loopOrder())).isEqualTo(638_976);
    }

    /** The cheapest by cycles wins; equal cycles go to fewer off-chip bytes, then to the first; refusals are skipped. */
    @Test
    void chooseTakesTheFewestCyclesThenBytesAndSkipsRefusals() {
        TilePlan whole = new TilePlan(new Tile(64, 32, 48), LoopOrder.MN, 0); // 2,048 + 1,536 + 3,072 = 6,656 B
        TilePlan rows = new TilePlan(new Tile(16, 32, 48), LoopOrder.MN, 0); // 2,048 + 4 x 1,536 + 3,072 = 11,264 B
        TilePlan kSplit = new TilePlan(new Tile(16, 8, 16), LoopOrder.MN, 0); // 3 x 2,048 + 4 x 1,536 + 3,072 = 15,360 B
        List<TilePlan> all = List.of(kSplit, rows, whole);
        assertThat(Tiler.choose(all, DENSE, false, p -> p == rows ? 90 : 100)).isSameAs(rows);
        assertThat(Tiler.choose(all, DENSE, false, p -> 100)).isSameAs(whole);
        assertThat(Tiler.choose(List.of(kSplit, rows), DENSE, false, p -> 100)).isSameAs(rows);
        assertThat(Tiler.choose(all, DENSE, false, p -> {
            if (p == rows) {
                throw new SpecException("op", "too long to walk");
            }
            return p == kSplit ? 50 : 100;
        })).isSameAs(kSplit);
        assertThatThrownBy(() -> Tiler.choose(all, DENSE, false, p -> {
            throw new SpecException("op", "refused " + p.tile());
        })).isInstanceOf(SpecException.class).hasMessageContaining("refused 16x8x16");
    }

    static Stream<Arguments> leanCases() {
        SplittableRandom r = new SplittableRandom(20261129L);
        return Stream.generate(() -> {
            ComputeUnitSpec unit = r.nextInt(4) == 0
                    ? new DspChainSpec(1 << r.nextInt(2, 6), 4, 2, r.nextBoolean(), List.of(8), 8, "glb")
                    : new NmArraySpec(1 << r.nextInt(2, 6), 1 << r.nextInt(2, 6), Dataflow.values()[r.nextInt(3)], 8,
                            List.of(4, 8), "glb");
            NmPattern nm = r.nextBoolean() ? null : new NmPattern(1 << r.nextInt(0, 2), 8, "k");
            GemmWork w = new GemmWork(1, r.nextLong(1, 1500), 8L * r.nextLong(1, 200), r.nextLong(1, 1500), 8,
                    r.nextBoolean() ? 4 : 8, r.nextBoolean(), nm);
            long cap = 1024L * r.nextLong(2, 256);
            long floor = r.nextBoolean() ? 0 : 64L * r.nextLong(1, 200);
            return Arguments.of(w, unit, nm != null && r.nextBoolean(), cap, r.nextBoolean(), floor);
        }).limit(300);
    }

    /**
     * Against an exhaustive search written here: every triple of sizes the cuts reach (each spatial dimension
     * halved at multiples of its granularity down to it, the temporal one halved down to 1), every fitting one
     * priced in both loop orders. The fewest-bytes tile has the fewest bytes of all (then the fewest tiles); the
     * streaming one the fewest of those that stream (>= STREAM_TILES tiles, each loading >= the floor) among the
     * tiles that keep the largest temporal size fitting with their spatial sizes (streaming is by spatial cuts).
     */
    @ParameterizedTest
    @MethodSource("leanCases")
    void leanTilesMoveTheFewestBytesOfEveryTileTheCutsReach(GemmWork w, ComputeUnitSpec unit, boolean sparse, long cap,
                                                            boolean db, long floor) {
        long[] dims = Tiler.dims(w, sparse);
        long[] g = Tiler.granularity(unit, w, sparse);
        long bestBytes = Long.MAX_VALUE;
        long bestTiles = Long.MAX_VALUE;
        long bestStreaming = Long.MAX_VALUE;
        int temporal = g[0] == 0 ? 0 : g[1] == 0 ? 1 : 2;
        List<Long> tSizes = sizes(dims[temporal], 0);
        for (long a : sizes(dims[0], g[0])) {
            for (long b : sizes(dims[1], g[1])) {
                for (long c : sizes(dims[2], g[2])) {
                    if (Tiler.footprint(w, sparse, a, b, c, db) > cap) {
                        continue;
                    }
                    // streaming candidates keep the largest temporal size that fits with their spatial sizes
                    long[] larger = {a, b, c};
                    int i = tSizes.indexOf(larger[temporal]);
                    boolean largestTemporal = i == 0;
                    if (i > 0) {
                        larger[temporal] = tSizes.get(i - 1);
                        largestTemporal = Tiler.footprint(w, sparse, larger[0], larger[1], larger[2], db) > cap;
                    }
                    Tile t = new Tile(a, b, c);
                    long bytes = Math.min(Tiler.dramBytes(w, sparse, t, LoopOrder.MN), Tiler.dramBytes(w, sparse, t, LoopOrder.NM));
                    long tiles = ceil(dims[0], a) * ceil(dims[1], b) * ceil(dims[2], c);
                    if (bytes < bestBytes || (bytes == bestBytes && tiles < bestTiles)) {
                        bestBytes = bytes;
                        bestTiles = tiles;
                    }
                    if (largestTemporal && tiles >= Tiler.STREAM_TILES && Tiler.loadBytes(w, sparse, new long[] {a, b, c}) >= floor) {
                        bestStreaming = Math.min(bestStreaming, bytes);
                    }
                }
            }
        }
        List<long[]> lean = Tiler.leanTiles(w, sparse, g, cap, db, floor);
        if (bestBytes == Long.MAX_VALUE) {
            assertThat(lean).isEmpty();
            return;
        }
        long[] any = lean.get(lean.size() - 1);
        Tile anyTile = new Tile(any[0], any[1], any[2]);
        assertThat(Math.min(Tiler.dramBytes(w, sparse, anyTile, LoopOrder.MN), Tiler.dramBytes(w, sparse, anyTile, LoopOrder.NM)))
                .isEqualTo(bestBytes);
        assertThat(ceil(dims[0], any[0]) * ceil(dims[1], any[1]) * ceil(dims[2], any[2])).isEqualTo(bestTiles);
        assertThat(Tiler.footprint(w, sparse, any[0], any[1], any[2], db)).isLessThanOrEqualTo(cap);
        if (bestStreaming != Long.MAX_VALUE) {
            long[] s = lean.get(0);
            Tile st = new Tile(s[0], s[1], s[2]);
            assertThat(Math.min(Tiler.dramBytes(w, sparse, st, LoopOrder.MN), Tiler.dramBytes(w, sparse, st, LoopOrder.NM)))
                    .isEqualTo(bestStreaming);
        } else {
            assertThat(lean).hasSize(1);
        }
    }

    /** The sizes the halving cuts reach from {@code whole}: at multiples of g down to g, or down to 1 when g = 0. */
    private static List<Long> sizes(long whole, long g) {
        List<Long> out = new java.util.ArrayList<>();
        long v = whole;
        out.add(v);
        while (g > 0 ? v > g : v > 1) {
            long half = (v + 1) / 2;
            v = g > 0 ? Math.max(g, (half + g - 1) / g * g) : half;
            out.add(v);
        }
        return out;
    }

    private static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }
}
