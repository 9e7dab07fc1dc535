package io.sparcade.hwsim;

import io.sparcade.hwsim.energy.ActionCounts;
import io.sparcade.hwsim.energy.EnergyTable;
import io.sparcade.scheduler.Firing;
import io.sparcade.scheduler.Schedule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulates a schedule: each unit takes its nodes in schedule order; a node starts when its unit is free and
 * every node it waits for has finished, and lasts as long as its block model says. Off-chip bandwidth is
 * given to each node whole (concurrent nodes on different units do not share it: an approximation). Energy is
 * the nodes' counted actions priced by the energy table, plus static power over the makespan.
 */
public final class Simulator {
    private final OperatorModel model;
    private final EnergyTable energy;

    public Simulator(OperatorModel model, EnergyTable energy) {
        this.model = model;
        this.energy = energy;
    }

    public SimulationResult run(Schedule schedule) {
        Map<String, Long> unitFree = new HashMap<>();
        Map<String, Long> end = new HashMap<>();
        List<OpResult> results = new ArrayList<>();
        ActionCounts all = ActionCounts.NONE;
        double dynamic = 0;
        long makespan = 0;
        for (Firing f : schedule.firings()) {
            long ready = 0;
            for (String dep : f.after()) {
                ready = Math.max(ready, end.get(dep));
            }
            OpCost cost = model.cost(f.node(), f.placement(), schedule.architecture());
            long start = f.placement() == null ? ready : Math.max(ready, unitFree.getOrDefault(f.unitName(), 0L));
            long finish = start + cost.cycles();
            if (f.placement() != null) {
                unitFree.put(f.unitName(), finish);
            }
            end.put(f.node().name(), finish);
            double e = energy.price(cost.actions());
            dynamic += e;
            all = all.plus(cost.actions());
            makespan = Math.max(makespan, finish);
            results.add(new OpResult(f, start, finish, cost, e));
        }
        double seconds = makespan / (schedule.architecture().clockMhz() * 1e6);
        double staticPj = schedule.architecture().staticPowerMw() * 1e-3 * seconds * 1e12;
        return new SimulationResult(schedule, results, makespan, dynamic, staticPj, all, energy.name());
    }
}
