package io.sparcade.verilator;

import io.sparcade.model.block.BlockKind;

/**
 * Cycle tolerance of the cross-check per block: |RTL cycles - model cycles| must not exceed it. All three are
 * exact (0): the RTL's pipelines were built to the models' formulas (N:M array T + R + C - 2; DSP chain
 * ceil(ceil(rows/PF)/segments) + L; top-k sum of ceil(|seq|/P) + 3 per round plus ceil(len/P)).
 */
public final class Tolerances {
    private Tolerances() {
    }

    public static long cycles(BlockKind kind) {
        return switch (kind) {
            case NM_ARRAY -> 0;
            case TOPK -> 0;
            case DSP_CHAIN -> 0;
        };
    }
}
