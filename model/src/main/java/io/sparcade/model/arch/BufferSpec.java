package io.sparcade.model.arch;

import io.sparcade.model.Checks;

/**
 * An on-chip buffer (SRAM, BRAM/URAM): its capacity bounds the tiles staged in it, its bandwidth bounds how
 * fast compute units read them.
 *
 * @param capacityKib     capacity in KiB
 * @param bytesPerCycle   read bandwidth to the compute units, bytes per cycle, all banks together
 * @param banks           number of banks (reported; bandwidth is already the total)
 * @param doubleBuffered  whether tiles are double buffered (memory of tile i+1 overlaps compute of tile i)
 */
public record BufferSpec(double capacityKib, double bytesPerCycle, int banks, Boolean doubleBuffered)
        implements UnitSpec {
    public static final String TYPE = "buffer";

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
    }

    @Override
    public String type() {
        return TYPE;
    }

    public long capacityBytes() {
        return (long) Math.floor(capacityKib * 1024);
    }
}
