package io.sparcade.cli;

import io.sparcade.app.Sparcade;
import io.sparcade.app.Study;
import io.sparcade.hwsim.energy.EnergyTable;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.workload.Workload;
import io.sparcade.reports.StudyReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparcade study}: how sparsity methods land on one accelerator. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = "Run a workload under sparsity methods at several densities (plus dense), for prefill and decode "
                + "where the workload has phases; write study.csv and plots of speedup and energy saving vs density.")
final class StudyCommand implements Callable<Integer> {
    @Mixin
    SpecOptions specs;

    @Option(names = "--methods", required = true, paramLabel = "<file.yaml|seeds>",
            description = "Methods: a YAML file (methods: [{name, family, ops, sparsity, phases, overrides}]) or the "
                    + "built-in 'seeds' (every family on a decoder LLM).")
    String methods;

    @Option(names = "--densities", split = ",", paramLabel = "<d,d,...>", defaultValue = "0.1,0.25,0.5",
            description = "Densities (kept fractions) in (0, 1], default ${DEFAULT-VALUE}.")
    List<Double> densities;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Directory for study.csv and the plots.")
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
        List<Double> ds = Study.densities(densities);
        Study.Methods ms = Study.methods(methods);
        Mapping mapping = specs.mapping();
        Workload first = specs.workload();
        boolean phased = first.parameters().containsKey("phase") && !specs.params.containsKey("phase");
        List<String> phases = phased ? List.of("prefill", "decode") : List.of(first.parameters().containsKey("phase")
                ? String.valueOf(first.parameters().get("phase")) : first.name());
        java.util.function.Function<String, Workload> workloadOf = phase -> {
            if (!phased) {
                return first;
            }
            Map<String, String> saved = new LinkedHashMap<>(specs.params);
            specs.params.put("phase", phase);
            try {
                return specs.workload();
            } finally {
                specs.params.clear();
                specs.params.putAll(saved);
            }
        };
        // every method must apply where it says it does before anything runs: bad input writes nothing
        for (String phase : phases) {
            Workload w = workloadOf.apply(phase).dense();
            for (Study.Method m : ms.methods()) {
                if (m.appliesTo(phase)) {
                    for (double d : ds) {
                        Study.apply(w, m, d);
                    }
                }
            }
        }
        Sparcade sparcade = new Sparcade(energy == null ? (EnergyTable) null : EnergyTable.load(energy));
        List<StudyReport.Row> rows = new Study(sparcade).run(arch, workloadOf, phases, ms, ds, mapping,
                specs.workloadSource(), s -> progress.step(s));
        List<Path> files = StudyReport.write(out, rows);
        var o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%-8s %-22s %-10s %7s %9s %8s  %s%n", "phase", "method", "family", "density", "speedup",
                "energy", "granularity");
        for (StudyReport.Row r : rows) {
            o.printf(Locale.ROOT, "%-8s %-22s %-10s %7.3g %8.3fx %+7.1f%%  %s%n", r.phase(), r.method(), r.family(),
                    r.density(), r.speedup(), 100 * r.energySaving(), r.granularity());
        }
        o.println("  wrote " + files.size() + " files to " + out + ": "
                + String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList()));
        return 0;
    }
}
