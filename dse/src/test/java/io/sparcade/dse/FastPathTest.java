package io.sparcade.dse;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.dse.eval.PointEvaluator;
import io.sparcade.dse.eval.PointResult;
import io.sparcade.dse.sweep.DesignPoint;
import io.sparcade.dse.sweep.SweepParser;
import io.sparcade.dse.sweep.SweepSpec;
import io.sparcade.hwsim.energy.EnergyTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast path (operator costs cached by value, shared by the scheduler, the simulator, the mapping search and every
 * point; tile walks that skip their steady state; architectures bound once per axis values; the scheduler prepared
 * once per point with its placements kept per operator mapping; each distinct schedule simulated once) against the
 * straightforward one (every architecture bound, every schedule built and simulated, every cost walked tile by tile
 * afresh), on a seeded sample of 600 points of the default sweep: every result identical (cycles, latency, energy,
 * resources, violations, evaluations and the mapping found). The fast evaluator runs the sample twice, so the second
 * pass is served from costs and architectures other points put there.
 */
class FastPathTest {
    @Test
    void cachedCostsChangeNoResultOfTheDefaultSweep() throws IOException {
        SweepSpec sweep;
        try (InputStream in = FastPathTest.class.getResourceAsStream("/io/sparcade/dse/sweeps/default.yaml")) {
            sweep = SweepParser.parse("default.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        SplittableRandom rng = new SplittableRandom(20261129L);
        List<DesignPoint> sample = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            sample.add(sweep.point(rng.nextLong(sweep.size())));
        }
        PointEvaluator slow = new PointEvaluator(sweep, (EnergyTable) null, false);
        PointEvaluator fast = new PointEvaluator(sweep, (EnergyTable) null, true);
        List<PointResult> warm = sample.parallelStream().map(fast::evaluate).toList();
        List<PointResult> straightforward = sample.parallelStream().map(slow::evaluate).toList();
        List<PointResult> cached = sample.parallelStream().map(fast::evaluate).toList();
        assertThat(straightforward.stream().filter(PointResult::ok).count()).as("points that ran").isGreaterThan(300);
        assertThat(warm).containsExactlyElementsOf(straightforward);
        assertThat(cached).containsExactlyElementsOf(straightforward);
    }
}
