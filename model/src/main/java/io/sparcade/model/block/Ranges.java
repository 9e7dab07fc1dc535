package io.sparcade.model.block;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;

/** Range checks for block parameters; each failure names the block and the parameter. */
final class Ranges {
    private Ranges() {
    }

    static void in(BlockKind kind, String name, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new SpecException("block " + kind.id(), name, "must be in " + lo + ".." + hi + ", got " + value);
        }
    }

    static void powerOfTwo(BlockKind kind, String name, int value) {
        if (!Checks.isPowerOfTwo(value)) {
            throw new SpecException("block " + kind.id(), name, "must be a power of two, got " + value);
        }
    }

    static void require(boolean ok, BlockKind kind, String name, String problem) {
        if (!ok) {
            throw new SpecException("block " + kind.id(), name, problem);
        }
    }

    static int log2(int v) {
        return 31 - Integer.numberOfLeadingZeros(v);
    }

    /** Bits to hold values 0..v-1 (at least 1). */
    static int bitsFor(int v) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(v - 1));
    }
}
