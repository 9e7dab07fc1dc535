package io.sparcade.model.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.model.SpecException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CausalMaskTest {
    @Test
    void aFourTokenPromptKeepsTheLowerTriangle() {
        // rows 0..3 see 1, 2, 3, 4 keys: 10 of the 16 pairs
        assertThat(new CausalMask("n", 0, 1).pairs(0, 4, 4)).isEqualTo(10);
        // two query heads per K/V head, position-major: rows (p0h0, p0h1, p1h0, p1h1) see 1, 1, 2, 2 keys
        assertThat(new CausalMask("n", 0, 2).pairs(0, 4, 2)).isEqualTo(6);
        // a chunk of 2 queries after 3 cached keys: rows see 4 and 5 of 5 keys
        assertThat(new CausalMask("n", 3, 1).pairs(0, 2, 5)).isEqualTo(9);
        // keys capped by the total: offset beyond the keys leaves every pair
        assertThat(new CausalMask("n", 10, 1).pairs(0, 3, 4)).isEqualTo(12);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 1234})
    void closedFormMatchesCountingPairByPair(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int t = 0; t < 200; t++) {
            int group = 1 + r.nextInt(5);
            long offset = r.nextInt(20);
            long total = 1 + r.nextInt(60);
            long r0 = r.nextInt(50);
            long r1 = r0 + r.nextInt(50);
            long count = 0;
            for (long row = r0; row < r1; row++) {
                for (long key = 0; key < total; key++) {
                    if (key <= row / group + offset) {
                        count++;
                    }
                }
            }
            assertThat(new CausalMask("n", offset, group).pairs(r0, r1, total)).as("rows %d..%d", r0, r1).isEqualTo(count);
        }
    }

    @Test
    void aSlidingWindowKeepsABandBelowTheDiagonal() {
        // 4-token prompt, window 2: rows 0..3 see keys {0}, {0,1}, {1,2}, {2,3}: 7 pairs
        assertThat(new CausalMask("n", 0, 1, 2).pairs(0, 4, 4)).isEqualTo(7);
        // one decode query after 10 cached keys (11 keys with its own), window 4: keys 7..10
        assertThat(new CausalMask("n", 10, 1, 4).pairs(0, 1, 11)).isEqualTo(4);
        assertThat(new CausalMask("n", 10, 1, 4).firstKey(0)).isEqualTo(7);
        // two query heads per K/V head, window 2, 3 positions: rows see 1, 1, 2, 2, 2, 2 keys
        assertThat(new CausalMask("n", 0, 2, 2).pairs(0, 6, 3)).isEqualTo(10);
        // a window wider than the context changes nothing: 10 of 16 pairs as without it
        assertThat(new CausalMask("n", 0, 1, 100).pairs(0, 4, 4)).isEqualTo(10);
        // rows 2..3 alone, window 2: 2 + 2
        assertThat(new CausalMask("n", 0, 1, 2).pairs(2, 4, 4)).isEqualTo(4);
        assertThat(new CausalMask("n", 0, 1, 2).keysOf(3, 4)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 11, 99, 2024})
    void windowedClosedFormMatchesCountingPairByPair(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int t = 0; t < 200; t++) {
            int group = 1 + r.nextInt(5);
            long offset = r.nextInt(20);
            long window = 1 + r.nextInt(12);
            long total = 1 + r.nextInt(60);
            long r0 = r.nextInt(50);
            long r1 = r0 + r.nextInt(50);
            long count = 0;
            for (long row = r0; row < r1; row++) {
                long pos = row / group + offset;
                for (long key = 0; key < total; key++) {
                    if (key <= pos && key > pos - window) {
                        count++;
                    }
                }
            }
            assertThat(new CausalMask("n", offset, group, window).pairs(r0, r1, total))
                    .as("rows %d..%d window %d", r0, r1, window).isEqualTo(count);
        }
    }

    @Test
    void softmaxComputesOnlyTheKeptEntries() {
        // 2 heads x a 4 x 4 causal score matrix: 2 x 10 entries
        Softmax s = new Softmax("sm", java.util.List.of("x"), Shape.of(2, 4, 4), 16, new CausalMask(null, 0, 1));
        assertThat(s.keptElements()).isEqualTo(20);
    }

    @Test
    void badMasksAreRejected() {
        assertThatThrownBy(() -> new CausalMask("m", 0, 1)).isInstanceOf(SpecException.class).hasMessageContaining("causal.keys");
        assertThatThrownBy(() -> new CausalMask("n", -1, 1)).isInstanceOf(SpecException.class).hasMessageContaining("causal.offset");
        assertThatThrownBy(() -> new CausalMask("n", 0, 1, -4)).isInstanceOf(SpecException.class).hasMessageContaining("causal.window");
    }
}
