package io.sparcade.dse.eval;

import io.sparcade.hwsim.resources.Resources;
import io.sparcade.dse.sweep.Metric;

/**
 * What a design point measured.
 *
 * @param latencyS  seconds for the whole workload (graph makespan x the workload's repeat count)
 * @param energyJ   joules for the whole workload, static included
 * @param cycles    cycles of one graph run
 * @param resources resource estimate
 */
public record Metrics(double latencyS, double energyJ, long cycles, Resources resources) implements java.io.Serializable {
    public double value(Metric m) {
        return switch (m) {
            case LATENCY -> latencyS;
            case ENERGY -> energyJ;
            case EDP -> latencyS * energyJ;
            case POWER -> latencyS > 0 ? energyJ / latencyS : 0;
            case DSP48 -> resources.dsp48();
            case BRAM36 -> resources.bram36();
            case URAM288 -> resources.uram288();
            case LUT -> resources.lut();
        };
    }
}
