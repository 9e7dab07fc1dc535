package io.sparcade.model.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sparcade.model.SpecException;
import io.sparcade.model.presets.LlmConfig;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hugging Face configs: the shipped files against their published sizes, and bad input. */
class HfConfigTest {
    @TempDir
    Path tmp;

    /*
     * Parameter counts of the built graphs (the repeated layer's weights x its repeat plus the once-per-pass
     * operators') against the sizes the publishers state (data/hf-configs/README.md), within 2%. Active = the
     * weights one token uses (routed experts: top-k of E; embedding and LM head included, as Mixtral's 12.9B is).
     */
    @ParameterizedTest(name = "{0}: {1} B total, {2} B active")
    @CsvSource({
        "tinyllama-1.1b-chat-v1.0, 1.1,  ",      // TinyLlama model card
        "mistral-7b-v0.1,          7.3,  ",      // Mistral AI announcement: 7.3B
        "qwen2.5-7b-instruct,      7.61, ",      // model card: 7.61B
        "phi-3-mini-4k-instruct,   3.8,  ",      // model card: 3.8B
        "mixtral-8x7b-v0.1,        46.7, 12.9",  // Mixtral of experts: 46.7B total, 12.9B per token
        "qwen2-57b-a14b,           57,   14",    // Qwen2 technical report, Table 1
        "deepseek-moe-16b-base,    16.4, 2.8",   // DeepSeekMoE paper: 16.4B total, 2.8B activated
    })
    void shippedConfigsMatchTheirPublishedSize(String name, double totalB, Double activeB) {
        Workload w = Specs.workload("hf:" + name, Map.of(), List.of());
        assertThat(w.parametersTotal() / 1e9).isCloseTo(totalB, within(totalB * 0.02));
        if (activeB != null) {
            assertThat(w.parametersActive() / 1e9).isCloseTo(activeB, within(activeB * 0.02));
        } else {
            assertThat(w.parametersActive()).isEqualTo(w.parametersTotal());
        }
        // the same file through its path in the repository
        Workload byPath = Specs.workload("hf:../data/hf-configs/" + name + "/config.json", Map.of(), List.of());
        assertThat(byPath.parametersTotal()).isEqualTo(w.parametersTotal());
    }

    /*
     * Mixtral-8x7B by hand from its config: per layer, attention 4096 x (4096 + 2 x 8 x 128 + 4096) = 41,943,040,
     * router 4096 x 8 = 32,768, each expert 3 x 4096 x 14336 = 176,160,768; 32 layers; embedding and untied LM
     * head 2 x 32000 x 4096 = 262,144,000.
     *   total  = 32 x (41,943,040 + 32,768 + 8 x 176,160,768) + 262,144,000 = 46,702,526,464
     *   active = 32 x (41,943,040 + 32,768 + 2 x 176,160,768) + 262,144,000 = 12,879,659,008
     */
    @Test
    void mixtralCountsByHand() {
        Workload w = Specs.workload("hf:mixtral-8x7b-v0.1", Map.of(), List.of());
        assertThat(w.parametersTotal()).isEqualTo(46_702_526_464L);
        assertThat(w.parametersActive()).isEqualTo(12_879_659_008L);
        assertThat(w.repeat()).isEqualTo(32);
    }

