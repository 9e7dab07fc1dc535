package io.sparcade.model.arch;

import io.sparcade.model.SpecException;

/**
 * A buffer split into separate per-operand memories, as SCALE-Sim builds its accelerator: the array's input
 * activations (ifmap, the GEMM's A), its weights or second operand (filter, B) and its outputs (ofmap, C) each
 * have their own double-buffered memory and DRAM port.
 */
public record BufferPartitions(BufferPartition ifmap, BufferPartition filter, BufferPartition ofmap) {
    public BufferPartitions {
        if (ifmap == null) {
            throw new SpecException("ifmap", "missing: a partitioned buffer has ifmap, filter and ofmap partitions");
        }
        if (filter == null) {
            throw new SpecException("filter", "missing: a partitioned buffer has ifmap, filter and ofmap partitions");
        }
        if (ofmap == null) {
            throw new SpecException("ofmap", "missing: a partitioned buffer has ifmap, filter and ofmap partitions");
        }
    }

    public double capacityKib() {
        return ifmap.capacityKib() + filter.capacityKib() + ofmap.capacityKib();
    }

    public double portsGbPerS() {
        return ifmap.portGbPerS() + filter.portGbPerS() + ofmap.portGbPerS();
    }
}
