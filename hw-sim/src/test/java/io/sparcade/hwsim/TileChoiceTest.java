package io.sparcade.hwsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.dataflow.DataflowGraph;
import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.GraphBuilder;
import io.sparcade.dataflow.OpNode;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.ComputeUnitSpec;
import io.sparcade.model.spec.Override;
import io.sparcade.model.spec.Specs;
import io.sparcade.scheduler.Compatibility;
import io.sparcade.scheduler.ListScheduler;
import io.sparcade.scheduler.Placement;
import io.sparcade.scheduler.TilePlan;
import io.sparcade.scheduler.Tiler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A larger buffer never makes a node's automatic tile dearer: every tile that fits half the buffer fits the whole,
 * and the candidates of every halved budget are priced too, so the chosen tile's standalone cycles at twice the
 * buffer are at most (1 + {@link Tiler#CYCLES_TOLERANCE}) times those at the buffer (the choice takes the fewest
 * bytes among the candidates within that tolerance of the fewest cycles, which can only fall as candidates are
 * added). Before the halved budgets were priced, Q·Kᵀ of a 2,048-token prefill on flightllm-u280 took 983,213
 * cycles with a 4 MiB buffer against 884,863 with 2 MiB.
 */
class TileChoiceTest {
    @ParameterizedTest(name = "{0} {1} context {3}")
    @CsvSource({"flightllm-u280, dsp, uram, 2048", "flightllm-u280, dsp, uram, 512", "sat-vcu1525, array, glb, 2048",
        "sat-16x16-ws, array, glb, 1024"})
    void aLargerBufferNeverMakesANodeDearer(String preset, String unitName, String buffer, int context) {
        OperatorModel model = new OperatorModel();
        DataflowGraph graph = new GraphBuilder("llama2-7b").build(Specs.workload("llama2-7b",
                Map.of("phase", "prefill", "context", String.valueOf(context)), List.of()));
        long[] prev = new long[graph.nodes().size()];
        for (int kib = 256; kib <= 65536; kib *= 2) {
            Architecture arch = Specs.architecture(preset, List.of(Override.parse("units." + buffer + ".capacity_kib=" + kib)));
            ComputeUnitSpec u = (ComputeUnitSpec) arch.units().get(unitName);
            for (int i = 0; i < prev.length; i++) {
                OpNode n = graph.nodes().get(i);
                if (!(n.work() instanceof GemmWork g) || !Compatibility.canRun(u, g)) {
                    continue;
                }
                boolean sparse = Compatibility.runsSparse(u, g);
                long cycles;
                try {
                    TilePlan t = ListScheduler.autoTiling(model, n, g, unitName, u, sparse, arch, null);
                    cycles = model.cycles(n, new Placement(unitName, u, sparse, t, n.onChip()), arch);
                } catch (io.sparcade.model.SpecException nothingFits) {
                    continue;
                }
                if (prev[i] > 0) {
                    assertThat((double) cycles).as("%s at %d KiB", n.name(), kib)
                            .isLessThanOrEqualTo(prev[i] * (1 + Tiler.CYCLES_TOLERANCE));
                }
                prev[i] = cycles;
            }
        }
    }
}
