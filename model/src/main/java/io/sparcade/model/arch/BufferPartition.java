package io.sparcade.model.arch;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sparcade.model.Checks;

/**
 * One operand's part of a partitioned buffer: a separate memory of {@code capacityKib}, double buffered (an
 * active half the array reads or writes, and a half its own DRAM port fills or drains), with a port of
 * {@code portGbPerS}.
 *
 * @param capacityKib capacity in KiB
 * @param portGbPerS  bandwidth of the partition's DRAM port, GB/s (10^9 B/s). Required unless the DRAM is
 *                    {@code sized}; with a sized DRAM it is the rate of the transfers no compute waits for (the
 *                    first fill of the active half, the output drains), and 0 makes them instantaneous
 */
public record BufferPartition(double capacityKib, @JsonProperty("port_gb_per_s") double portGbPerS) {
    public BufferPartition {
        Checks.positive(capacityKib, "capacity_kib");
        Checks.nonNegative(portGbPerS, "port_gb_per_s");
    }

    public long capacityBytes() {
        return (long) Math.floor(capacityKib * 1024);
    }
}
