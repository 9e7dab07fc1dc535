package io.sparcade.hwsim;

import io.sparcade.dataflow.GraphBuilder;
import io.sparcade.hwsim.energy.EnergyTable;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.workload.Workload;
import io.sparcade.scheduler.ListScheduler;

/** Test helper: workload -> graph -> schedule -> simulation with the default models. */
final class Flow {
    private Flow() {
    }

    static SimulationResult simulate(Architecture arch, Workload workload) {
        OperatorModel model = new OperatorModel();
        return new Simulator(model, (EnergyTable) null).run(new ListScheduler(model, "test mapping")
                .schedule(new GraphBuilder("test").build(workload), arch, Mapping.NONE));
    }
}
