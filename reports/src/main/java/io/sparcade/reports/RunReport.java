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
 * @param perPass  the workload's once-per-pass operators (an LLM's embedding and LM head) simulated as their own
 *                 graph, in the same mode as {@code result}, or null when it has none
 */
public record RunReport(String run, Workload workload, SimulationResult result, SimulationResult dense,
                        SimulationResult perPass) {

    public RunReport(String run, Workload workload, SimulationResult result, SimulationResult dense) {
        this(run, workload, result, dense, null);
    }

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
     * model is wrong. NaN for a sized memory, which has no peak (see {@link #dramGbPerSec}).
     */
    public double dramBandwidthUtilisation() {
        double seconds = result.seconds();
        if (result.schedule().architecture().dram().sizedBandwidth()) {
            return Double.NaN;
        }
        return seconds == 0 ? 0 : result.dramBytes() / (result.schedule().architecture().dram().peakGbPerSec() * 1e9 * seconds);
    }

    /** Off-chip bytes moved over the run time, GB/s: what a sized memory had to deliver on average. */
    public double dramGbPerSec() {
        double seconds = result.seconds();
        return seconds == 0 ? 0 : result.dramBytes() / (seconds * 1e9);
    }

    /** Average power over the run, W. */
    public double averagePowerW() {
        return result.averagePowerW();
    }

    /** Time to produce one token per sequence over the whole model, ms; NaN without tokens. */
    public double tokenLatencyMs() {
        return workload.tokens() == 0 ? Double.NaN : modelSeconds() * 1e3;
    }

    /**
     * Cycles of the whole model: this graph's run times the workload's repeat count (e.g. 32 layers), plus the
     * once-per-pass graph (embedding, LM head) when there is one.
     */
    public long modelCycles() {
        return Math.addExact(Math.multiplyExact(result.totalCycles(), (long) workload.repeat()),
                perPass == null ? 0 : perPass.totalCycles());
    }

    public double modelSeconds() {
        return result.seconds() * workload.repeat() + (perPass == null ? 0 : perPass.seconds());
    }

    /** Energy of the whole model, pJ: the graph's x repeat plus the once-per-pass graph's. */
    public double modelEnergyPj() {
        return result.energyPj() * workload.repeat() + (perPass == null ? 0 : perPass.energyPj());
    }

    /** Tokens per second, or NaN for a workload that produces no tokens. */
    public double tokensPerSecond() {
        return workload.tokens() == 0 ? Double.NaN : workload.tokens() / modelSeconds();
    }

    /** Energy per token over the whole model, microjoules; NaN without tokens. */
    public double energyPerTokenUj() {
        return workload.tokens() == 0 ? Double.NaN : modelEnergyPj() / workload.tokens() / 1e6;
    }
}
