package io.sparcade.hwsim;

import io.sparcade.hwsim.energy.ActionCounts;
import io.sparcade.hwsim.energy.EnergyTable;
import io.sparcade.hwsim.power.PowerModel;
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
 * @param energyTable     the table that priced the actions
 * @param power           the always-on power charged as static energy
 */
public record SimulationResult(Schedule schedule, List<OpResult> ops, long totalCycles, double dynamicEnergyPj,
                               double staticEnergyPj, ActionCounts actions, EnergyTable energyTable, PowerModel power) {
    public SimulationResult {
        ops = List.copyOf(ops);
    }

    /** Dynamic energy of one action kind over the run, pJ (with the run's table and architecture). */
    public double energyPj(io.sparcade.hwsim.energy.Action a) {
        return actions.get(a) * energyTable.actionPj(a, schedule.architecture());
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

    /** Average power over the run, W: total energy over time. */
    public double averagePowerW() {
        double s = seconds();
        return s == 0 ? 0 : energyPj() * 1e-12 / s;
    }

    /**
     * Whether the average power exceeds what the device's board may draw (false when the device states no
     * limit or the design is an ASIC).
     */
    public boolean exceedsDevicePower() {
        var d = schedule.architecture().device();
        return d != null && d.maxPowerW() > 0 && averagePowerW() > d.maxPowerW();
    }

    /**
     * The resources the design's estimate ({@link io.sparcade.hwsim.resources.Resources#estimate}) needs beyond its
     * device's (empty when it fits, or when no device is named).
     */
    public List<String> exceedsDeviceResources() {
        var arch = schedule.architecture();
        return io.sparcade.hwsim.resources.Resources.estimate(arch).exceeding(arch.device());
    }

    /** Cycles nodes lost to sharing bandwidth or units, or to waiting for producers they stream from. */
    public long waitCycles() {
        return ops.stream().mapToLong(OpResult::waitCycles).sum();
    }

    public long stallCycles() {
        return ops.stream().mapToLong(o -> o.cost().stallCycles()).sum();
    }
}
