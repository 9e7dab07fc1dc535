package io.sparcade.hwsim.memory;

import io.sparcade.model.arch.DramSpec;

/** Off-chip transfer time: bytes over the achieved bandwidth (channels x bytes/cycle x efficiency). */
public final class DramModel {
    private final double bytesPerCycle;

    public DramModel(DramSpec spec) {
        this.bytesPerCycle = spec.effectiveBytesPerCycle();
    }

    public long cycles(long bytes) {
        return bytes <= 0 ? 0 : (long) Math.ceil(bytes / bytesPerCycle);
    }
}
