package io.sparcade.reports;

import io.sparcade.hwsim.SimulationResult;
import io.sparcade.model.workload.Workload;

/**
 * One simulated (architecture, workload) pair: the run as specified and, when the workload has a sparsity
 * overlay, the same workload run dense as its baseline.
 *
 * @param run      a short id, {@code <arch>.<workload>}
 * @param workload the workload as simulated
 * @param result   the simulation
 * @param dense    the dense baseline, or null when the workload is dense already
 */
public record RunReport(String run, Workload workload, SimulationResult result, SimulationResult dense) {

    public static String runId(String arch, String workload) {
        return (arch + "." + workload).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public String arch() {
        return result.schedule().architecture().name();
    }

    /** Dense cycles over these cycles, or NaN without a baseline. */
    public double speedupVsDense() {
        return dense == null ? Double.NaN : (double) dense.totalCycles() / result.totalCycles();
    }

    public double energySavingVsDense() {
        return dense == null ? Double.NaN : dense.energyPj() / result.energyPj();
    }

    /** Dense baseline's DRAM bytes over these, or NaN without a baseline. */
    public double dramReductionVsDense() {
        return dense == null ? Double.NaN : (double) dense.dramBytes() / result.dramBytes();
    }

    /**
     * Achieved off-chip bandwidth over the memory's datasheet peak (channels x GB/s per channel, before the
     * efficiency) during the run: bytes moved / (peak x run time). It can exceed the efficiency only if the
     * model is wrong.
     */
    public double dramBandwidthUtilisation() {
        double seconds = result.seconds();
        return seconds == 0 ? 0 : result.dramBytes() / (result.schedule().architecture().dram().peakGbPerSec() * 1e9 * seconds);
    }

    /** Average power over the run, W. */
    public double averagePowerW() {
        return result.averagePowerW();
    }

    /** Time to produce one token per sequence over the whole model, ms; NaN without tokens. */
    public double tokenLatencyMs() {
        return workload.tokens() == 0 ? Double.NaN : modelSeconds() * 1e3;
    }

    /** Cycles of the whole model: this graph's run times the workload's repeat count (e.g. 32 layers). */
    public long modelCycles() {
        return result.totalCycles() * workload.repeat();
    }

    public double modelSeconds() {
        return result.seconds() * workload.repeat();
    }

    /** Tokens per second, or NaN for a workload that produces no tokens. */
    public double tokensPerSecond() {
        return workload.tokens() == 0 ? Double.NaN : workload.tokens() / modelSeconds();
    }

    /** Energy per token over the whole model, microjoules; NaN without tokens. */
    public double energyPerTokenUj() {
        return workload.tokens() == 0 ? Double.NaN : result.energyPj() * workload.repeat() / workload.tokens() / 1e6;
    }
}
