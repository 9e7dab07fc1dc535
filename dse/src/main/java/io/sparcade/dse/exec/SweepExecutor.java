package io.sparcade.dse.exec;

import io.sparcade.dse.eval.PointResult;
import io.sparcade.dse.sweep.DesignPoint;
import io.sparcade.dse.sweep.SweepSpec;
import java.util.Iterator;

/**
 * Where a sweep's points are evaluated: the local thread pool ({@link LocalSweepExecutor}, the default) or the
 * members of a Hazelcast cluster ({@link HazelcastSweepExecutor}). Results depend only on the sweep and the
 * point, so every executor gives the same results; only their order differs.
 */
public interface SweepExecutor extends AutoCloseable {
    /** Receives each finished point, on the thread that called {@link #execute}, one at a time. */
    @FunctionalInterface
    interface Sink {
        void accept(PointResult result) throws Exception;
    }

    /**
     * Evaluates {@code points} of {@code sweep}, handing each result to {@code sink} as soon as it is known.
     * Points are drawn from the iterator as capacity frees up, so only a bounded number of them is held at any
     * time, however many there are. Returns when every point was handed over; a sink failure stops the run and
     * is rethrown.
     */
    void execute(SweepSpec sweep, Iterator<DesignPoint> points, Sink sink) throws Exception;

    /** Human-readable description (threads, members). */
    String describe();

    @Override
    default void close() {
    }
}
