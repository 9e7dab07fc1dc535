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
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sliding-window attention: tiles entirely before the window's start are skipped like those above the diagonal. */
class SlidingWindowTilesTest {
    private static final BufferSpec BIG = new BufferSpec(1024, 1e6, 1, true);
    private static final DramModel FAST = DramModel.ofBytesPerCycle(1e6, 0);
    private static final NmArraySpec ARRAY = new NmArraySpec(4, 4, Dataflow.OS, 8, List.of(), "glb");

    /*
     * 12 queries, 12 keys, window 4 (query q sees keys q-3..q), 4x4 OS array, tiles 4 x 4 x 4, loop order mn, 8-bit
     * operands (16 B per tile).
     *   Scores Q·Kᵀ (k = 4): row tile 0 (queries 0-3) sees keys 0-3: key tile 0 only. Row tile 1 (4-7) sees keys
     *   1-7: key tiles 0 and 1. Row tile 2 (8-11) sees keys 5-11: key tiles 1 and 2 (tile 0, keys 0-3, is before
     *   every row's window). 5 of 9 tiles (causal alone: 6): 5 x 64 = 320 MACs issued; useful = pairs x k, pairs
     *   = 1 + 2 + 3 + 9 x 4 = 42 -> 168. Compute: 5 folds of T + R + C - 2 = 10 -> 50 (every cycle counted,
     *   as the RTL counts them; SCALE-Sim's last-cycle index would say 49). DRAM: A once per row tile
     *   3 x 16, B and C per tile 5 x 16 each -> 208 B.
     *   P·V (k = 12 keys, n = 4): the same 5 (row tile, key tile) pairs, 320 issued, 168 useful; k is split, so A
     *   and B load per tile (5 x 16 each) and C leaves once per row tile (3 x 16): 208 B.
     */
    @Test
    void tilesBeforeTheWindowAreSkipped() {
        GemmWork qk = new GemmWork(1, 12, 4, 12, 8, 8, false, null, null, new CausalMask("n", 0, 1, 4));
        OpCost s = NmArrayModel.run(qk, ARRAY, false, new Tile(4, 4, 4), LoopOrder.MN, BIG, FAST, OnChip.NONE);
        assertThat(s.macsIssued()).isEqualTo(320);
        assertThat(s.macsUseful()).isEqualTo(168);
        assertThat(s.computeCycles()).isEqualTo(50);
        assertThat(s.dramBytes()).isEqualTo(208);
        GemmWork pv = new GemmWork(1, 12, 12, 4, 8, 8, false, null, null, new CausalMask("k", 0, 1, 4));
        OpCost p = NmArrayModel.run(pv, ARRAY, false, new Tile(4, 4, 4), LoopOrder.MN, BIG, FAST, OnChip.NONE);
        assertThat(p.macsIssued()).isEqualTo(320);
        assertThat(p.macsUseful()).isEqualTo(168);
        assertThat(p.dramBytes()).isEqualTo(208);
        // causal without a window: 6 tiles
        GemmWork causal = new GemmWork(1, 12, 4, 12, 8, 8, false, null, null, new CausalMask("n", 0, 1));
        OpCost c = NmArrayModel.run(causal, ARRAY, false, new Tile(4, 4, 4), LoopOrder.MN, BIG, FAST, OnChip.NONE);
        assertThat(c.macsIssued()).isEqualTo(384);
    }
}
