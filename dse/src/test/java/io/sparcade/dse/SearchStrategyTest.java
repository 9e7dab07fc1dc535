package io.sparcade.dse;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.dse.search.ExhaustiveSearch;
import io.sparcade.dse.search.HillClimbSearch;
import io.sparcade.dse.search.MapSpace;
import io.sparcade.dse.search.RandomSearch;
import io.sparcade.dse.search.SearchStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchStrategyTest {
    static int[] sizes(SplittableRandom rng) {
        int[] s = new int[1 + rng.nextInt(4)];
        for (int i = 0; i < s.length; i++) {
            s[i] = 1 + rng.nextInt(4);
        }
        return s;
    }

    static List<int[]> drain(SearchStrategy s, java.util.function.ToDoubleFunction<int[]> cost, int max) {
        List<int[]> out = new ArrayList<>();
        for (Optional<int[]> p = s.next(); p.isPresent() && out.size() < max; p = s.next()) {
            out.add(p.get());
            s.report(cost.applyAsDouble(p.get()));
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void exhaustiveVisitsEveryPointOnceStartingAtTheSchedulersMapping(long seed) {
        int[] sizes = sizes(new SplittableRandom(seed));
        List<int[]> seen = drain(new ExhaustiveSearch(sizes), p -> 0, Integer.MAX_VALUE);
        Set<String> distinct = new HashSet<>();
        seen.forEach(p -> distinct.add(Arrays.toString(p)));
        assertThat(seen).hasSize((int) MapSpace.size(sizes));
        assertThat(distinct).hasSize(seen.size());
        assertThat(seen.get(0)).containsOnly(0);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomIsSeededInRangeAndNeverRepeats(long seed) {
        int[] sizes = sizes(new SplittableRandom(seed));
        List<int[]> a = drain(new RandomSearch(sizes, seed), p -> 0, 50);
        List<int[]> b = drain(new RandomSearch(sizes, seed), p -> 0, 50);
        assertThat(a).zipSatisfy(b, (x, y) -> assertThat(x).isEqualTo(y));
        assertThat(a.stream().map(Arrays::toString).distinct().count()).isEqualTo(a.size());
        for (int[] p : a) {
            for (int i = 0; i < p.length; i++) {
                assertThat(p[i]).isBetween(0, sizes[i] - 1);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void hillClimbReachesTheMinimumOfASeparableCost(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] sizes = {3 + rng.nextInt(3), 3 + rng.nextInt(3), 3 + rng.nextInt(3)};
        int[] target = {rng.nextInt(sizes[0]), rng.nextInt(sizes[1]), rng.nextInt(sizes[2])};
        java.util.function.ToDoubleFunction<int[]> cost = p -> {
            double c = 0;
            for (int i = 0; i < p.length; i++) {
                c += Math.abs(p[i] - target[i]) * (i + 1);
            }
            return c;
        };
        List<int[]> seen = drain(new HillClimbSearch(sizes, seed), cost, 1000);
        assertThat(seen.get(0)).containsOnly(0);
        assertThat(seen.stream().mapToDouble(cost).min().orElseThrow()).isZero();
        assertThat(seen.stream().map(Arrays::toString).distinct().count()).isEqualTo(seen.size());
    }
}
