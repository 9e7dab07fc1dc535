package io.sparcade.hwsim.block;

import java.util.SplittableRandom;

/** Random operands for block queries. */
final class Operands {
    private Operands() {
    }

    /** A signed {@code bits}-bit integer, uniform over its whole range. */
    static int signed(SplittableRandom rng, int bits) {
        return rng.nextInt(1 << bits) - (1 << (bits - 1));
    }

    /** {@code n} distinct positions of {@code 0..m-1}, ascending. */
    static int[] positions(SplittableRandom rng, int n, int m) {
        int[] all = new int[m];
        for (int i = 0; i < m; i++) {
            all[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(m - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] p = java.util.Arrays.copyOf(all, n);
        java.util.Arrays.sort(p);
        return p;
    }
}
