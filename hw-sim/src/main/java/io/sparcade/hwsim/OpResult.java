package io.sparcade.hwsim;

import io.sparcade.scheduler.Firing;

/**
 * One simulated node: when it ran, where, and what it cost.
 *
 * @param firing     the schedule entry
 * @param startCycle cycle it started (its unit free and its inputs ready)
 * @param endCycle   cycle it finished
 * @param cost       cycles, actions and bytes
 * @param energyPj   dynamic energy of its actions, pJ
 * @param waitCycles cycles it took beyond its standalone cost: sharing off-chip bandwidth or its unit with
 *                   concurrent nodes, or waiting for a producer it streams from
 */
public record OpResult(Firing firing, long startCycle, long endCycle, OpCost cost, double energyPj, long waitCycles) {
    public String name() {
        return firing.node().name();
    }

    public String unit() {
        return firing.unitName();
    }
}
