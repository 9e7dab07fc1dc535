package io.sparcade.model.arch;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;

/**
 * An on-chip buffer (SRAM, BRAM/URAM): its capacity bounds the tiles staged in it (shared by the compute units
 * that name it), its bandwidth bounds how fast compute units read them. It is {@code banks} memories of
 * capacity/banks each, accessed in parallel, each {@code bytesPerCycle}/banks wide: a bank's capacity and width
 * set the energy of an access.
 *
 * @param capacityKib     capacity in KiB
 * @param bytesPerCycle   read bandwidth to the compute units, bytes per cycle, all banks together
 * @param banks           memories the buffer is built from (e.g. 792 URAMs), each capacity/banks large
 * @param doubleBuffered  whether tiles are double buffered (memory of tile i+1 overlaps compute of tile i)
 * @param kind            sram (ASIC), bram or uram (FPGA); default sram
 * @param partitions      separate per-operand memories (ifmap, filter, ofmap), each double buffered with its
 *                        own DRAM port, as SCALE-Sim builds its accelerator; null: one memory shared by the
 *                        operands and tiled against. A partitioned buffer feeds exactly one nm-array, and its
 *                        capacity is the partitions' ({@code capacityKib} is then stored as 0: give it only as
 *                        their sum, or leave it out)
 * @param stallAccounting partitioned buffers only: how a read that missed is counted (default once)
 */
public record BufferSpec(double capacityKib, double bytesPerCycle, int banks, Boolean doubleBuffered, BufferKind kind,
                         BufferPartitions partitions, StallAccounting stallAccounting)
        implements UnitSpec {
    public static final String TYPE = "buffer";

    public BufferSpec(double capacityKib, double bytesPerCycle, int banks, Boolean doubleBuffered) {
        this(capacityKib, bytesPerCycle, banks, doubleBuffered, null);
    }

    public BufferSpec(double capacityKib, double bytesPerCycle, int banks, Boolean doubleBuffered, BufferKind kind) {
        this(capacityKib, bytesPerCycle, banks, doubleBuffered, kind, null, null);
    }

    /** A partitioned buffer. */
    public BufferSpec(BufferPartitions partitions, double bytesPerCycle, StallAccounting stallAccounting) {
        this(0, bytesPerCycle, 1, true, null, partitions, stallAccounting);
    }

    public BufferSpec {
        if (partitions != null) {
            double sum = partitions.capacityKib();
            if (capacityKib != 0 && Math.abs(capacityKib - sum) > 1e-9 * sum) {
                throw new SpecException("capacity_kib", capacityKib + " KiB is not the sum of the partitions (" + sum
                        + " KiB): a partitioned buffer's capacity is its partitions', leave capacity_kib out");
            }
            capacityKib = 0;
            if (Boolean.FALSE.equals(doubleBuffered)) {
                throw new SpecException("double_buffered", "every partition is double buffered (an active half and a "
                        + "half its port fills or drains); false is not modelled for a partitioned buffer");
            }
            if (stallAccounting == null) {
                stallAccounting = StallAccounting.ONCE;
            }
        } else {
            Checks.positive(capacityKib, "capacity_kib");
            if (stallAccounting != null) {
                throw new SpecException("stall_accounting", "applies to partitioned buffers only (give partitions)");
            }
        }
        Checks.positive(bytesPerCycle, "bytes_per_cycle");
        if (banks == 0) {
            banks = 1;
        }
        Checks.positive(banks, "banks");
        if (doubleBuffered == null) {
            doubleBuffered = Boolean.TRUE;
        }
        if (kind == null) {
            kind = BufferKind.SRAM;
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Capacity in bytes: the partitions' together for a partitioned buffer. */
    public long capacityBytes() {
        return (long) Math.floor(totalKib() * 1024);
    }

    /** Capacity in KiB: the partitions' together for a partitioned buffer. */
    public double totalKib() {
        return partitions != null ? partitions.capacityKib() : capacityKib;
    }

    public boolean partitioned() {
        return partitions != null;
    }

    /** Capacity of one bank, bytes. */
    public double bankBytes() {
        return totalKib() * 1024 / banks;
    }

    /** Width of one bank's port, bits. */
    public double bankWidthBits() {
        return bytesPerCycle * 8 / banks;
    }
}
