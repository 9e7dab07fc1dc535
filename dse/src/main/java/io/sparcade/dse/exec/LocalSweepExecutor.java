package io.sparcade.dse.exec;

import io.sparcade.dse.eval.PointEvaluator;
import io.sparcade.dse.eval.PointResult;
import io.sparcade.dse.sweep.DesignPoint;
import io.sparcade.dse.sweep.SweepSpec;
import java.util.Iterator;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Evaluates points on a fixed pool of daemon threads in this JVM (default: one per core), with at most
 * {@link #IN_FLIGHT_PER_THREAD} points per thread submitted and not yet handed to the sink.
 */
public final class LocalSweepExecutor implements SweepExecutor {
    /** Points queued per thread: enough to keep every thread busy, few enough to hold no sweep in memory. */
    static final int IN_FLIGHT_PER_THREAD = 64;
    private final int threads;

    public LocalSweepExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    public static LocalSweepExecutor allCores() {
        return new LocalSweepExecutor(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public void execute(SweepSpec sweep, Iterator<DesignPoint> points, Sink sink) throws Exception {
        PointEvaluator evaluator = Evaluators.forSweep(sweep);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "dse-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads, tf);
        try {
            CompletionService<PointResult> done = new ExecutorCompletionService<>(pool);
            int inFlight = 0;
            int limit = threads * IN_FLIGHT_PER_THREAD;
            while (true) {
                while (inFlight < limit && points.hasNext()) {
                    DesignPoint p = points.next();
                    done.submit(() -> evaluator.evaluate(p));
                    inFlight++;
                }
                if (inFlight == 0) {
                    return;
                }
                sink.accept(done.take().get());
                inFlight--;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public String describe() {
        return threads + " local thread" + (threads == 1 ? "" : "s");
    }
}
