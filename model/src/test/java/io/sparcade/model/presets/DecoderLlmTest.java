package io.sparcade.model.presets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.model.SpecException;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.Matmul;
import io.sparcade.model.workload.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** FlightLLM's LLM workloads: phases, length buckets, fusion, precision (papers.md §3). */
class DecoderLlmTest {
    @ParameterizedTest(name = "{0} {1} context {2} -> {3}")
    @CsvSource({"llama2-7b, decode, 1000, 1008", "llama2-7b, decode, 1024, 1024", "llama2-7b, prefill, 300, 384",
        "opt-6.7b, prefill, 128, 128", "opt-6.7b, decode, 1, 16"})
    void contextsRoundUpToTheirBucket(String model, String phase, long ctx, long bucketed) {
        Workload w = Specs.workload(model, Map.of("phase", phase, "context", String.valueOf(ctx)), List.of());
        Matmul qk = (Matmul) w.operators().stream().filter(o -> o.name().equals("qk")).findFirst().orElseThrow();
        assertThat(qk.n()).isEqualTo(bucketed);
        assertThat(qk.m()).isEqualTo(phase.equals("decode") ? 1 : bucketed);
        assertThat(w.parameters()).containsEntry("bucketed_context", String.valueOf(bucketed));
        assertThat(w.repeat()).isEqualTo(32);
        assertThat(w.tokens()).isEqualTo(phase.equals("decode") ? 1 : ctx); // prefill counts the real prompt
    }

    @Test
    void decodeFusesWhatFlightLlmFusesAndPrefillDoesNot() {
        Workload decode = Specs.workload("llama2-7b", Map.of("phase", "decode"), List.of());
        assertThat(decode.fusion()).contains(List.of("qk", "softmax", "pv", "attn"),
                List.of("gate_proj", "up_proj", "silu_mul"));
        assertThat(Specs.workload("llama2-7b", Map.of("phase", "prefill"), List.of()).fusion()).isEmpty();
        assertThat(Specs.workload("opt-6.7b", Map.of(), List.of()).fusion()).contains(List.of("fc1", "relu"));
    }

    @Test
    void weightsCarryTheirBitsAndPattern() {
        Workload w = Specs.workload("opt-6.7b", Map.of("weight_bits", "4", "nm", "4:16"), List.of());
        Gemm fc1 = (Gemm) w.operators().stream().filter(o -> o.name().equals("fc1")).findFirst().orElseThrow();
        assertThat(fc1.weightBits()).isEqualTo(4);
        assertThat(fc1.n()).isEqualTo(16384);
        assertThat(w.sparsityOf("fc1").nm().ratio()).isEqualTo("4:16");
        assertThat(Specs.workload("opt-6.7b", Map.of("nm", "dense"), List.of()).hasSparsity()).isFalse();
    }

    @Test
    void anUnknownPhaseIsRejected() {
        assertThatThrownBy(() -> Specs.workload("llama2-7b", Map.of("phase", "train"), List.of()))
                .isInstanceOf(SpecException.class).hasMessageContaining("phase").hasMessageContaining("'train'");
    }
}
