package io.sparcade.dse.map;

import io.sparcade.dse.sweep.Metric;
import io.sparcade.hwsim.OpCost;
import io.sparcade.hwsim.energy.EnergyTable;
import io.sparcade.model.arch.Architecture;

/**
 * Prices one node's standalone cost (its block model's, alone on the memory: what the simulator starts each node
 * from) as its share of the whole workload, under the search objective:
 * <ul>
 *   <li>time: its cycles at the clock, times how often its graph runs in the whole model ({@code weight}: the
 *       workload's repeat for the repeated graph, 1 for the once-per-pass operators);</li>
 *   <li>energy: its actions priced by the run's energy table, plus the always-on power over its time (so a
 *       faster node also saves static energy), times the same weight;</li>
 *   <li>the score the per-operator search minimises: the time for {@code latency}, the energy for
 *       {@code energy}, and for {@code edp} the node's first-order share of the whole workload's energy-delay
 *       product, T·e + E·t, where T and E are the whole workload's time and energy under the scheduler's own
 *       mapping (the product of two sums does not split into per-node terms; its change for a small change of
 *       one node does).</li>
 * </ul>
 *
 * @param arch      the architecture
 * @param table     the energy table the simulation uses
 * @param alwaysOnW always-on power, W
 * @param objective latency, energy or edp
 * @param totalS    the whole workload's time under the default mapping, s (for edp)
 * @param totalJ    the whole workload's energy under the default mapping, J (for edp)
 */
public record OpPricer(Architecture arch, EnergyTable table, double alwaysOnW, Metric objective, double totalS,
                       double totalJ) {

    /** A priced node: seconds and joules (weighted) and the score. */
    public record Price(double seconds, double energyJ, double score) {
    }

    public Price price(OpCost cost, int weight) {
        double s = cost.cycles() / (arch.clockMhz() * 1e6);
        double j = table.price(cost.actions(), arch) * 1e-12 + alwaysOnW * s;
        s *= weight;
        j *= weight;
        double score = switch (objective) {
            case LATENCY -> s;
            case ENERGY -> j;
            case EDP -> totalS * j + totalJ * s;
            default -> throw new IllegalArgumentException("objective " + objective.id());
        };
        return new Price(s, j, score);
    }
}
