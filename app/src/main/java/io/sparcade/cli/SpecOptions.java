package io.sparcade.cli;

import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.spec.Override;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Workload;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that name the specs of a run: architecture, workload, mapping, parameters and overrides. */
final class SpecOptions {
    @Option(names = "--arch", required = true, paramLabel = "<preset|file.yaml|scalesim-cfg:file.cfg>",
            description = "Architecture: a preset (see 'sparcade presets'), a YAML file, or a SCALE-Sim .cfg.")
    String arch;

    @Option(names = "--workload", required = true,
            paramLabel = "<preset|file.yaml|scalesim-topology:file.csv|hf:config.json|onnx:model.onnx>",
            description = "Workload: a preset, a YAML file, a SCALE-Sim topology CSV (conv or GEMM form), a SpAtten "
                    + "trace (spatten-trace:), a Hugging Face config (hf:<name or config.json>) or an ONNX model (onnx:).")
    String workload;

    @Option(names = "--mapping", paramLabel = "<file.yaml>",
            description = "Optional mapping (operator -> unit, tile, loop order); the scheduler decides the rest.")
    Path mapping;

    @Option(names = "--param", paramLabel = "key=value", mapFallbackValue = "",
            description = "A workload preset parameter, e.g. --param context=1024 (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--set", paramLabel = "path=value",
            description = "Override any spec field by its path, e.g. --set units.array.rows=32 "
                    + "(prefix workload. or mapping. for those specs; repeatable).")
    List<String> sets = List.of();

    @Option(names = "--dense", description = "Remove the workload's sparsity overlay (N:M, keep-ratios): the dense baseline.")
    boolean dense;

    private Specs.RoutedOverrides routed() {
        return Specs.RoutedOverrides.route(Override.parseAll(sets));
    }

    Architecture architecture() {
        return Specs.architecture(arch, routed().arch());
    }

    Workload workload() {
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                throw new SpecException("--param", e.getKey(), "expected key=value");
            }
        }
        Workload w = Specs.workload(workload, params, routed().workload());
        return dense ? w.dense() : w;
    }

    Mapping mapping() {
        if (mapping == null) {
            if (!routed().mapping().isEmpty()) {
                throw new SpecException("--set", routed().mapping().get(0).path(), "mapping.* overrides need --mapping");
            }
            return Mapping.NONE;
        }
        return Specs.mapping(mapping, routed().mapping());
    }

    String workloadSource() {
        return workload.contains(":") || workload.endsWith(".yaml") || workload.endsWith(".yml") ? workload : "preset " + workload;
    }

    String mappingSource() {
        return mapping == null ? "mapping" : mapping.toString();
    }
}
