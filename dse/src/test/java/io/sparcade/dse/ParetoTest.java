package io.sparcade.dse;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.dse.output.Pareto;
import io.sparcade.dse.output.ParetoArchive;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParetoTest {
    /** The definition, checked pair by pair: on the front iff no other point dominates it. */
    static List<Integer> bruteForce(List<double[]> pts) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            boolean dominated = false;
            for (int j = 0; j < pts.size() && !dominated; j++) {
                double[] a = pts.get(j);
                double[] b = pts.get(i);
                boolean noWorse = true;
                boolean better = false;
                for (int d = 0; d < a.length; d++) {
                    noWorse &= a[d] <= b[d];
                    better |= a[d] < b[d];
                }
                dominated = j != i && noWorse && better;
            }
            if (!dominated) {
                out.add(i);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void frontIsExactlyTheNonDominatedSet(long seed) {
        List<double[]> pts = randomPoints(seed);
        assertThat(Pareto.front(pts)).isEqualTo(bruteForce(pts));
    }

    /** 1 to 400 points in 2 to 4 objectives; on a coarse grid for even seeds, so ties and duplicate vectors occur. */
    static List<double[]> randomPoints(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int dims = 2 + rng.nextInt(3);
        int n = 1 + rng.nextInt(400);
        int grid = seed % 2 == 0 ? 6 : 1_000_000;
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] p = new double[dims];
            for (int d = 0; d < dims; d++) {
                p[d] = 1 + rng.nextInt(grid);
            }
            pts.add(p);
        }
        return pts;
    }

    /** The incremental archive keeps exactly the non-dominated points, whatever order they arrive in. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void archiveHoldsTheNonDominatedSetInAnyOrder(long seed) {
        List<double[]> pts = randomPoints(seed);
        int n = pts.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new java.util.Random(seed));
        ParetoArchive<Integer> archive = new ParetoArchive<>();
        for (int i : order) {
            archive.offer(pts.get(i), i);
        }
        assertThat(archive.items()).containsExactlyInAnyOrderElementsOf(bruteForce(pts));
        assertThat(archive.offer(new double[] {Double.NaN, 0}, -1)).isFalse();
    }

    @Test
    void equalVectorsAreBothKeptAndDominatedOnesDropped() {
        List<double[]> pts = List.of(new double[] {1, 5}, new double[] {1, 5}, new double[] {2, 6}, new double[] {5, 1},
                new double[] {3, 3}, new double[] {3, 4});
        assertThat(Pareto.front(pts)).containsExactly(0, 1, 3, 4);
    }
}
