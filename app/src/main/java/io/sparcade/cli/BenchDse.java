package io.sparcade.cli;

import io.sparcade.dse.eval.PointEvaluator;
import io.sparcade.dse.eval.PointResult;
import io.sparcade.dse.sweep.DesignPoint;
import io.sparcade.dse.sweep.SweepSpec;
import io.sparcade.dse.sweep.Sweeps;
import io.sparcade.hwsim.energy.EnergyTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparcade bench dse}: the sweep's evaluation on the straightforward path (every operator's tiles walked every
 * time it is asked) and on the fast path (operator costs cached by value across mappings and points), side by side
 * in one run, with their ratio; and whether the two gave identical results.
 */
@Command(name = "dse", mixinStandardHelpOptions = true,
        description = "Evaluate a sweep's points (default: every point of the default sweep) on the straightforward "
                + "path and on the fast path (operator costs cached by value), in one run; print points/s of each, "
                + "the ratio, and whether every result is identical.")
final class BenchDse implements Callable<Integer> {
    @Option(names = "--points", paramLabel = "<n>", description = "Evaluate only the first n points (default: all).")
    Long points;

    @Option(names = "--rounds", defaultValue = "2", paramLabel = "<r>",
            description = "Rounds, alternating the two paths; the best of each is reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--only", paramLabel = "<path>",
            description = "Run only one path (straightforward or fast), e.g. to profile it; no ratio is printed.")
    String only;

    @picocli.CommandLine.Mixin
    BenchSweepOptions options;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public Integer call() throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds: expected at least 1, got " + rounds);
        }
        SweepSpec s = Sweeps.load(options.sweep).withExplore(null);
        long n = points == null ? s.size() : Math.min(points, s.size());
        if (n < 1) {
            throw new IllegalArgumentException("--points: expected at least 1, got " + n);
        }
        if (only != null && !only.equals("straightforward") && !only.equals("fast")) {
            throw new IllegalArgumentException("--only: expected straightforward or fast, got " + only);
        }
        List<DesignPoint> sample = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            sample.add(s.point(i));
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%s: %,d points, %d thread(s), %d round(s) per path (a fresh evaluator each round)%n",
                s.name(), n, options.threads(), rounds);
        ForkJoinPool pool = new ForkJoinPool(options.threads());
        try {
            double slow = Double.POSITIVE_INFINITY;
            double fast = Double.POSITIVE_INFINITY;
            List<PointResult> slowResults = null;
            List<PointResult> fastResults = null;
            for (int r = 0; r < rounds; r++) {
                long t = System.nanoTime();
                long cpu = processCpuNanos();
                double slowRound = Double.NaN;
                double fastRound = Double.NaN;
                double slowCpu = Double.NaN;
                double fastCpu = Double.NaN;
                if (!"fast".equals(only)) {
                    slowResults = evaluate(pool, new PointEvaluator(s, (EnergyTable) null, false), sample);
                    slowRound = (System.nanoTime() - t) / 1e9;
                    slowCpu = (processCpuNanos() - cpu) / 1e9;
                    slow = Math.min(slow, slowRound);
                }
                t = System.nanoTime();
                cpu = processCpuNanos();
                if (!"straightforward".equals(only)) {
                    fastResults = evaluate(pool, new PointEvaluator(s, (EnergyTable) null, true), sample);
                    fastRound = (System.nanoTime() - t) / 1e9;
                    fastCpu = (processCpuNanos() - cpu) / 1e9;
                    fast = Math.min(fast, fastRound);
                }
                // CPU seconds of the whole process (workers, JIT, GC): a check on the wall time when other jobs
                // share the cores
                o.printf(Locale.ROOT, "  round %d: straightforward %.2f s (%.2f CPU s), fast %.2f s (%.2f CPU s)%n",
                        r + 1, slowRound, slowCpu, fastRound, fastCpu);
                o.flush();
            }
            if (only != null) {
                double sec = only.equals("fast") ? fast : slow;
                o.printf(Locale.ROOT, "%-36s %10s %12s%n", "path", "seconds", "points/s");
                o.printf(Locale.ROOT, "%-36s %10.2f %12.0f%n", only, sec, n / sec);
                return 0;
            }
            int differ = 0;
            for (int i = 0; i < sample.size(); i++) {
                if (!slowResults.get(i).equals(fastResults.get(i))) {
                    differ++;
                }
            }
            o.printf(Locale.ROOT, "%-36s %10s %12s%n", "path", "seconds", "points/s");
            o.printf(Locale.ROOT, "%-36s %10.2f %12.0f%n", "straightforward (no cost cache)", slow, n / slow);
            o.printf(Locale.ROOT, "%-36s %10.2f %12.0f%n", "fast (operator costs by value)", fast, n / fast);
            o.printf(Locale.ROOT, "fast / straightforward = %.2fx; results identical on %,d of %,d points%n",
                    slow / fast, n - differ, n);
            return differ == 0 ? 0 : 1;
        } finally {
            pool.shutdown();
        }
    }

    /** CPU time of this process so far (every thread), in ns; -1 where the JVM does not report it. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    private static List<PointResult> evaluate(ForkJoinPool pool, PointEvaluator ev, List<DesignPoint> sample)
            throws Exception {
        return pool.submit(() -> sample.parallelStream().map(ev::evaluate).toList()).get();
    }
}