    @Test
    void fieldsAreReadAsTheirModelsDefineThem() {
        LlmConfig mistral = HfConfig.read("mistral-7b-v0.1");
        assertThat(mistral.window()).isEqualTo(4096);
        assertThat(mistral.kvHeads()).isEqualTo(8);
        assertThat(mistral.headDim()).isEqualTo(128);
        assertThat(mistral.dtypeBits()).isEqualTo(16);
        assertThat(mistral.tiedEmbeddings()).isFalse();
        assertThat(HfConfig.read("qwen2.5-7b-instruct").window()).as("use_sliding_window: false").isZero();
        assertThat(HfConfig.read("phi-3-mini-4k-instruct").window()).isEqualTo(2047);
        LlmConfig.Moe ds = HfConfig.read("deepseek-moe-16b-base").moe();
        assertThat(ds.firstDense()).isEqualTo(1);
        assertThat(ds.sharedFfn()).isEqualTo(2 * 1408);
        assertThat(ds.topK()).isEqualTo(6);
        assertThat(ds.normTopk()).isFalse();
        LlmConfig.Moe qwen = HfConfig.read("qwen2-57b-a14b").moe();
        assertThat(qwen.sharedFfn()).isEqualTo(20480);
        assertThat(qwen.sharedGate()).isTrue();
        assertThat(HfConfig.read("mixtral-8x7b-v0.1").moe().normTopk()).isTrue();
        assertThat(HfConfig.shipped()).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void anUnknownModelTypeWithTheStandardFieldsWorks() throws IOException {
        Path f = write("config.json", """
                {"model_type": "my-llm", "hidden_size": 512, "intermediate_size": 1024, "num_hidden_layers": 4,
                 "num_attention_heads": 8, "num_key_value_heads": 2, "vocab_size": 1000, "hidden_act": "gelu",
                 "tie_word_embeddings": true, "torch_dtype": "float32"}
                """);
        LlmConfig c = HfConfig.read(f.toString());
        assertThat(c.gatedMlp()).as("gelu, unknown type: fc1, gelu, fc2").isFalse();
        assertThat(c.dtypeBits()).isEqualTo(32);
        // 4 x (512 x (512 + 2 x 2 x 64 + 512) + 2 x 512 x 1024) + tied 1000 x 512
        Workload w = Specs.workload("hf:" + f, Map.of(), List.of());
        assertThat(w.parametersTotal()).isEqualTo(4L * (512 * (512 + 256 + 512) + 2 * 512 * 1024) + 1000 * 512);
    }

    @Test
    void badConfigsFailNamingTheFileAndField() throws IOException {
        String good = """
                {"model_type": "llama", "hidden_size": 4096, "intermediate_size": 11008, "num_hidden_layers": 2,
                 "num_attention_heads": 32, "num_key_value_heads": 8, "vocab_size": 32000}
                """;
        assertThatThrownBy(() -> HfConfig.read(write("broken.json", "{\n  \"hidden_size\": 4096,\n  oops\n}").toString()))
                .isInstanceOf(SpecException.class).hasMessageContaining("broken.json:3:").hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> HfConfig.read(write("type.json", good.replace("4096,", "\"4096\",")).toString()))
                .hasMessageContaining("type.json").hasMessageContaining("hidden_size").hasMessageContaining("positive integer");
        assertThatThrownBy(() -> HfConfig.read(write("heads.json", good.replace("\"hidden_size\": 4096", "\"hidden_size\": 4100")).toString()))
                .hasMessageContaining("heads.json").hasMessageContaining("num_attention_heads").hasMessageContaining("do not divide hidden_size 4100");
        assertThatThrownBy(() -> HfConfig.read(write("kv.json", good.replace("\"num_key_value_heads\": 8", "\"num_key_value_heads\": 5")).toString()))
                .hasMessageContaining("kv.json").hasMessageContaining("num_key_value_heads").hasMessageContaining("must divide num_attention_heads (32)");
        assertThatThrownBy(() -> HfConfig.read(write("mla.json", good.replace("{", "{\"kv_lora_rank\": 512, ")).toString()))
                .hasMessageContaining("mla.json").hasMessageContaining("kv_lora_rank").hasMessageContaining("not understood");
        assertThatThrownBy(() -> HfConfig.read(write("missing.json", good.replace("\"vocab_size\": 32000", "\"rope_theta\": 1")).toString()))
                .hasMessageContaining("vocab_size").hasMessageContaining("missing");
        assertThatThrownBy(() -> HfConfig.read(write("gemma2.json", good.replace("llama", "gemma2")).toString()))
                .hasMessageContaining("model_type").hasMessageContaining("alternates sliding-window");
        assertThatThrownBy(() -> HfConfig.read(tmp.resolve("absent.json").toString()))
                .hasMessageContaining("absent.json").hasMessageContaining("no such file");
        assertThatThrownBy(() -> HfConfig.read(write("list.json", "[1, 2]").toString()))
                .hasMessageContaining("expected a JSON object");
        // sizes are bounded, so element counts never overflow
        assertThatThrownBy(() -> HfConfig.read(write("huge.json", good.replace("32000", "99999999999999")).toString()))
                .hasMessageContaining("vocab_size").hasMessageContaining("larger than 16777216");
        assertThatThrownBy(() -> Specs.workload("hf:tinyllama-1.1b-chat-v1.0", Map.of("context", "4000000000000000000"),
                List.of())).isInstanceOf(SpecException.class).hasMessageContaining("context").hasMessageContaining("at most");
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
