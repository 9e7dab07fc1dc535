package io.sparcade.cli;

import io.sparcade.app.Sparcade;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Workload;
import io.sparcade.reports.ReportWriter;
import io.sparcade.reports.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparcade demo}: the seed accelerators on their workloads, with built-in defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Simulate the three seed accelerators on their workloads (built-in defaults) and write "
                + "summary.csv, ops.csv, plots and report.html.")
final class DemoCommand implements Callable<Integer> {
    /** The demo's pairs: each seed accelerator on the workload it was built for. */
    static final List<String[]> PAIRS = List.of(
            new String[] {"sat-vcu1525", "mlp-train-nm"},
            new String[] {"spatten", "bert-base-attention"},
            new String[] {"flightllm-u280", "llama2-7b-decode"});

    @Option(names = "--out", defaultValue = "sparcade-out", paramLabel = "<dir>",
            description = "Directory for the reports (default: ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public Integer call() throws Exception {
        Progress progress = new Progress(spec.commandLine().getErr());
        Sparcade sparcade = new Sparcade();
        List<RunReport> reports = new ArrayList<>();
        int i = 0;
        for (String[] pair : PAIRS) {
            progress.step(String.format("[%d/%d] %s on %s", ++i, PAIRS.size(), pair[1], pair[0]));
            Architecture arch = Specs.architecture(pair[0], List.of());
            Workload workload = Specs.workload(pair[1], Map.of(), List.of());
            reports.add(sparcade.run(arch, workload, Mapping.NONE, "preset " + pair[1], "mapping"));
        }
        progress.step("writing reports to " + out);
        List<Path> files = new ReportWriter().write(out, reports, Text.commandLine(spec), null);
        for (RunReport r : reports) {
            Text.summary(spec.commandLine().getOut(), r);
        }
        spec.commandLine().getOut().println("wrote " + files.size() + " files to " + out + "/: "
                + String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList()));
        return 0;
    }
}
