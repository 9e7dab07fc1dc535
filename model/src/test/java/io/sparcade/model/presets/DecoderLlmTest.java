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
    // decode: the new token attends to the context and itself (context + 1 keys), rounded up to 16;
    // prefill: the prompt, rounded up to 128
    @ParameterizedTest(name = "{0} {1} context {2} -> {3}")
    @CsvSource({"llama2-7b, decode, 1000, 1008", "llama2-7b, decode, 1024, 1040", "llama2-7b, decode, 1023, 1024",
        "llama2-7b, prefill, 300, 384",
        "opt-6.7b, prefill, 128, 128", "opt-6.7b, decode, 1, 16"})
    void contextsRoundUpToTheirBucket(String model, String phase, long ctx, long bucketed) {
        Workload w = Specs.workload(model, Map.of("phase", phase, "context", String.valueOf(ctx)), List.of());
        Matmul qk = (Matmul) w.operators().stream().filter(o -> o.name().equals("qk")).findFirst().orElseThrow();
        assertThat(qk.n()).isEqualTo(bucketed);
        assertThat(qk.m()).isEqualTo(phase.equals("decode") ? 1 : bucketed);
        assertThat(qk.batch()).isEqualTo(32);
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
    void groupedQueryAttentionSharesKvHeads() {
        // LLaMA2-7B shape with 8 K/V heads: 4 query heads per K/V head; K/V projections 8 x 128 = 1024 wide
        Workload w = Specs.workload("llama2-7b", Map.of("phase", "decode", "kv_heads", "8", "context", "1023"), List.of());
        Gemm k = (Gemm) op(w, "k_proj");
        assertThat(k.n()).isEqualTo(1024);
        Matmul qk = (Matmul) op(w, "qk");
        assertThat(qk.batch()).isEqualTo(8);      // one attention batch per K/V head
        assertThat(qk.m()).isEqualTo(4);          // its 4 query heads share the keys
        assertThat(qk.n()).isEqualTo(1024);       // 1023 cached + the new token
        assertThat(w.inputs().get("k_cache").dims()).containsExactly(8L, 1023L, 128L);
        assertThatThrownBy(() -> Specs.workload("llama2-7b", Map.of("kv_heads", "12"), List.of()))
                .hasMessageContaining("kv_heads").hasMessageContaining("must divide the 32");
    }

    @Test
    void decodeAppendsTheNewKvToTheCacheAndAttentionReadsItBack() {
        Workload w = Specs.workload("llama2-7b", Map.of("phase", "decode", "kv_bits", "4"), List.of());
        io.sparcade.model.workload.Append kw = (io.sparcade.model.workload.Append) op(w, "k_cache_write");
        assertThat(kw.inputs()).containsExactly("k_cache", "rope_k");
        assertThat(kw.bits()).isEqualTo(4);
        assertThat(kw.addedElements()).isEqualTo(32 * 128);
        assertThat(((Matmul) op(w, "qk")).inputs()).containsExactly("q_heads", "k_cache_write");
        assertThat(((Matmul) op(w, "pv")).inputs()).containsExactly("softmax", "v_cache_write");
        assertThat(((Matmul) op(w, "pv")).bBits()).isEqualTo(4);
    }

    @Test
    void prefillAttentionIsCausalOverTheProjections() {
        Workload w = Specs.workload("llama2-7b", Map.of("phase", "prefill", "context", "256"), List.of());
        Matmul qk = (Matmul) op(w, "qk");
        assertThat(qk.inputs()).containsExactly("q_heads", "k_heads");
        assertThat(qk.causal()).isNotNull();
        assertThat(qk.causal().keys()).isEqualTo("n");
        assertThat(((Matmul) op(w, "pv")).causal().keys()).isEqualTo("k");
        assertThat(((Matmul) op(w, "pv")).inputs()).containsExactly("softmax", "v_heads");
        assertThat(w.inputs()).doesNotContainKeys("k_cache", "v_cache");
    }

    private static io.sparcade.model.workload.Operator op(Workload w, String name) {
        return w.operators().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anUnknownPhaseIsRejected() {
        assertThatThrownBy(() -> Specs.workload("llama2-7b", Map.of("phase", "train"), List.of()))
                .isInstanceOf(SpecException.class).hasMessageContaining("phase").hasMessageContaining("'train'");
    }
}
