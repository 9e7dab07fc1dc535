package io.sparcade.dse.exec;

import io.sparcade.dse.eval.PointEvaluator;
import io.sparcade.dse.eval.PointResult;
import io.sparcade.dse.sweep.DesignPoint;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A batch of points shipped to a cluster member: the sweep's text (so the member needs nothing but the
 * Sparcade jar) and the points. The member evaluates them with its cached {@link PointEvaluator}.
 */
record EvaluateBatch(String source, String text, List<DesignPoint> points)
        implements Callable<ArrayList<PointResult>>, Serializable {

    @Override
    public ArrayList<PointResult> call() {
        PointEvaluator evaluator = Evaluators.forSweep(source, text);
        ArrayList<PointResult> out = new ArrayList<>(points.size());
        for (DesignPoint p : points) {
            out.add(evaluator.evaluate(p));
        }
        return out;
    }
}
