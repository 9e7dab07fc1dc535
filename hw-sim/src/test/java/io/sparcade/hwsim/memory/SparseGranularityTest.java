package io.sparcade.hwsim.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparcade.dataflow.GemmOverlay;
import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OnChip;
import io.sparcade.dataflow.PairMask;
import io.sparcade.dataflow.RandomPairs;
import io.sparcade.hwsim.OpCost;
import io.sparcade.hwsim.compute.NmArrayModel;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.Tile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sparsity patterns land on an array at its own granularity: hand-computed cases on small output-stationary
 * arrays (an OS fold covers R rows of m x C columns of n and streams k one step at a time, so it skips a whole
 * R x C block of outputs, or single k steps of a whole fold).
 */
class SparseGranularityTest {
    private static final BufferSpec BIG = new BufferSpec(1024, 1e6, 1, true);
    private static final DramModel FAST = DramModel.ofBytesPerCycle(1e6, 0);

    /**
     * A checkerboard of bw x bw blocks over a rows x cols plane: block (i, j) kept when i + j is even. Counts by
     * brute force over the elements (independent of the model's own mask classes).
     */
    record Checker(long rows, long cols, long bw) implements PairMask {
        boolean keptAt(long r, long c) {
            return ((r / bw) + (c / bw)) % 2 == 0;
        }

        @Override
        public double kept(long r0, long r1, long c0, long c1) {
            long n = 0;
            for (long r = r0; r < r1; r++) {
                for (long c = c0; c < c1; c++) {
                    n += keptAt(r, c) ? 1 : 0;
                }
            }
            return n;
        }

        @Override
        public double keptCellArea(long r0, long r1, long c0, long c1, long qr, long qc) {
            double area = 0;
            for (long a = r0 / qr * qr; a < r1; a += qr) {
                for (long b = c0 / qc * qc; b < c1; b += qc) {
                    long ra = Math.max(a, r0);
                    long rb = Math.min(a + qr, r1);
                    long ca = Math.max(b, c0);
                    long cb = Math.min(b + qc, c1);
                    if (kept(ra, rb, ca, cb) > 0) {
                        area += (double) (rb - ra) * (cb - ca);
                    }
                }
            }
            return area;
        }

        @Override
        public double keptColumns(long r0, long r1, long c0, long c1) {
            long n = 0;
            for (long c = c0; c < c1; c++) {
                n += kept(r0, r1, c, c + 1) > 0 ? 1 : 0;
            }
            return n;
        }

        @Override
        public String granularity() {
            return bw + "x" + bw + " checker";
        }
    }

    /*
     * Scores Q·Kᵀ with m = 8 queries, k = 4, n = 8 keys on a 4x4 OS array, tiles 4 x 4 x 4, loop order mn, 8-bit.
     * Dense: 4 tiles, each one fold of T = 4 plus fill R + C - 2 = 6 -> 4 x 10 = 40 cycles (the RTL's count); 256 MACs; DRAM:
     * A once per row tile 2 x 16 B, B per tile 4 x 16, C per tile 4 x 16 = 160 B.
     * 4x4-block checkerboard, 50%: tiles (0,1) and (1,0) hold no kept pair and are skipped; the two kept tiles are
     * whole: 2 x 10 = 20 cycles, 2 x 64 = 128 MACs issued = 32 kept pairs x k 4 = 128 useful; DRAM: A 2 x 16,
     * B 2 x 16, C 2 x 16 = 96 B.
     * 1x1 checkerboard (element-level), 50%: every 4x4 output block of a fold holds kept pairs: nothing is skipped
     * (40 cycles, 256 MACs issued) although only 128 are useful.
     */
    @Test
    void blockSparseAttentionAlignedToTheFoldSkipsWholeTilesAndElementSparseSkipsNothing() {
        NmArraySpec array = new NmArraySpec(4, 4, Dataflow.OS, 8, List.of(), "glb");
        Tile tile = new Tile(4, 4, 4);
        GemmWork qk = new GemmWork(1, 8, 4, 8, 8, 8, false, null);
        OpCost dense = NmArrayModel.run(qk, array, false, tile, LoopOrder.MN, BIG, FAST, OnChip.NONE);
        assertThat(dense.computeCycles()).isEqualTo(40);
        assertThat(dense.dramBytes()).isEqualTo(160);

        OpCost block = NmArrayModel.run(qk.withOverlay(scores(new Checker(8, 8, 4))), array, false, tile, LoopOrder.MN,
                BIG, FAST, OnChip.NONE);
        assertThat(block.computeCycles()).isEqualTo(20);
        assertThat(block.macsIssued()).isEqualTo(128);
        assertThat(block.macsUseful()).isEqualTo(128);
        assertThat(block.dramBytes()).isEqualTo(96);

        OpCost element = NmArrayModel.run(qk.withOverlay(scores(new Checker(8, 8, 1))), array, false, tile, LoopOrder.MN,
                BIG, FAST, OnChip.NONE);
        assertThat(element.macsUseful()).isEqualTo(128);
        assertThat(element.macsIssued()).isEqualTo(256);
        assertThat(element.computeCycles()).isEqualTo(40);
    }

