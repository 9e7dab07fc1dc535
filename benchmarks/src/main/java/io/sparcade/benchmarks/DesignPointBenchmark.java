package io.sparcade.benchmarks;

import io.sparcade.dse.eval.PointEvaluator;
import io.sparcade.dse.eval.PointResult;
import io.sparcade.dse.sweep.SweepSpec;
import io.sparcade.dse.sweep.Sweeps;
import io.sparcade.hwsim.energy.EnergyTable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Design points per second on the default sweep: each invocation evaluates the next point of the sweep (in a
 * stride that visits all three designs), mapping search included, on the straightforward path (no cost cache,
 * every tile walked) or the fast path (the default: costs by value, steady-state-skipping walks, architectures
 * per axis values). Each measurement iteration starts from a fresh evaluator, as a new sweep does, so the fast
 * path's caches hold only what that iteration's points put there (an iteration of 2 s covers roughly one pass
 * over the 10,912 points). Run with {@code -t 2} for two threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class DesignPointBenchmark {
    /** A stride coprime with the sweep size, so consecutive invocations cover every design. */
    private static final int STRIDE = 7919;
    @Param({"straightforward", "fast"})
    public String path;

    private PointEvaluator evaluator;
    private SweepSpec sweep;
    private final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Iteration)
    public void setUp() {
        sweep = Sweeps.load(Sweeps.DEFAULT);
        evaluator = new PointEvaluator(sweep, (EnergyTable) null, "fast".equals(path));
        next.set(0);
    }

    @Benchmark
    public PointResult defaultSweepPoint() {
        long i = Math.floorMod(next.getAndIncrement() * (long) STRIDE, sweep.size());
        return evaluator.evaluate(sweep.point(i));
    }
}
