package io.sparcade.verilator;

import io.sparcade.hwsim.block.BlockQuery;
import io.sparcade.hwsim.block.BlockResult;
import io.sparcade.model.block.BlockConfig;
import io.sparcade.rtl.Design;
import io.sparcade.rtl.RtlGenerators;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Speed of the hw-sim block model against an RTL simulator on the same seeded stimulus, in simulated block
 * cycles (the compute cycles both count) per wall-clock second. The RTL build is done first and not timed;
 * the RTL time is one process run over all vectors (process start, stimulus streaming, the load cycles of
 * the testbench included). The model is run repeatedly for at least {@code minModelSeconds}.
 */
public final class CosimBench {
    private CosimBench() {
    }

    /**
     * Measured speeds; {@code rtlClockCycles} counts every clock the testbench simulated (reset, one per input
     * word, start, compute); {@code outputsEqual} confirms both computed the same results.
     */
    public record Result(BlockConfig config, String simulator, int vectors, long cycles, double modelCyclesPerSecond,
                         double rtlCyclesPerSecond, long rtlClockCycles, double rtlSeconds, boolean outputsEqual) {
        public double ratio() {
            return modelCyclesPerSecond / rtlCyclesPerSecond;
        }
    }

    public static Result run(RtlSimulator sim, BlockConfig config, int vectors, long seed, Path workDir,
                             double minModelSeconds) {
        Design design = RtlGenerators.generate(config);
        SimBuild build = sim.build(design);
        List<BlockQuery> qs = CrossCheck.queries(config, vectors, seed);
        List<BlockResult> models = new ArrayList<>();
        long cycles = 0;
        for (BlockQuery q : qs) {
            BlockResult r = Stimuli.model(config, q);
            models.add(r);
            cycles += r.cycles();
        }
        List<StimulusVector> stim = new ArrayList<>();
        for (int i = 0; i < vectors; i++) {
            stim.add(CrossCheck.vector(config, design, qs.get(i), models.get(i)));
        }
        long t0 = System.nanoTime();
        List<RtlResult> rtl = sim.run(build, stim, RunOptions.in(workDir));
        double rtlSeconds = (System.nanoTime() - t0) / 1e9;
        long rtlCycles = rtl.stream().mapToLong(RtlResult::cycles).sum();
        long clocks = 2 + rtlCycles + stim.stream().mapToLong(v -> v.words().length + 1).sum();
        boolean equal = true;
        for (int i = 0; i < vectors; i++) {
            equal &= Arrays.equals(models.get(i).outputs(), rtl.get(i).outputs());
        }
        long reps = 0;
        long sink = 0;
        long m0 = System.nanoTime();
        double modelSeconds;
        do {
            for (BlockQuery q : qs) {
                sink += Stimuli.model(config, q).cycles();
            }
            reps++;
            modelSeconds = (System.nanoTime() - m0) / 1e9;
        } while (modelSeconds < minModelSeconds);
        if (sink != cycles * reps) {
            throw new IllegalStateException("block model is not deterministic");
        }
        return new Result(config, sim.name(), vectors, cycles, cycles * reps / modelSeconds, rtlCycles / rtlSeconds, clocks,
                rtlSeconds, equal);
    }
}
