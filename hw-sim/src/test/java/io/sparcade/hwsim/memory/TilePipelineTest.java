package io.sparcade.hwsim.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tile program's timeline on hand-derived cases (DRAM of 1 byte per cycle, so n bytes take n cycles). */
class TilePipelineTest {
    private static final DramModel ONE = DramModel.ofBytesPerCycle(1, 0);

    @Test
    void oneLoadThenOneTile() {
        TilePipeline p = new TilePipeline(ONE, 0);
        // request in cycle 0, data in cycles 1..10 (the request register), load finished at 11
        assertThat(p.load(10, 0)).isEqualTo(11);
        // visible at 11, the idle unit starts at 12, computes 5 cycles (12..16), retires 1 cycle later (18)
        p.compute(5, 1, 0, 1);
        assertThat(p.total()).isEqualTo(18 + 1);
        assertThat(p.computeCycles()).isEqualTo(5);
        assertThat(p.stallCycles()).isEqualTo(19 - 5);
    }

    @Test
    void doubleBufferedLoadsRunAheadOfCompute() {
        TilePipeline p = new TilePipeline(ONE, 0);
        // loads of tiles 0 and 1 stream back to back (ends 11, 21); tile 0 computes 12..61 (50 cycles),
        // tile 1 starts right after (62..111); the load of tile 2 waits for tile 0 to retire (63).
        assertThat(p.load(10, 0)).isEqualTo(11);
        p.compute(50, 1, 0, 1);
        assertThat(p.load(10, 0)).isEqualTo(21);
        p.compute(50, 2, 0, 1);
        // issued in cycle 63, data 64..73
        assertThat(p.load(10, 1)).isEqualTo(74);
        p.compute(50, 3, 0, 1);
        // tile 2 starts when tile 1's last cycle (111) is over: 112..161, retires 163
        assertThat(p.total()).isEqualTo(163 + 1);
        assertThat(p.computeCycles()).isEqualTo(150);
    }

    @Test
    void latencyDelaysOnlyReadsAndOverlapsBackToBackRequests() {
        TilePipeline p = new TilePipeline(ONE, 5);
        // request 0 in cycle 0, data from 1 + 5 = 6 to 15; request 1 in cycle 1, its latency hidden: 16..25
        assertThat(p.load(10, 0)).isEqualTo(16);
        assertThat(p.load(10, 0)).isEqualTo(26);
        // a store (posted) waits for no latency: tile retires at 26 + 1 + 3 + 1 = 31, store data 32..35
        p.compute(3, 2, 0, 1);
        assertThat(p.store(4, 1)).isEqualTo(36);
        assertThat(p.total()).isEqualTo(37);
    }

    @Test
    void atMostFourTransfersAreOutstanding() {
        TilePipeline p = new TilePipeline(ONE, 100);
        long[] ends = new long[5];
        for (int i = 0; i < 5; i++) {
            ends[i] = p.load(1, 0);
        }
        // requests 0..3 in cycles 0..3; their data from 101, 102, 103, 104; request 4 waits for the first to
        // finish (102), then its latency: 102 + 1 + 100 = 203
        assertThat(ends).containsExactly(102, 103, 104, 105, 204);
    }
}
