package io.sparcade.hwsim.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OnChip;
import io.sparcade.hwsim.OpCost;
import io.sparcade.hwsim.memory.DramModel;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.Tile;
import io.sparcade.model.workload.CausalMask;
import io.sparcade.model.workload.NmPattern;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The N:M array's cycle model on hand-computed cases (64x64x64 GEMM on an 8x8 array). */
class NmArrayModelTest {
    private static final BufferSpec BIG = new BufferSpec(1024, 1e6, 1, true);
    private static final DramModel FAST = DramModel.ofBytesPerCycle(1e6, 0);

    /*
     * Hand computation, R = C = 8, m = k = n = 64; N:M 2:4 halves k to 32 (one multiplier per PE).
     *   OS: Sr=m, Sc=n, T=k: folds 8x8 = 64, per fold T+R+C-2 -> dense 64x78 = 4992; 2:4: 64x46 = 2944.
     *   WS: Sr=k, Sc=n, T=m: per fold 2R+C+T-2 = 86; dense folds 8x8 -> 5504; 2:4 folds 4x8 -> 2752.
     *   IS: Sr=k, Sc=m, T=n: as WS -> 5504 dense, 2752 at 2:4.
     * (SCALE-Sim would print one less: the index of the last cycle.)
     */
    @ParameterizedTest(name = "{0}: dense {1}, 2:4 {2}")
    @CsvSource({"os, 4992, 2944", "ws, 5504, 2752", "is, 5504, 2752"})
    void gemm64OnEightByEight(String df, long dense, long sparse) {
        NmArraySpec array = new NmArraySpec(8, 8, dataflow(df), 8, List.of(4), "glb");
        GemmWork denseWork = new GemmWork(1, 64, 64, 64, 8, 8, true, null);
        GemmWork sparseWork = new GemmWork(1, 64, 64, 64, 8, 8, true, new NmPattern(2, 4, "k"));
        OpCost d = NmArrayModel.run(denseWork, array, false, new Tile(64, 64, 64), LoopOrder.MN, BIG, FAST, OnChip.NONE);
        OpCost s = NmArrayModel.run(sparseWork, array, true, new Tile(64, 32, 64), LoopOrder.MN, BIG, FAST, OnChip.NONE);
        assertThat(d.computeCycles()).isEqualTo(dense);
        assertThat(s.computeCycles()).isEqualTo(sparse);
        assertThat(d.macsUseful()).isEqualTo(64L * 64 * 64);
        assertThat(s.macsUseful()).isEqualTo(64L * 32 * 64);
        assertThat(s.macsIssued()).isEqualTo(s.macsUseful());
    }

