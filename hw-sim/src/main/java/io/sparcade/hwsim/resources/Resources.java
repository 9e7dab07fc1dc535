package io.sparcade.hwsim.resources;

import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.BufferKind;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.DramSpec;
import io.sparcade.model.arch.DspChainSpec;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.arch.TopkEngineSpec;
import io.sparcade.model.arch.UnitSpec;
import io.sparcade.model.arch.VectorUnitSpec;

/**
 * FPGA resources of an architecture, estimated analytically: no per-block LUT/BRAM measurements exist yet,
 * so every number below names its source, and most are estimates. Use them to rank designs, not to size a
 * device.
 *
 * @param dsp48    DSP48 slices
 * @param bram36   36 Kb block RAMs of the buffers built from block RAM (and of SRAM buffers, as BRAM on an FPGA)
 * @param uram288  288 Kb UltraRAMs of the buffers built from UltraRAM
 * @param lut      LUTs
 * @param macUnits multiplier-accumulators of the compute units (PE lanes, DSP-chain stages, vector lanes): an
 *                 ASIC's logic leakage scales with them
 */
public record Resources(long dsp48, long bram36, long uram288, long lut, long macUnits) implements java.io.Serializable {
    /** Bits in one BRAM36 (Xilinx UG573: 36 Kb block RAM). */
    static final long BRAM36_BITS = 36 * 1024;
    /** Bits in one URAM288 (Xilinx UG573: 288 Kb UltraRAM). */
    static final long URAM288_BITS = 288 * 1024;
    /** Widest operand one DSP48 multiplies (UG579: DSP48E2 has a 27 x 18 multiplier); wider ones take several. */
    static final int DSP_OPERAND_BITS = 18;
    /**
     * Partial-sum bits of the one N:M PE (the RTL's ACC_BITS): its accumulate adder takes one LUT per bit beside
     * the carry chain; Yosys synth_xilinx xc7 maps it to 32 LUT2 + 8 CARRY4, not into the DSP48.
     */
    static final int PE_ACC_BITS = 32;
    /** LUTs of one vector lane (estimate: fp16 adder and exponent approximation beside a DSP multiplier). */
    static final long LUT_PER_VECTOR_LANE = 200;

    /** DSP48s per multiplier of {@code bits}-bit operands (estimate: 1 up to 18 bits, else a 2-D split). */
    static long dspsPerMultiplier(int bits) {
        if (bits <= DSP_OPERAND_BITS) {
            return 1;
        }
        long parts = (bits + DSP_OPERAND_BITS - 1) / DSP_OPERAND_BITS;
        return parts * parts;
    }

    /** LUT6 per bit of an M:1 multiplexer: a LUT6 is a 4:1 mux, a tree of them needs about (M - 1) / 3. */
    static long lutPerMuxBit(int m) {
        return (m - 1 + 2) / 3;
    }

    /**
     * LUTs of one PE of an N:M array (the one PE: one multiplier, an M:1 activation multiplexer, a 32-bit
     * accumulate): the adder's 32 plus W bits of the M:1 multiplexer (none when dense-only). Yosys 0.23
     * synth_xilinx xc7 on sc_pe_ws / sc_pe_os with W = 8 (README, "The one N:M PE"): M = 4 40 / 41 LUT
     * (estimate 40), M = 8 56 / 57 (56), M = 16 78 / 79 (72).
     */
    public static long lutPerArrayPe(int precisionBits, int maxM) {
        return PE_ACC_BITS + (maxM > 1 ? (long) precisionBits * lutPerMuxBit(maxM) : 0);
    }

    public static Resources estimate(Architecture arch) {
        long dsp = 0;
        long bram = 0;
        long uram = 0;
        long lut = 0;
        long macs = 0;
        for (UnitSpec u : arch.units().values()) {
            Resources r = of(u);
            dsp += r.dsp48;
            bram += r.bram36;
            uram += r.uram288;
            lut += r.lut;
            macs += r.macUnits;
        }
        return new Resources(dsp, bram, uram, lut, macs);
    }

    /** The estimate of one unit (a DRAM takes no FPGA resources). */
    public static Resources of(UnitSpec u) {
        long dsp = 0;
        long bram = 0;
        long uram = 0;
        long lut = 0;
        long macs = 0;
        if (u instanceof NmArraySpec a) {
            long pes = (long) a.rows() * a.cols();
            dsp += pes * dspsPerMultiplier(a.precisionBits());
            macs += pes;
            int maxM = a.supportedM().stream().mapToInt(Integer::intValue).max().orElse(1);
            lut += pes * lutPerArrayPe(a.precisionBits(), maxM);
        } else if (u instanceof DspChainSpec d) {
            dsp += d.totalDsps();
            macs += d.totalDsps();
            // A chain of cascaded DSP48s needs no LUT (Yosys, TOOLS.md); the sparse M:1 multiplexer per DSP does.
            int maxM = d.supportedM().stream().mapToInt(Integer::intValue).max().orElse(1);
            long lanes = d.int8Packing() ? 2 : 1;
            lut += d.supportedM().isEmpty() ? 0 : d.totalDsps() * lanes * d.precisionBits() * lutPerMuxBit(maxM);
        } else if (u instanceof TopkEngineSpec t) {
            // Two comparators (< pivot, > pivot) per lane, one LUT per bit each (estimate).
            lut += 2L * t.lanes() * t.precisionBits();
        } else if (u instanceof VectorUnitSpec v) {
            dsp += v.lanes() * dspsPerMultiplier(v.precisionBits());
            macs += v.lanes();
            lut += v.lanes() * LUT_PER_VECTOR_LANE;
        } else if (u instanceof BufferSpec b) {
            if (b.kind() == BufferKind.URAM) {
                uram += (b.capacityBytes() * 8 + URAM288_BITS - 1) / URAM288_BITS;
            } else {
                bram += (b.capacityBytes() * 8 + BRAM36_BITS - 1) / BRAM36_BITS;
            }
        } else if (!(u instanceof DramSpec)) {
            throw new IllegalStateException("no resource estimate for " + u.type());
        }
        return new Resources(dsp, bram, uram, lut, macs);
    }
}
