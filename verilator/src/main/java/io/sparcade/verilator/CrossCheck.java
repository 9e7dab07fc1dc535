package io.sparcade.verilator;

import io.sparcade.hwsim.block.BlockQuery;
import io.sparcade.hwsim.block.BlockResult;
import io.sparcade.model.block.BlockConfig;
import io.sparcade.rtl.Design;
import io.sparcade.rtl.RtlGenerators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Runs the same seeded queries through the hw-sim block model and the RTL, and compares every vector: outputs
 * bit for bit, cycles within {@link Tolerances#cycles}. Every mismatch is recorded (the run does not stop at
 * the first); each failing vector is re-simulated alone with a VCD trace written beside the report.
 */
public final class CrossCheck {
    /** Cycle limit of a vector: this many times the model's cycles, plus slack. */
    static final long LIMIT_FACTOR = 20;
    static final long LIMIT_SLACK = 1000;

    private CrossCheck() {
    }

    /** One vector's comparison. */
    public record Vector(int index, String mode, long modelCycles, long rtlCycles, boolean outputsEqual,
                         boolean cyclesWithinTolerance, long[] modelOutputs, long[] rtlOutputs) {
        public boolean matches() {
            return outputsEqual && cyclesWithinTolerance;
        }
    }

    /** The outcome of a cross-check. */
    public record Report(BlockConfig config, String simulator, long seed, long tolerance, List<Vector> vectors,
                         List<Path> waveforms, Path workDir) {
        public boolean passed() {
            return vectors.stream().allMatch(Vector::matches);
        }

        public long mismatches() {
            return vectors.stream().filter(v -> !v.matches()).count();
        }

        /** One line: PASS/FAIL, block, simulator, counts. */
        public String verdict() {
            long outBad = vectors.stream().filter(v -> !v.outputsEqual()).count();
            long cycBad = vectors.stream().filter(v -> !v.cyclesWithinTolerance()).count();
            return String.format(Locale.ROOT, "%s: %s on %s, %d vectors (seed %d): %d output mismatches, %d cycle mismatches "
                            + "(tolerance %d)%s", passed() ? "PASS" : "FAIL", config.label(), simulator, vectors.size(), seed,
                    outBad, cycBad, tolerance, waveforms.isEmpty() ? "" : "; waveforms: " + waveforms);
        }

        /** Writes {@code cosim.csv}: vector, mode, model_cycles, rtl_cycles, outputs_equal, cycles_within_tolerance. */
        public Path writeCsv(Path dir) {
            StringBuilder sb = new StringBuilder("vector,mode,model_cycles,rtl_cycles,outputs_equal,cycles_within_tolerance\n");
            for (Vector v : vectors) {
                sb.append(v.index()).append(',').append(v.mode()).append(',').append(v.modelCycles()).append(',')
                        .append(v.rtlCycles()).append(',').append(v.outputsEqual()).append(',')
                        .append(v.cyclesWithinTolerance()).append('\n');
            }
            try {
                Files.createDirectories(dir);
                Path f = dir.resolve("cosim.csv");
                Files.writeString(f, sb.toString());
                return f;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The seeded queries of a run (also used by the benchmark). */
    public static List<BlockQuery> queries(BlockConfig config, int vectors, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<BlockQuery> qs = new ArrayList<>(vectors);
        for (int i = 0; i < vectors; i++) {
            qs.add(Stimuli.query(config, i, rng.split()));
        }
        return qs;
    }

    public static StimulusVector vector(BlockConfig config, Design design, BlockQuery q, BlockResult model) {
        return new StimulusVector(Stimuli.encode(config, q), design.io().outWords(),
                model.cycles() * LIMIT_FACTOR + LIMIT_SLACK);
    }

    public static Report run(RtlSimulator sim, BlockConfig config, int vectors, long seed, Path workDir) {
        return run(sim, config, vectors, seed, workDir, RunOptions.DEFAULT_TIMEOUT);
    }

    /** The cross-check with a wall-clock bound on each simulation process. */
    public static Report run(RtlSimulator sim, BlockConfig config, int vectors, long seed, Path workDir,
                             Duration timeout) {
        return run(sim, config, vectors, seed, workDir, timeout, q -> Stimuli.model(config, q));
    }

    /** The cross-check against a given reference {@code model} (tests use it to plant a wrong model). */
    static Report run(RtlSimulator sim, BlockConfig config, int vectors, long seed, Path workDir,
                      Duration timeout, Function<BlockQuery, BlockResult> model) {
        if (vectors < 1) {
            throw new IllegalArgumentException("--vectors must be >= 1, got " + vectors);
        }
        Design design = RtlGenerators.generate(config);
        SimBuild build = sim.build(design);
        List<BlockQuery> qs = queries(config, vectors, seed);
        List<BlockResult> models = qs.stream().map(model).toList();
        List<StimulusVector> stim = new ArrayList<>();
        for (int i = 0; i < vectors; i++) {
            stim.add(vector(config, design, qs.get(i), models.get(i)));
        }
        List<RtlResult> rtl = sim.run(build, stim, RunOptions.in(workDir.resolve("run")).withTimeout(timeout));
        long tol = Tolerances.cycles(config.kind());
        List<Vector> out = new ArrayList<>();
        List<Path> waves = new ArrayList<>();
        for (int i = 0; i < vectors; i++) {
            BlockResult m = models.get(i);
            RtlResult r = rtl.get(i);
            boolean eq = Arrays.equals(m.outputs(), r.outputs());
            boolean cyc = Math.abs(m.cycles() - r.cycles()) <= tol;
            out.add(new Vector(i, Stimuli.mode(config, qs.get(i)), m.cycles(), r.cycles(), eq, cyc, m.outputs(), r.outputs()));
            if (!(eq && cyc)) {
                Path vcd = workDir.resolve(config.label() + "-" + sim.name() + "-vector" + i + ".vcd").toAbsolutePath();
                sim.run(build, List.of(stim.get(i)), RunOptions.in(workDir.resolve("run-vector" + i)).withTimeout(timeout).withVcd(vcd));
                waves.add(vcd);
            }
        }
        return new Report(config, sim.name(), seed, tol, out, waves, workDir);
    }
}
