package io.sparcade.cli;

import io.sparcade.app.Sparcade;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.workload.Workload;
import io.sparcade.scheduler.Schedule;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code sparcade schedule}: the schedule, printed before anything is simulated. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Print the schedule (unit, tile, order, dependencies of every node) without simulating.")
final class ScheduleCommand implements Callable<Integer> {
    @Mixin
    SpecOptions specs;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public Integer call() {
        Architecture arch = specs.architecture();
        io.sparcade.model.mapping.Mapping mapping = specs.mapping();
        Workload workload = mapping.applyTo(specs.workload(), specs.mappingSource());
        Sparcade s = new Sparcade();
        Schedule schedule = s.schedule(s.graph(workload, specs.workloadSource()), arch,
                workload.perPass() == null ? mapping
                        : mapping.without(workload.perPass().operators().stream().map(o -> o.name()).toList()),
                specs.mappingSource());
        spec.commandLine().getOut().print(schedule.toText());
        return 0;
    }
}
