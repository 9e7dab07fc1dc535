package io.sparcade.cli;

import io.sparcade.model.arch.Architecture;
import io.sparcade.model.presets.PresetParameter;
import io.sparcade.model.presets.Presets;
import io.sparcade.model.presets.WorkloadPreset;
import io.sparcade.model.spec.Specs;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code sparcade presets}: the built-in architectures and workloads, one line each. */
@Command(name = "presets", mixinStandardHelpOptions = true, description = "List the built-in presets.")
final class PresetsCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("architectures (--arch):");
        for (String name : Presets.architectures()) {
            Architecture a = Specs.architecture(name, List.of());
            out.printf("  %-22s %s; units: %s%n", name, a.description(), String.join(", ", a.units().keySet()));
        }
        out.println("workloads (--workload, parameters with --param key=value):");
        for (WorkloadPreset w : Presets.workloads()) {
            out.printf("  %-22s %s%n", w.name(), w.description());
            for (PresetParameter p : w.parameters()) {
                out.printf("  %-22s   %s=%s  %s%n", "", p.name(), p.defaultValue(), p.description());
            }
        }
        out.println("Hugging Face configs shipped (--workload hf:<name>, or hf:<path/to/config.json>; the LLM parameters above,"
                + " defaults from torch_dtype):");
        for (String name : io.sparcade.model.hf.HfConfig.shipped()) {
            io.sparcade.model.presets.LlmConfig c = io.sparcade.model.hf.HfConfig.read(name);
            WorkloadPreset w = Specs.hfPreset(name);
            io.sparcade.model.workload.Workload built = w.build(new io.sparcade.model.presets.Params(name,
                    w.parameters(), java.util.Map.of()));
            out.printf("  %-26s %d layers, hidden %d, %d/%d heads%s%s; %.2f B parameters%s%n", name, c.layers(),
                    c.hidden(), c.heads(), c.kvHeads(),
                    c.window() > 0 ? ", sliding window " + c.window() : "",
                    c.moe() == null ? "" : ", MoE " + c.moe().topK() + " of " + c.moe().experts() + " experts",
                    built.parametersTotal() / 1e9,
                    c.moe() == null ? "" : String.format(java.util.Locale.ROOT, " (%.2f B active)", built.parametersActive() / 1e9));
        }
        out.println("foreign formats: --arch scalesim-cfg:<file.cfg>, --workload scalesim-topology:<file.csv>,"
                + " spatten-trace:<file.csv>, hf:<config.json>, onnx:<model.onnx> (--param onnx_unsupported=vector,"
                + " bits, <dynamic dim>=<n>)");
    }
}
