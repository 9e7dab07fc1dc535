package io.sparcade.cli;

import io.sparcade.app.Sparcade;
import io.sparcade.hwsim.energy.EnergyTable;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.workload.Workload;
import io.sparcade.reports.ReportWriter;
import io.sparcade.reports.RunReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparcade simulate}: one architecture, one workload; writes CSV reports and plots. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate a workload on an accelerator; write summary.csv, ops.csv, PNG plots and report.html. "
                + "A sparse workload is also run dense, for the speedup.")
final class SimulateCommand implements Callable<Integer> {
    @Mixin
    SpecOptions specs;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Directory for the reports.")
    Path out;

    @Option(names = "--energy", paramLabel = "<file.csv>",
            description = "Energy table (columns action,unit,energy_pj,source); default: Horowitz ISSCC 2014, 45 nm.")
    Path energy;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public Integer call() throws Exception {
        Progress progress = new Progress(spec.commandLine().getErr());
        Architecture arch = specs.architecture();
        Workload workload = specs.workload();
        Mapping mapping = specs.mapping();
        Sparcade sparcade = new Sparcade(energy == null ? (EnergyTable) null : EnergyTable.load(energy));
        progress.step("simulating " + workload.name() + " on " + arch.name()
                + (workload.hasSparsity() ? " (and its dense baseline)" : ""));
        RunReport report = sparcade.run(arch, workload, mapping, specs.workloadSource(), specs.mappingSource());
        progress.step("writing reports to " + out);
        List<Path> files = new ReportWriter().write(out, List.of(report), Text.commandLine(spec),
                specs.mapping == null ? null : io.sparcade.model.spec.Yaml.write(mapping));
        Text.summary(spec.commandLine().getOut(), report);
        spec.commandLine().getOut().println("  wrote " + files.size() + " files to " + out + ": "
                + String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList()));
        return 0;
    }
}
