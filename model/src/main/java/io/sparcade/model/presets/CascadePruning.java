package io.sparcade.model.presets;

import io.sparcade.model.SpecException;

/**
 * SpAtten's cascade pruning (papers.md §2): a token (or head) pruned at layer l is gone from every later
 * layer. With a keep-ratio r per layer, layer 0 sees all n items and layer l sees
 * ceil(... ceil(ceil(n·r)·r) ...) (l times): each layer's top-k keeps a fraction of what reached it.
 */
public final class CascadePruning {
    private CascadePruning() {
    }

    /** Items alive at each of {@code layers} layers when every layer's top-k keeps {@code ratio}. */
    public static long[] alive(long n, int layers, double ratio) {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new SpecException("keep", "must be in (0, 1], got " + ratio);
        }
        long[] out = new long[layers];
        long alive = n;
        for (int l = 0; l < layers; l++) {
            out[l] = alive;
            alive = Math.max(1, (long) Math.ceil(alive * ratio));
        }
        return out;
    }
}