    private static GemmOverlay scores(PairMask m) {
        return new GemmOverlay(m, null, null, GemmOverlay.Storage.DENSE, 'k', false, 1, m.granularity());
    }

    /*
     * A 64 x 64 x 64 weight GEMM (8-bit) on an 8x8 OS array, one tile, weight B [k, n] at 50% density.
     * Unstructured, bitmap: the array skips a k step of a fold only when the fold's 8 weights of that step (one k,
     * 8 n) are all zero: probability 0.5^8 = 1/256, so 64^3 x 255/256 = 261,120 MACs are issued, 131,072 useful.
     * Bytes: A 4,096 + C 4,096 + B values 4,096 x 0.5 = 2,048 + bitmap 4,096 / 8 = 512 -> 10,752 B, 512 of metadata.
     * 8x8 blocks, 50% (aligned to the fold's 8 columns): a step's 8 weights lie in one block, empty with
     * probability 0.5: 131,072 MACs issued. Bytes: values 2,048 + one bit per block, 64 blocks = 8 B -> 10,248 B.
     */
    @Test
    void unstructuredAndBlockWeightsAtEqualDensity() {
        NmArraySpec array = new NmArraySpec(8, 8, Dataflow.OS, 8, List.of(), "glb");
        Tile tile = new Tile(64, 64, 64);
        GemmWork w = new GemmWork(1, 64, 64, 64, 8, 8, true, null);
        OpCost u = NmArrayModel.run(w.withOverlay(new GemmOverlay(null, null, RandomPairs.elements(64, 64, 0.5),
                GemmOverlay.Storage.BITMAP, 'n', false, 1, "element")), array, false, tile, LoopOrder.MN, BIG, FAST, OnChip.NONE);
        assertThat(u.macsUseful()).isEqualTo(131_072);
        assertThat((double) u.macsIssued()).isCloseTo(261_120, within(1.0));
        assertThat(u.dramBytes()).isEqualTo(10_752);
        assertThat(u.metadataBytes()).isEqualTo(512);

        OpCost b = NmArrayModel.run(w.withOverlay(new GemmOverlay(null, null, new RandomPairs(64, 64, 0.5, 8, 8),
                GemmOverlay.Storage.BLOCKS, 'n', false, 1, "8x8 blocks")), array, false, tile, LoopOrder.MN, BIG, FAST, OnChip.NONE);
        assertThat(b.macsUseful()).isEqualTo(131_072);
        assertThat((double) b.macsIssued()).isCloseTo(131_072, within(1.0));
        assertThat(b.dramBytes()).isEqualTo(10_248);
        assertThat(b.metadataBytes()).isEqualTo(8);
        // equal density, equal useful work: the block pattern runs in about half the cycles, the unstructured one not
        OpCost d = NmArrayModel.run(w, array, false, tile, LoopOrder.MN, BIG, FAST, OnChip.NONE);
        assertThat((double) b.computeCycles() / d.computeCycles()).isCloseTo(0.5, within(0.01));
        assertThat((double) u.computeCycles() / d.computeCycles()).isGreaterThan(0.99);
    }
}
