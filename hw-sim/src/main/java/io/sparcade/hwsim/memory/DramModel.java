package io.sparcade.hwsim.memory;

import io.sparcade.model.arch.DramSpec;

/**
 * Off-chip transfer time in accelerator cycles. The memory runs in its own clock domain: its achieved GB/s
 * (channels x GB/s per channel x efficiency) is converted to bytes per accelerator cycle with the
 * accelerator's clock, so raising {@code clock_mhz} makes compute faster and memory no faster. A node pays the
 * memory's idle latency once, before its first data arrives.
 */
public final class DramModel {
    private final double bytesPerCycle;
    private final long latencyCycles;
    private final int burstBytes;

    public DramModel(DramSpec spec, double clockMhz) {
        this.bytesPerCycle = spec.effectiveBytesPerCycle(clockMhz);
        this.latencyCycles = (long) Math.ceil(spec.latencyNs() * clockMhz / 1000.0);
        this.burstBytes = spec.technology().burstBytes();
    }

    /** A memory of {@code bytesPerCycle} achieved bytes per accelerator cycle and the given latency (64-B bursts). */
    public static DramModel ofBytesPerCycle(double bytesPerCycle, long latencyCycles) {
        return new DramModel(bytesPerCycle, latencyCycles, 64);
    }

    /** A memory of {@code bytesPerCycle} achieved bytes per accelerator cycle, latency and burst size. */
    public static DramModel ofBytesPerCycle(double bytesPerCycle, long latencyCycles, int burstBytes) {
        return new DramModel(bytesPerCycle, latencyCycles, burstBytes);
    }

    private DramModel(double bytesPerCycle, long latencyCycles, int burstBytes) {
        this.bytesPerCycle = bytesPerCycle;
        this.latencyCycles = latencyCycles;
        this.burstBytes = burstBytes;
    }

    /** Bytes of one burst: a vector fetched on its own moves whole bursts. */
    public int burstBytes() {
        return burstBytes;
    }

    /** Cycles to stream {@code bytes} at the achieved bandwidth. */
    public long cycles(long bytes) {
        return bytes <= 0 ? 0 : (long) Math.ceil(bytes / bytesPerCycle);
    }

    /** Achieved bytes per accelerator cycle. */
    public double bytesPerCycle() {
        return bytesPerCycle;
    }

    /** Idle latency in accelerator cycles, paid once per node that moves data. */
    public long latencyCycles() {
        return latencyCycles;
    }
}
