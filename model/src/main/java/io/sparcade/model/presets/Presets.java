package io.sparcade.model.presets;

import io.sparcade.model.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in presets: architectures are YAML resources (every value commented with its source), workloads
 * are parametrised builders. Open for extension through {@link #register(WorkloadPreset)}.
 */
public final class Presets {
    private static final String ARCH_DIR = "/io/sparcade/presets/arch/";
    private static final String LLM_DIR = "/io/sparcade/presets/llm/";
    private static final Map<String, WorkloadPreset> WORKLOADS = new LinkedHashMap<>();
    /** LLaMA2-7B from its Hugging Face-format config (presets/llm/llama2-7b.json, sources in the README there). */
    static final LlmConfig LLAMA2_7B = llm("llama2-7b", "LLaMA2-7B, all 32 layers");
    /** OPT-6.7B from its Hugging Face-format config (presets/llm/opt-6.7b.json). */
    static final LlmConfig OPT_6_7B = llm("opt-6.7b", "OPT-6.7B, all 32 layers");

    static {
        register(new MlpTrainNm());
        register(new BertBaseAttention());
        register(new DecoderLlm(LLAMA2_7B, "llama2-7b-decode", "decode", true, false));
        register(new Gpt2Generation("gpt2-small", 12, 12));
        register(new Gpt2Generation("gpt2-medium", 24, 16));
        register(new DecoderLlm(LLAMA2_7B, "llama2-7b", null, true, true));
        register(new DecoderLlm(OPT_6_7B, "opt-6.7b", null, true, true));
        register(new ResNet18Train());
        register(new BertBaseTrain());
        register(new BertBase());
    }

    private Presets() {
    }

    public static synchronized void register(WorkloadPreset preset) {
        WORKLOADS.put(preset.name(), preset);
    }

    public static synchronized List<WorkloadPreset> workloads() {
        return List.copyOf(WORKLOADS.values());
    }

    public static synchronized WorkloadPreset workload(String name) {
        WorkloadPreset p = WORKLOADS.get(name);
        if (p == null) {
            throw new SpecException("--workload", null, "unknown workload preset '" + name + "' (presets: "
                    + String.join(", ", WORKLOADS.keySet()) + "; or give a .yaml file)");
        }
        return p;
    }

    /** Names of the architecture presets, in index order. */
    public static List<String> architectures() {
        return readResource("index.txt").lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The YAML text of an architecture preset. */
    public static String architectureYaml(String name) {
        if (!architectures().contains(name)) {
            throw new SpecException("--arch", null, "unknown architecture preset '" + name + "' (presets: "
                    + String.join(", ", architectures()) + "; or give a .yaml file)");
        }
        return readResource(name + ".yaml");
    }

    /** A built-in LLM: its config.json resource read by the same reader as {@code hf:} files. */
    private static LlmConfig llm(String name, String description) {
        String text;
        try (InputStream in = Presets.class.getResourceAsStream(LLM_DIR + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("missing preset resource " + LLM_DIR + name + ".json");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LlmConfig c = io.sparcade.model.hf.HfConfig.parse("preset " + name, name, text);
        return new LlmConfig(name, description, c.hidden(), c.layers(), c.heads(), c.kvHeads(), c.headDim(), c.ffn(),
                c.gatedMlp(), c.act(), c.rotary(), c.positions(), c.vocab(), c.tiedEmbeddings(), c.window(), c.moe(),
                c.dtypeBits());
    }

    private static String readResource(String file) {
        try (InputStream in = Presets.class.getResourceAsStream(ARCH_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing preset resource " + ARCH_DIR + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
