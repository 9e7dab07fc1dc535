package io.sparcade.dse.exec;

import io.sparcade.dse.eval.PointEvaluator;
import io.sparcade.dse.sweep.SweepParser;
import io.sparcade.dse.sweep.SweepSpec;
import io.sparcade.hwsim.energy.EnergyTable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link PointEvaluator} per sweep text in this JVM, so a cluster member that receives many batches of the
 * same sweep parses it and builds its workload graphs once.
 */
final class Evaluators {
    private static final Map<String, PointEvaluator> BY_TEXT = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 8;

    private Evaluators() {
    }

    static PointEvaluator forSweep(String source, String text) {
        if (BY_TEXT.size() > MAX_CACHED) {
            BY_TEXT.clear();
        }
        return BY_TEXT.computeIfAbsent(source + "\n" + text,
                k -> new PointEvaluator(SweepParser.parse(source, text), (EnergyTable) null));
    }

    static PointEvaluator forSweep(SweepSpec sweep) {
        return forSweep(sweep.source(), sweep.text());
    }
}
