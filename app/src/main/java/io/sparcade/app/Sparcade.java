package io.sparcade.app;

import io.sparcade.dataflow.DataflowGraph;
import io.sparcade.dataflow.GraphBuilder;
import io.sparcade.hwsim.OperatorModel;
import io.sparcade.hwsim.SimulationResult;
import io.sparcade.hwsim.Simulator;
import io.sparcade.hwsim.energy.EnergyTable;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.workload.Workload;
import io.sparcade.reports.RunReport;
import io.sparcade.scheduler.ListScheduler;
import io.sparcade.scheduler.Schedule;

/**
 * The whole flow for Java users: workload → graph → schedule → simulation, and a run report with the dense
 * baseline. Immutable; one instance can serve many runs (and threads).
 */
public final class Sparcade {
    private final OperatorModel model = new OperatorModel();
    private final EnergyTable energy;

    public Sparcade(EnergyTable energy) {
        this.energy = energy;
    }

    public Sparcade() {
        this((EnergyTable) null);
    }

    public EnergyTable energy() {
        return energy;
    }

    public DataflowGraph graph(Workload workload, String source) {
        return new GraphBuilder(source).build(workload);
    }

    public Schedule schedule(DataflowGraph graph, Architecture arch, Mapping mapping, String mappingSource) {
        return new ListScheduler(model, mappingSource).schedule(graph, arch, mapping);
    }

    public SimulationResult simulate(Schedule schedule) {
        return new Simulator(model, energy).run(schedule);
    }

    /**
     * Simulates {@code workload} on {@code arch}; when the workload is sparse, also its dense baseline
     * (same mapping) for the speedup; when it has once-per-pass operators, also those, as their own graph. A
     * mapping that names fusion groups runs the workload with those groups ({@link Mapping#applyTo}).
     */
    public RunReport run(Architecture arch, Workload workload, Mapping mapping, String workloadSource,
                         String mappingSource) {
        try {
            return runLocated(arch, workload, mapping, workloadSource, mappingSource);
        } catch (io.sparcade.model.SpecException e) {
            // a model's refusal (a node too large to walk) names the operator; the workload is where it is
            throw e.source() == null ? e.locate(workloadSource, null) : e;
        }
    }

    private RunReport runLocated(Architecture arch, Workload workload, Mapping mapping, String workloadSource,
                                 String mappingSource) {
        workload = mapping.applyTo(workload, mappingSource);
        Mapping layerMapping = workload.perPass() == null ? mapping
                : mapping.without(workload.perPass().operators().stream().map(o -> o.name()).toList());
        SimulationResult main = simulate(schedule(graph(workload, workloadSource), arch, layerMapping, mappingSource));
        SimulationResult dense = null;
        if (workload.hasSparsity()) {
            dense = simulate(schedule(graph(workload.dense(), workloadSource), arch, layerMapping, mappingSource));
        }
        SimulationResult perPass = null;
        Workload once = workload.perPassWorkload();
        if (once != null) {
            // the operators that run once per whole-model pass, as a graph of their own, mapped by the entries
            // of the mapping that name them
            perPass = simulate(schedule(graph(once, workloadSource + " (per pass)"), arch,
                    mapping.restrictedTo(once.operators().stream().map(o -> o.name()).toList()), mappingSource));
        }
        return new RunReport(RunReport.runId(arch.name(), workload.name()), workload, main, dense, perPass);
    }
}
