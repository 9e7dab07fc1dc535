package io.sparcade.hwsim;

import io.sparcade.hwsim.energy.ActionCounts;
import io.sparcade.scheduler.Schedule;
import java.util.List;

/**
 * The outcome of simulating a schedule.
 *
 * @param schedule        what was simulated
 * @param ops             one result per node, in schedule order
 * @param totalCycles     makespan: the last node's end
 * @param dynamicEnergyPj sum of the nodes' action energies
 * @param staticEnergyPj  static power x time
 * @param actions         all counted actions
 * @param energyTable     name of the table that priced the actions
 */
public record SimulationResult(Schedule schedule, List<OpResult> ops, long totalCycles, double dynamicEnergyPj,
                               double staticEnergyPj, ActionCounts actions, String energyTable) {
    public SimulationResult {
        ops = List.copyOf(ops);
    }

    public double energyPj() {
        return dynamicEnergyPj + staticEnergyPj;
    }

    /** Wall-clock time of the run at the architecture's clock, seconds. */
    public double seconds() {
        return totalCycles / (schedule.architecture().clockMhz() * 1e6);
    }

    public long dramBytes() {
        return ops.stream().mapToLong(o -> o.cost().dramBytes()).sum();
    }

    public long macsUseful() {
        return ops.stream().mapToLong(o -> o.cost().macsUseful()).sum();
    }

    public long macsIssued() {
        return ops.stream().mapToLong(o -> o.cost().macsIssued()).sum();
    }

    public long stallCycles() {
        return ops.stream().mapToLong(o -> o.cost().stallCycles()).sum();
    }
}
