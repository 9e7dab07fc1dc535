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
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Design points per second on the default sweep: each invocation evaluates the next point of the sweep (in a
 * stride that visits all three designs), mapping search included. Run with {@code -t 2} for two threads.
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
    private PointEvaluator evaluator;
    private SweepSpec sweep;
    private final AtomicInteger next = new AtomicInteger();

    @Setup
    public void setUp() {
        sweep = Sweeps.load(Sweeps.DEFAULT);
        evaluator = new PointEvaluator(sweep, (EnergyTable) null);
    }

    @Benchmark
    public PointResult defaultSweepPoint() {
        long i = Math.floorMod(next.getAndIncrement() * (long) STRIDE, sweep.size());
        return evaluator.evaluate(sweep.point(i));
    }
}
