package io.sparcade.model.arch;

import io.sparcade.model.Checks;

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
 */
public record BufferSpec(double capacityKib, double bytesPerCycle, int banks, Boolean doubleBuffered, BufferKind kind)
        implements UnitSpec {
    public static final String TYPE = "buffer";

    public BufferSpec(double capacityKib, double bytesPerCycle, int banks, Boolean doubleBuffered) {
        this(capacityKib, bytesPerCycle, banks, doubleBuffered, null);
    }

    public BufferSpec {
        Checks.positive(capacityKib, "capacity_kib");
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

    public long capacityBytes() {
        return (long) Math.floor(capacityKib * 1024);
    }

    /** Capacity of one bank, bytes. */
    public double bankBytes() {
        return capacityKib * 1024 / banks;
    }

    /** Width of one bank's port, bits. */
    public double bankWidthBits() {
        return bytesPerCycle * 8 / banks;
    }
}
