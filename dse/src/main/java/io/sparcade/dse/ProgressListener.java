package io.sparcade.dse;

import io.sparcade.dse.eval.PointResult;

/** Hears about a sweep's progress (the command line shows a progress bar). Called from one thread. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void started(long total, long alreadyDone) {
        }

        @Override
        public void finished(PointResult result) {
        }
    };

    /** The run starts: {@code total} points in the sweep, {@code alreadyDone} of them from an earlier run. */
    void started(long total, long alreadyDone);

    /** One more point is done and written. */
    void finished(PointResult result);
}
