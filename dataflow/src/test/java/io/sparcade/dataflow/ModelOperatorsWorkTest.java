package io.sparcade.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The work of the operators hf: and onnx: graphs bring: routed experts, the embedding lookup, views. */
class ModelOperatorsWorkTest {
    /*
     * Mixtral-8x7B decode, batch 1, bf16 weights: each routed projection is a batch of 2 experts (top-2 of 8) of
     * [4096 x 14336], B (the experts' weights) read once per expert: 2 x 4096 x 14336 x 2 B = 234,881,024 B; the
     * router's top-k reads nothing on chip from its fusion group as weights. At batch 8 round(8 x (1 - 0.75^8)) = 7
     * experts are fetched: 7/2 of that.
     */
    @Test
    void onlyTheRoutedExpertsWeightsAreRead() {
        Workload w = Specs.workload("hf:mixtral-8x7b-v0.1", Map.of("phase", "decode"), List.of());
        DataflowGraph g = new GraphBuilder("mixtral").build(w);
        GemmWork gate = (GemmWork) g.node("expert_gate").work();
        assertThat(gate.batch()).isEqualTo(2);
        assertThat(gate.m()).isEqualTo(1);
        assertThat(gate.bIsWeight()).as("one weight per expert, not shared across the batch").isFalse();
        assertThat(gate.bBytes()).isEqualTo(234_881_024L);
        assertThat(g.node("expert_gate").onChip().input(1)).as("B is the experts' weights, from DRAM").isFalse();
        Workload w8 = Specs.workload("hf:mixtral-8x7b-v0.1", Map.of("phase", "decode", "batch", "8"), List.of());
        GemmWork gate8 = (GemmWork) new GraphBuilder("mixtral").build(w8).node("expert_gate").work();
        assertThat(gate8.batch()).isEqualTo(7);
        assertThat(gate8.bBytes()).isEqualTo(234_881_024L / 2 * 7);
        // 8 tokens x 2 = 16 assignments over 7 experts: the busiest, balanced, takes ceil(16 / 7) = 3 rows
        assertThat(gate8.m()).isEqualTo(3);
    }

    /* The embedding reads only the looked-up rows: batch 4 x 4096 x 16 bits = 32,768 B, not the 32000-row table. */
    @Test
    void theEmbeddingReadsItsRows() {
        Workload w = Specs.workload("hf:mistral-7b-v0.1", Map.of("phase", "decode", "batch", "4"), List.of());
        DataflowGraph once = new GraphBuilder("per pass").build(w.perPassWorkload());
        VectorWork embed = (VectorWork) once.node("embed").work();
        assertThat(embed.inputBytes()).isEqualTo(4L * 4096 * 2);
        GemmWork head = (GemmWork) once.node("lm_head").work();
        assertThat(head.bBytes()).isEqualTo(4096L * 32000 * 2);
    }
}