    /*
     * Causal attention on a 4x4 OS array, tiles of 4 x 4 x 4, loop order mn, 8-bit operands (16 B per tile):
     *   scores Q·Kᵀ, m = 8 queries, k = 4, n = 8 keys: row tile 0 (queries 0-3) sees keys 0-3 only, so tile
     *   (0, key tile 1) is skipped: 3 of 4 tiles, 3 x 64 = 192 MACs issued; useful = pairs x k = (1+...+8) x 4 = 144.
     *   Compute: each tile is one fold of T = 4 plus fill R+C-2 = 6 -> 3 x 10 - 1 = 29 (39 without the mask).
     *   DRAM: A once per row tile 2 x 16, B per tile 3 x 16, C per tile 3 x 16 = 128 B (160 without the mask).
     *   P·V, m = 8, k = 8 keys, n = 4: row tile 0 needs key tile 0 only, row tile 1 both: 3 tiles, 192 issued,
     *   144 useful; k is split so A and B load per tile (3 x 16 each), C once per row tile (2 x 16): 128 B.
     */
    @org.junit.jupiter.api.Test
    void causalTilesAboveTheDiagonalAreSkipped() {
        NmArraySpec array = new NmArraySpec(4, 4, Dataflow.OS, 8, List.of(), "glb");
        CausalMask mask = new CausalMask(null, 0, 1);
        GemmWork qk = new GemmWork(1, 8, 4, 8, 8, 8, false, null, null, new CausalMask("n", 0, 1));
        OpCost s = NmArrayModel.run(qk, array, false, new Tile(4, 4, 4), LoopOrder.MN, BIG, FAST, OnChip.NONE);
        assertThat(s.macsIssued()).isEqualTo(192);
        assertThat(s.macsUseful()).isEqualTo(144);
        // 3 of the 4 output tiles computed, one 4x4 OS fold each: 3 x (4 + 4 + 4 - 2) = 30 cycles
        assertThat(s.computeCycles()).isEqualTo(30);
        assertThat(s.dramBytes()).isEqualTo(128);
        GemmWork full = new GemmWork(1, 8, 4, 8, 8, 8, false, null);
        OpCost f = NmArrayModel.run(full, array, false, new Tile(4, 4, 4), LoopOrder.MN, BIG, FAST, OnChip.NONE);
        assertThat(f.computeCycles()).isEqualTo(40);
        assertThat(f.dramBytes()).isEqualTo(160);
        GemmWork pv = new GemmWork(1, 8, 8, 4, 8, 8, false, null, null, new CausalMask("k", 0, 1));
        OpCost p = NmArrayModel.run(pv, array, false, new Tile(4, 4, 4), LoopOrder.MN, BIG, FAST, OnChip.NONE);
        assertThat(p.macsIssued()).isEqualTo(192);
        assertThat(p.macsUseful()).isEqualTo(144);
        assertThat(p.dramBytes()).isEqualTo(128);
        assertThat(mask.keys()).isEqualTo("cols");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"os", "ws", "is"})
    void spatialFoldAlignedTilingNeverChangesComputeCycles(String df) {
        NmArraySpec array = new NmArraySpec(8, 8, dataflow(df), 8, List.of(), "glb");
        GemmWork w = new GemmWork(1, 100, 72, 40, 8, 8, true, null);
        long whole = NmArrayModel.run(w, array, false, new Tile(100, 72, 40), LoopOrder.MN, BIG, FAST, OnChip.NONE).computeCycles();
        // cuts of the two spatial dimensions at multiples of the array (OS: m, n; WS: k, n; IS: k, m)
        Tile[] spatial = switch (array.dataflow()) {
            case OS -> new Tile[] {new Tile(16, 72, 8), new Tile(24, 72, 16)};
            case WS -> new Tile[] {new Tile(100, 8, 16), new Tile(100, 24, 8)};
            case IS -> new Tile[] {new Tile(16, 8, 40), new Tile(8, 24, 40)};
        };
        for (Tile t : spatial) {
            for (LoopOrder o : LoopOrder.values()) {
                assertThat(NmArrayModel.run(w, array, false, t, o, BIG, FAST, OnChip.NONE).computeCycles())
                        .as("tile %s order %s", t, o).isEqualTo(whole);
            }
        }
        assertThat(whole - 1).isEqualTo(NmArrayModel.scaleSimComputeCycles(array, 100, 72, 40));
        // a user's tile that cuts spatial dimensions off the fold grid leaves PEs idle: it can only cost more
        assertThat(NmArrayModel.run(w, array, false, new Tile(3, 5, 7), LoopOrder.MN, BIG, FAST, OnChip.NONE).computeCycles())
                .isGreaterThan(whole);
    }

    /*
     * Cutting the temporal dimension. OS (temporal k): tiles of one fold (8 x 8 outputs) keep their sums in the
     * PEs across k tiles, so any k cut costs nothing: 100x72x40 on 8x8 OS is 13 x 5 folds of 72 + 14 = 86 cycles
     * = 5590 whatever tk. WS (temporal m): every m tile refills its folds: tiles of 25 rows -> 4 m tiles x
     * 9 x 5 folds x (2x8 + 8 - 2 + 25) = 4 x 45 x 47 = 8460, against 45 x (22 + 100) = 5490 whole.
     */
    @org.junit.jupiter.api.Test
    void cuttingTheTemporalDimensionIsFreeForOutputStationaryFoldsButRefillsStationaryOnes() {
        GemmWork w = new GemmWork(1, 100, 72, 40, 8, 8, true, null);
        NmArraySpec os = new NmArraySpec(8, 8, Dataflow.OS, 8, List.of(), "glb");
        for (long tk : new long[] {72, 36, 10, 1}) {
            assertThat(NmArrayModel.run(w, os, false, new Tile(8, tk, 8), LoopOrder.MN, BIG, FAST, OnChip.NONE).computeCycles())
                    .as("tk %d", tk).isEqualTo(13 * 5 * 86);
        }
        NmArraySpec ws = new NmArraySpec(8, 8, Dataflow.WS, 8, List.of(), "glb");
        assertThat(NmArrayModel.run(w, ws, false, new Tile(100, 72, 40), LoopOrder.MN, BIG, FAST, OnChip.NONE).computeCycles())
                .isEqualTo(45 * 122);
        assertThat(NmArrayModel.run(w, ws, false, new Tile(25, 72, 40), LoopOrder.MN, BIG, FAST, OnChip.NONE).computeCycles())
                .isEqualTo(4 * 45 * 47);
    }

    @ParameterizedTest(name = "unsupported M runs dense ({0})")
    @CsvSource({"os", "ws"})
    void weightsRunDenseWhenTheMuxCannotTakeTheirM(String df) {
        NmArraySpec array = new NmArraySpec(8, 8, dataflow(df), 8, List.of(), "glb");
        GemmWork w = new GemmWork(1, 64, 64, 64, 8, 8, true, new NmPattern(2, 8, "k"));
        OpCost c = NmArrayModel.run(w, array, false, new Tile(64, 64, 64), LoopOrder.MN, BIG, FAST, OnChip.NONE);
        assertThat(c.macsIssued()).isEqualTo(64L * 64 * 64);
        assertThat(c.macsUseful()).isEqualTo(64L * 16 * 64);
        assertThat(c.computeCycles() - 1).isEqualTo(NmArrayModel.scaleSimComputeCycles(array, 64, 64, 64));
    }

    @org.junit.jupiter.api.Test
    void slowDramMakesTheNodeMemoryBoundWithStalls() {
        NmArraySpec array = new NmArraySpec(8, 8, Dataflow.OS, 8, List.of(), "glb");
        GemmWork w = new GemmWork(1, 64, 64, 64, 8, 8, true, null);
        DramModel slow = DramModel.ofBytesPerCycle(1, 0); // 1 byte per cycle
        OpCost c = NmArrayModel.run(w, array, false, new Tile(64, 64, 64), LoopOrder.MN, BIG, slow, OnChip.NONE);
        long bytes = 64 * 64 + 64 * 64 + 64 * 64; // A, B in; C out; one tile
        assertThat(c.dramBytes()).isEqualTo(bytes);
        assertThat(c.memoryBound()).isTrue();
        // One tile at 1 B/cycle: A requested in cycle 0, its 4096 bytes in cycles 1..4096; B requested in cycle 1,
        // streams right after (4097..8192); the tile starts the cycle after (8194) and computes 4992 cycles
        // (..13185); the OS drain writes its 8 rows (retired at 13194); the store is requested then and its
        // 4096 bytes go out in 13195..17290; done one cycle later: 17292.
        assertThat(c.cycles()).isEqualTo(17292);
        assertThat(c.computeCycles()).isEqualTo(4992);
        assertThat(c.stallCycles()).isEqualTo(17292 - 4992);
    }

    @org.junit.jupiter.api.Test
    void nmWeightsCarryIndexBits() {
        GemmWork w = new GemmWork(1, 8, 64, 16, 8, 8, true, new NmPattern(2, 8, "k"));
        // 64x16 weights, 2 of every 8 kept = 256 values of 8 bits + 3 index bits = 352 bytes.
        assertThat(w.bBytes()).isEqualTo(256L * 11 / 8);
        assertThat(w.effectiveK()).isEqualTo(16);
    }

    private static Dataflow dataflow(String id) {
        return Dataflow.valueOf(id.toUpperCase());
    }
}
