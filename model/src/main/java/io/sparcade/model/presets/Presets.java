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
    private static final Map<String, WorkloadPreset> WORKLOADS = new LinkedHashMap<>();

    static {
        register(new MlpTrainNm());
        register(new BertBaseAttention());
        register(new DecoderLlm(DecoderLlm.LLAMA2_7B, "llama2-7b-decode", "decode"));
        register(new Gpt2Generation("gpt2-small", 12, 12));
        register(new Gpt2Generation("gpt2-medium", 24, 16));
        register(new DecoderLlm(DecoderLlm.LLAMA2_7B, "llama2-7b", null));
        register(new DecoderLlm(DecoderLlm.OPT_6_7B, "opt-6.7b", null));
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
