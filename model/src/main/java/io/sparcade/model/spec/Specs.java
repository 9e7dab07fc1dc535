package io.sparcade.model.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.presets.Params;
import io.sparcade.model.presets.Presets;
import io.sparcade.model.presets.WorkloadPreset;
import io.sparcade.model.workload.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves what a user names on the command line into validated specs: a preset name, a YAML file, or a
 * foreign format ({@code scalesim-cfg:file.cfg}, {@code scalesim-topology:file.csv}); then applies
 * {@code --set} overrides to the spec's tree before binding, so overridden values are validated like any other.
 */
public final class Specs {
    public static final String SCALESIM_CFG = "scalesim-cfg:";
    public static final String SCALESIM_TOPOLOGY = "scalesim-topology:";
    public static final String SPATTEN_TRACE = "spatten-trace:";
    public static final String HF = "hf:";
    public static final String ONNX = "onnx:";
    /** Default share of rows that re-fetch LSBs when a trace enables requantisation (estimate: traces do not say). */
    public static final double DEFAULT_REQUANT_FRACTION = 0.1;

    private Specs() {
    }

    /** Overrides routed to the spec they address: {@code workload.*}, {@code mapping.*}, else architecture. */
    public record RoutedOverrides(List<Override> arch, List<Override> workload, List<Override> mapping) {
        public static RoutedOverrides route(List<Override> all) {
            List<Override> a = new ArrayList<>();
            List<Override> w = new ArrayList<>();
            List<Override> m = new ArrayList<>();
            for (Override o : all) {
                if (o.path().startsWith("workload.")) {
                    w.add(o.strip("workload."));
                } else if (o.path().startsWith("mapping.")) {
                    m.add(o.strip("mapping."));
                } else if (o.path().startsWith("arch.")) {
                    a.add(o.strip("arch."));
                } else {
                    a.add(o);
                }
            }
            return new RoutedOverrides(List.copyOf(a), List.copyOf(w), List.copyOf(m));
        }
    }

    public static Architecture architecture(String ref, List<Override> sets) {
        if (ref.startsWith(SCALESIM_CFG)) {
            Path file = Path.of(ref.substring(SCALESIM_CFG.length()));
            Architecture a = ScaleSimConfig.read(file);
            return sets.isEmpty() ? a : rebind(file.toString(), Yaml.toTree(a), sets, Architecture.class);
        }
        if (isFile(ref)) {
            Path file = Path.of(ref);
            JsonNode tree = Yaml.parse(file.toString(), read(file));
            defaultName(tree, file);
            return rebind(file.toString(), tree, sets, Architecture.class);
        }
        String source = "preset " + ref;
        JsonNode tree = Yaml.parse(source, Presets.architectureYaml(ref));
        return rebind(source, tree, sets, Architecture.class);
    }

    public static Workload workload(String ref, Map<String, String> params, List<Override> sets) {
        if (ref.startsWith(SCALESIM_TOPOLOGY)) {
            noParams(ref, params);
            Path file = Path.of(ref.substring(SCALESIM_TOPOLOGY.length()));
            Workload w = ScaleSimTopology.read(file);
            return sets.isEmpty() ? w : rebind(file.toString(), Yaml.toTree(w), sets, Workload.class);
        }
        if (ref.startsWith(SPATTEN_TRACE)) {
            Path file = Path.of(ref.substring(SPATTEN_TRACE.length()));
            io.sparcade.model.presets.Params p = new io.sparcade.model.presets.Params(ref, List.of(
                    new io.sparcade.model.presets.PresetParameter("requant_fraction", String.valueOf(DEFAULT_REQUANT_FRACTION),
                            "rows that re-fetch LSBs when the trace enables requantisation"),
                    new io.sparcade.model.presets.PresetParameter("unquantised_bits", String.valueOf(SpattenTrace.UNQUANTISED_BITS),
                            "bits of an unquantised K/V element (the dense baseline; estimate: the traces' 16-bit query "
                                    + "width; SpAtten's datapath is 12-bit)")), params);
            Workload w = SpattenTrace.read(file, p.fractionOrZero("requant_fraction"), p.positiveInt("unquantised_bits"));
            return sets.isEmpty() ? w : rebind(file.toString(), Yaml.toTree(w), sets, Workload.class);
        }
        if (ref.startsWith(HF)) {
            WorkloadPreset llm = hfPreset(ref.substring(HF.length()));
            Workload w = llm.build(new Params(ref, llm.parameters(), params));
            return sets.isEmpty() ? w : rebind(ref, Yaml.toTree(w), sets, Workload.class);
        }
        if (ref.startsWith(ONNX)) {
            Workload w = io.sparcade.model.onnx.OnnxImport.read(Path.of(ref.substring(ONNX.length())), params);
            return sets.isEmpty() ? w : rebind(ref, Yaml.toTree(w), sets, Workload.class);
        }
        if (isFile(ref)) {
            noParams(ref, params);
            Path file = Path.of(ref);
            JsonNode tree = Yaml.parse(file.toString(), read(file));
            defaultName(tree, file);
            return rebind(file.toString(), tree, sets, Workload.class);
        }
        WorkloadPreset preset = Presets.workload(ref);
        Workload w = preset.build(new Params(ref, preset.parameters(), params));
        return sets.isEmpty() ? w : rebind("preset " + ref, Yaml.toTree(w), sets, Workload.class);
    }

    /**
     * The decoder-LLM workload of a Hugging Face config: a shipped config's name or a path to a config.json. Its
     * parameters are the LLM presets' (phase, context, batch, weight_bits, kv_bits, act_bits, nm, block_keep,
     * and expert_skew for a mixture of experts).
     */
    public static WorkloadPreset hfPreset(String ref) {
        io.sparcade.model.presets.LlmConfig c = io.sparcade.model.hf.HfConfig.read(ref);
        return new io.sparcade.model.presets.DecoderLlm(c, c.name(), null, false, true);
    }

    /** A mapping file's tree, before binding (for tools that add to it, such as the mapper's pins). */
    public static JsonNode mappingTree(Path file) {
        return Yaml.parse(file.toString(), read(file));
    }

    public static Mapping mapping(Path file, List<Override> sets) {
        JsonNode tree = Yaml.parse(file.toString(), read(file));
        return rebind(file.toString(), tree, sets, Mapping.class);
    }

    /** Reads a YAML spec of any kind from text (for tests and tools). */
    public static <T> T fromYaml(String source, String text, Class<T> type) {
        return Yaml.bind(source, Yaml.parse(source, text), type);
    }

    private static <T> T rebind(String source, JsonNode tree, List<Override> sets, Class<T> type) {
        for (Override o : sets) {
            o.applyTo(tree);
        }
        return Yaml.bind(source, tree, type);
    }

    private static void noParams(String ref, Map<String, String> params) {
        if (!params.isEmpty()) {
            throw new SpecException("--param", String.join(",", params.keySet()),
                    "only workload presets take parameters; '" + ref + "' is a file (use --set workload.<path>=<value>)");
        }
    }

    private static void defaultName(JsonNode tree, Path file) {
        if (tree instanceof ObjectNode obj && !obj.has("name")) {
            String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            obj.set("name", TextNode.valueOf(stem));
        }
    }

    static boolean isFile(String ref) {
        return ref.endsWith(".yaml") || ref.endsWith(".yml") || ref.contains("/") || Files.isRegularFile(Path.of(ref));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SpecException(file.toString(), null, "no such file");
        } catch (IOException e) {
            throw new SpecException(file.toString(), null, "cannot read: " + e.getMessage());
        }
    }
}
