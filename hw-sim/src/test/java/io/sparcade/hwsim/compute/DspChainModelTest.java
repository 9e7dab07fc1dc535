package io.sparcade.hwsim.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.model.arch.DspChainSpec;
import io.sparcade.model.workload.NmPattern;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FlightLLM's DSP chain model on hand-computed cases: chains of 16 DSP48 (8 groups of 2). */
class DspChainModelTest {
    private final DspChainSpec chains = new DspChainSpec(4, 8, 2, false, List.of(16), 8, "buf");
    private final DspChainSpec packed = new DspChainSpec(4, 8, 2, true, List.of(16), 8, "buf");

    @Test
    void denseChainYieldsOneOutputPerCycleWhenTheReductionFillsIt() {
        GemmWork w = new GemmWork(1, 1, 16, 64, 8, 8, true, null);
        assertThat(DspChainModel.segmentLength(chains, 16, 0)).isEqualTo(16);
        // 64 outputs, one pass each, 4 chains -> 16 cycles
        assertThat(DspChainModel.tileComputeCycles(chains, w, false, 1, 16, 64)).isEqualTo(16);
    }

    @Test
    void shortReductionsBreakTheChainAtGroupBoundaries() {
        GemmWork w = new GemmWork(1, 1, 4, 64, 8, 8, true, null);
        assertThat(DspChainModel.segmentLength(chains, 4, 0)).isEqualTo(4);
        // 4 segments per chain: 64 outputs / (4 chains x 4) = 4 cycles
        assertThat(DspChainModel.tileComputeCycles(chains, w, false, 1, 4, 64)).isEqualTo(4);
    }

    @Test
    void nmSparseChainYieldsNOutputsPerCycle() {
        // 2:16: k=64 keeps 8 terms per output; the chain is cut into N=2 segments of 8 DSPs.
        GemmWork w = new GemmWork(1, 1, 64, 64, 8, 8, true, new NmPattern(2, 16, "k"));
        assertThat(DspChainModel.segmentLength(chains, w.effectiveK(), 2)).isEqualTo(8);
        assertThat(DspChainModel.tileComputeCycles(chains, w, true, 1, w.effectiveK(), 64)).isEqualTo(8);
        // dense, the same k=64 takes 4 passes of 16 per output: 64 x 4 / 4 chains = 64 cycles (8x slower = M/N)
        GemmWork dense = new GemmWork(1, 1, 64, 64, 8, 8, true, null);
        assertThat(DspChainModel.tileComputeCycles(chains, dense, false, 1, 64, 64)).isEqualTo(64);
    }

    @Test
    void int8PackingComputesTwoRowsPerDsp() {
        GemmWork two = new GemmWork(1, 2, 16, 64, 8, 8, true, null);
        assertThat(DspChainModel.packing(packed, two)).isEqualTo(2);
        assertThat(DspChainModel.tileComputeCycles(packed, two, false, 2, 16, 64))
                .isEqualTo(DspChainModel.tileComputeCycles(chains, new GemmWork(1, 1, 16, 64, 8, 8, true, null), false, 1, 16, 64));
        GemmWork wide = new GemmWork(1, 2, 16, 64, 16, 8, true, null);
        assertThat(DspChainModel.packing(packed, wide)).as("16-bit activations do not pack").isEqualTo(1);
    }
}
