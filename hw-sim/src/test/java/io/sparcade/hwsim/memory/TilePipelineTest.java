package io.sparcade.hwsim.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Double-buffered overlap of transfers and compute, by hand. */
class TilePipelineTest {
    @Test
    void doubleBufferingOverlapsTheNextTransferWithThisCompute() {
        TilePipeline p = new TilePipeline(true);
        p.add(10, 5);
        p.add(10, 5);
        p.add(10, 5);
        // load 10, then max(10, 5) twice, then the last compute 5
        assertThat(p.total()).isEqualTo(35);
        assertThat(p.computeCycles()).isEqualTo(15);
        assertThat(p.memoryCycles()).isEqualTo(30);
        assertThat(p.stallCycles()).isEqualTo(20);
    }

    @Test
    void computeBoundTilesHideTheirTransfers() {
        TilePipeline p = new TilePipeline(true);
        p.add(2, 9, 4);
        assertThat(p.total()).isEqualTo(2 + 9 * 4);
        assertThat(p.stallCycles()).isEqualTo(2);
    }

    @Test
    void withoutDoubleBufferingEveryTileWaitsForItsTransfer() {
        TilePipeline p = new TilePipeline(false);
        p.add(10, 5, 3);
        assertThat(p.total()).isEqualTo(45);
        assertThat(p.stallCycles()).isEqualTo(30);
    }

    @Test
    void batchAddEqualsAddingOneByOne() {
        TilePipeline a = new TilePipeline(true);
        TilePipeline b = new TilePipeline(true);
        a.add(3, 7);
        a.add(6, 4, 5);
        b.add(3, 7);
        for (int i = 0; i < 5; i++) {
            b.add(6, 4);
        }
        assertThat(a.total()).isEqualTo(b.total());
        assertThat(a.stallCycles()).isEqualTo(b.stallCycles());
    }
}
