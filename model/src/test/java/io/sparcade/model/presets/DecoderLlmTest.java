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

    @Test
    void slidingWindowLimitsTheDecodeCacheAndMasksPrefill() {
        // Mistral-7B: window 4096. Decode at context 8000 reads a rolling cache of the last 4096 positions (the
        // new token's included), not 8001; at context 1000 the window does not bind: 1001 keys, bucket 1008
        Workload far = Specs.workload("hf:mistral-7b-v0.1", Map.of("phase", "decode", "context", "8000"), List.of());
        assertThat(((Matmul) op(far, "qk")).n()).isEqualTo(4096);
        assertThat(far.inputs().get("k_cache").dims()).containsExactly(8L, 4095L, 128L);
        Workload near = Specs.workload("hf:mistral-7b-v0.1", Map.of("phase", "decode", "context", "1000"), List.of());
        assertThat(((Matmul) op(near, "qk")).n()).isEqualTo(1008);
        // prefill of 8192 tokens: the causal mask carries the window; a 1024-token prompt needs none
        Matmul qk = (Matmul) op(Specs.workload("hf:mistral-7b-v0.1", Map.of("phase", "prefill", "context", "8192"),
                List.of()), "qk");
        assertThat(qk.causal().window()).isEqualTo(4096);
        assertThat(qk.causal().group()).isEqualTo(4);
        assertThat(((Matmul) op(Specs.workload("hf:mistral-7b-v0.1", Map.of("phase", "prefill"), List.of()), "qk"))
                .causal().window()).isZero();
    }

    @Test
    void onceperPassOperatorsHoldTheEmbeddingAndLmHead() {
        Workload w = Specs.workload("llama2-7b", Map.of("phase", "decode", "batch", "4"), List.of());
        List<String> names = w.perPass().operators().stream().map(o -> o.name()).toList();
        assertThat(names).containsExactly("embed", "final_norm", "lm_head");
        Gemm head = (Gemm) w.perPass().operators().get(2);
        assertThat(head.m()).isEqualTo(4);
        assertThat(head.n()).isEqualTo(32000);
        assertThat(w.perPass().sparsity()).as("the LM head stays dense").isEmpty();
        // LLaMA2-7B by hand: 32 x (4 x 4096^2 + 3 x 4096 x 11008) + 2 x 32000 x 4096 = 6,738,149,376 (paper: 7B)
        assertThat(w.parametersTotal()).isEqualTo(6_738_149_376L);
        // OPT-6.7B: tied LM head (counted once) and 2050 learned positions:
        // 32 x (4 x 4096^2 + 2 x 4096 x 16384) + 50272 x 4096 + 2050 x 4096 = 6,656,761,856 (paper: 6.7B)
        Workload opt = Specs.workload("opt-6.7b", Map.of(), List.of());
        assertThat(opt.parametersTotal()).isEqualTo(6_656_761_856L);
        assertThat(opt.perPass().operators().stream().map(o -> o.name()).toList()).contains("pos_embed", "embed_add");
        // the one-layer decode preset keeps no per-pass operators
        assertThat(Specs.workload("llama2-7b-decode", Map.of(), List.of()).perPass()).isNull();
    }

    @Test
    void mixtureOfExpertsLayers() {
        Workload mixtral = Specs.workload("hf:mixtral-8x7b-v0.1", Map.of("phase", "decode", "batch", "8"), List.of());
        io.sparcade.model.workload.ExpertGemm gate = (io.sparcade.model.workload.ExpertGemm) op(mixtral, "expert_gate");
        assertThat(gate.inputs()).containsExactly("ffn_norm", "router_topk");
        assertThat(gate.distinctExperts()).as("round(8 x (1 - 0.75^8)) = round(7.199)").isEqualTo(7);
        assertThat(((io.sparcade.model.workload.TopK) op(mixtral, "router_topk")).k()).isEqualTo(2);
        assertThat(mixtral.repeat()).isEqualTo(32);
        // DeepSeek-MoE: the first of 28 layers is dense, so 27 MoE layers repeat and the dense one runs per pass
        Workload ds = Specs.workload("hf:deepseek-moe-16b-base", Map.of(), List.of());
        assertThat(ds.repeat()).isEqualTo(27);
        assertThat(ds.perPass().operators().stream().map(o -> o.name()).toList())
                .contains("dense0.q_proj", "dense0.gate_proj", "dense0.down_proj", "lm_head");
        Gemm shared = (Gemm) op(ds, "shared_gate_proj");
        assertThat(shared.n()).isEqualTo(2 * 1408);
        assertThatThrownBy(() -> Specs.workload("hf:mixtral-8x7b-v0.1", Map.of("expert_skew", "0.5"), List.of()))
                .hasMessageContaining("expert_skew");
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
