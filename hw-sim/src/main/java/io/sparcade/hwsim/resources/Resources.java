package io.sparcade.hwsim.resources;

import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.BufferKind;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.ComputeUnitSpec;
import io.sparcade.model.arch.Dataflow;
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
        long parts = ceilDiv(bits, DSP_OPERAND_BITS);
        return parts * parts;
    }

    /** LUT6 per bit of an M:1 multiplexer: a LUT6 is a 4:1 mux, a tree of them needs about (M - 1) / 3. */
    static long lutPerMuxBit(int m) {
        return (m - 1 + 2) / 3;
    }

    /**
     * LUTs of one PE of an N:M array in the dataflow {@code df} (the one PE, sc_nm_mac: one multiplier, an M:1
     * activation multiplexer of W bits, none when dense-only, and a 32-bit accumulate). In WS and IS the PE's
     * {@code ps_out <= ps_in + prod} is a multiply-add into a register, which synth_xilinx packs into the DSP48
     * (C port, P register): no fabric adder. In OS the accumulate ({@code acc <= (first ? 0 : acc) + prod},
     * enabled by the step's valid flag, beside the result register) stays in fabric: 32 LUT (Vivado can fold
     * it into the DSP48's P feedback; Yosys 0.23 does not). Yosys 0.23 synth_xilinx xc7 on sc_pe_ws / sc_pe_is /
     * sc_pe_os alone, W = 8, M = 8: 24 / 24 / 57 LUT, one DSP48E1 each (estimate 24 / 24 / 56).
     */
    public static long lutPerArrayPe(int precisionBits, int maxM, Dataflow df) {
        long mux = maxM > 1 ? (long) precisionBits * lutPerMuxBit(maxM) : 0;
        return mux + (df == Dataflow.OS ? Luts.add(PE_ACC_BITS) : 0);
    }

    /**
     * The DSP slice the estimate counts for: what decides how many DSPs a multiplier takes and whether an adder
     * beside it lands in fabric.
     */
    public enum DspFamily {
        /** 7-series DSP48E1 (UG479): 25 x 18 multiplier; what Yosys 0.23 {@code synth_xilinx -family xc7} maps to. */
        DSP48E1(25),
        /**
         * UltraScale(+) DSP48E2 (UG579): 27 x 18 multiplier with a 27-bit pre-adder, the DSP of every FPGA device
         * Sparcade describes (XCU280, XCVU9P; Versal's DSP58 is 27 x 24, a superset for these blocks). Also the
         * nominal count for an ASIC design.
         */
        DSP48E2(27);

        /** Widest operand the multiplier's A port takes. */
        public final int aPortBits;

        DspFamily(int aPortBits) {
            this.aPortBits = aPortBits;
        }
    }

    /**
     * LUT cost of the RTL's arithmetic operators, one LUT6-based FPGA fabric (7-series and UltraScale alike).
     * Each rule was measured with Yosys 0.23 {@code synth_xilinx -family xc7 -noiopad -flatten} on a module
     * holding that one operator with registered inputs and outputs (README, "Layer engines through Yosys"):
     * a 32-bit adder 32 LUT2 + 8 CARRY4; adding a constant 0 LUT (the CARRY4 alone); a 32 / 16 / 8-bit
     * magnitude comparator 22 / 12 / 6 LUT; against a constant (16 bits) 6; a 32 / 16-bit equality 24 / 9;
     * against a constant (32 bits) 5; a 32-bit right shift by a 4-bit amount 65 LUT, kept to its low 19 bits
     * 54; a 4:1 multiplexer of 32 bits 32 LUT6; a 32-bit select folded into an adder's LUT 0 extra; a valid
     * gate into a register 0 (the register's synchronous reset), a valid gate feeding logic 1 per bit.
     */
    static final class Luts {
        private Luts() {
        }

        /** Adder or subtractor of n bits (one LUT per bit beside the carry chain; a constant operand costs none). */
        static long add(int n) {
            return n;
        }

        /** Magnitude comparator of two n-bit values (the carry chain resolves three bits per LUT6 pair). */
        static long lt(int n) {
            return (2L * n + 2 + 2) / 3;
        }

        /** Magnitude comparator of an n-bit value against a constant. */
        static long ltConst(int n) {
            return (n + 2) / 3;
        }

        /** Equality of two n-bit values. */
        static long eq(int n) {
            return (3L * n + 3) / 4;
        }

        /** Equality of an n-bit value with a constant (six bits per LUT6). */
        static long eqConst(int n) {
            return (n + 5) / 6;
        }

        /** Right shift by a 4-bit amount into n output bits taken from a wider value (two 2:1 levels per LUT6). */
        static long shiftRight4(int n) {
            return 2L * n + 12;
        }

        /** Left shift of n bits by a 4-bit amount. */
        static long shiftLeft4(int n) {
            return 2L * n;
        }

        /** Multiplexer of k sources, n bits (a LUT6 is a 4:1 multiplexer). */
        static long mux(int k, int n) {
            return (long) n * lutPerMuxBit(k);
        }
    }

    /**
     * The estimate of a whole architecture: every unit's, compute units with the address widths of their buffer,
     * for the DSP family of its device ({@link #familyOf}).
     */
    /**
     * What this estimate needs beyond what {@code device} offers, one entry per resource, e.g.
     * {@code "LUT 2,328,396 > 1,304,000"}; empty when it fits or the device (or one of its counts) is not known.
     * The device's counts come from its data sheet ({@link io.sparcade.model.arch.Device}).
     */
    public java.util.List<String> exceeding(io.sparcade.model.arch.Device device) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (device == null) {
            return out;
        }
        check(out, "DSP48", dsp48, device.dsp48());
        check(out, "BRAM36", bram36, device.bram36());
        check(out, "URAM288", uram288, device.uram288());
        check(out, "LUT", lut, device.luts());
        return out;
    }

    private static void check(java.util.List<String> out, String what, long used, long offered) {
        if (offered > 0 && used > offered) {
            out.add(String.format(java.util.Locale.ROOT, "%s %,d > %,d", what, used, offered));
        }
    }

    public static Resources estimate(Architecture arch) {
        long dsp = 0;
        long bram = 0;
        long uram = 0;
        long lut = 0;
        long macs = 0;
        for (UnitSpec u : arch.units().values()) {
            Resources r = of(u, arch);
            dsp += r.dsp48;
            bram += r.bram36;
            uram += r.uram288;
            lut += r.lut;
            macs += r.macUnits;
        }
        return new Resources(dsp, bram, uram, lut, macs);
    }

    /** The DSP family of an architecture's device: DSP48E2 for every device Sparcade describes, and for an ASIC. */
    public static DspFamily familyOf(Architecture arch) {
        return DspFamily.DSP48E2;
    }

    /** The estimate of one unit of {@code arch} (a DRAM takes no FPGA resources). */
    public static Resources of(UnitSpec u, Architecture arch) {
        BufferSpec buffer = u instanceof ComputeUnitSpec c ? arch.bufferOf(c) : null;
        return of(u, buffer, familyOf(arch));
    }

    /**
     * The estimate of one unit: {@code buffer} is a compute unit's buffer (its size sets the widths of the
     * engine's buffer addresses, which the sequencer computes; ignored for other units), {@code family} the DSP
     * slice counted for.
     */
    public static Resources of(UnitSpec u, BufferSpec buffer, DspFamily family) {
        long dsp = 0;
        long bram = 0;
        long uram = 0;
        long lut = 0;
        long macs = 0;
        if (u instanceof NmArraySpec a) {
            long pes = (long) a.rows() * a.cols();
            dsp += pes * dspsPerMultiplier(a.precisionBits());
            macs += pes;
            lut += arrayEngineLut(a, requireBuffer(u, buffer));
        } else if (u instanceof DspChainSpec d) {
            // every stage's multiplier takes the 27-bit pre-adder operand (sc_csd_stage: hi * 2^18 + lo, built for
            // INT8 packing whether or not a layer packs): one DSP48E2, or two DSP48E1 (25-bit A port)
            dsp += d.totalDsps() * (family.aPortBits >= CHAIN_PREADDER_BITS ? 1 : 2);
            macs += d.totalDsps();
            lut += chainEngineLut(d, requireBuffer(u, buffer), family);
        } else if (u instanceof TopkEngineSpec t) {
            // the pivot position: the 16-bit LFSR times the sequence length (32 bits), split in two DSPs on both
            // families (32 bits exceed either A port)
            dsp += 2;
            lut += topkEngineLut(t, requireBuffer(u, buffer));
        } else if (u instanceof VectorUnitSpec v) {
            dsp += v.lanes() * dspsPerMultiplier(v.precisionBits());
            macs += v.lanes();
            lut += v.lanes() * LUT_PER_VECTOR_LANE;
        } else if (u instanceof BufferSpec b) {
            if (b.kind() == BufferKind.URAM) {
                uram += ceilDiv(b.capacityBytes() * 8, URAM288_BITS);
            } else {
                bram += bufferBram36(b);
            }
        } else if (!(u instanceof DramSpec)) {
            throw new IllegalStateException("no resource estimate for " + u.type());
        }
        return new Resources(dsp, bram, uram, lut, macs);
    }

    /**
     * RAMB18 shapes (depth, width) of a simple-dual-port bank (one write port, one read port), Xilinx UG473
     * "7 Series FPGAs Memory Resources", block RAM port aspect ratios: 16K x 1 ... 2K x 9, 1K x 18, 512 x 36.
     */
    private static final int[][] RAMB18_SHAPES = {{16384, 1}, {8192, 2}, {4096, 4}, {2048, 9}, {1024, 18}, {512, 36}};
    /** RAMB36 shapes of a simple-dual-port bank (UG473): 32K x 1 ... 4K x 9, 2K x 18, 1K x 36, 512 x 72. */
    private static final int[][] RAMB36_SHAPES = {{32768, 1}, {16384, 2}, {8192, 4}, {4096, 9}, {2048, 18}, {1024, 36},
        {512, 72}};

    /**
     * BRAM36 of a block-RAM (or SRAM, as block RAM on an FPGA) buffer: {@code banks} banks, each a memory of the
     * bank's port width ({@code bytes_per_cycle / banks}) and depth (its share of the capacity), built as the
     * cheapest cover of one bank by one UG473 shape, in RAMB18 halves (a RAMB36 counts as two). A wide, shallow
     * bank takes more block RAM than its bits (a 128-bit bank of 2,048 words: 15 RAMB18 in 2K x 9, not the 8 its
     * 256 Kb fill), which the capacity alone does not see. Yosys 0.23 synth_xilinx xc7 built exactly this cover on
     * one-bank modules at 14 widths and depths (README "Layer engines through Yosys"). A partitioned buffer has no
     * banks (SCALE-Sim's model): its capacity / 36 Kb.
     */
    static long bufferBram36(BufferSpec b) {
        if (b.partitioned()) {
            return ceilDiv(b.capacityBytes() * 8, BRAM36_BITS);
        }
        long width = Math.max(1, (long) Math.ceil(b.bankWidthBits() - 1e-9));
        long depth = Math.max(1, (long) Math.ceil(b.bankBytes() * 8 / width - 1e-9));
        long halves = Math.multiplyExact(b.banks(), bankRamb18(width, depth));
        return (halves + 1) / 2;
    }

    /** RAMB18 halves of the cheapest one-shape cover of a {@code width} x {@code depth} simple-dual-port bank. */
    static long bankRamb18(long width, long depth) {
        long best = Long.MAX_VALUE;
        for (int[] s : RAMB18_SHAPES) {
            best = Math.min(best, ceilDiv(width, s[1]) * ceilDiv(depth, s[0]));
        }
        for (int[] s : RAMB36_SHAPES) {
            best = Math.min(best, 2 * ceilDiv(width, s[1]) * ceilDiv(depth, s[0]));
        }
        return best;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static BufferSpec requireBuffer(UnitSpec u, BufferSpec buffer) {
        if (buffer == null) {
            throw new IllegalArgumentException("the estimate of a " + u.type() + " needs its buffer (address widths)");
        }
        return buffer;
    }

    /** Bits of the chain stage's pre-adder operand (sc_csd_stage: {@code (hi <<< 18) + lo}, 27 bits). */
    static final int CHAIN_PREADDER_BITS = 27;
    /** Bits of the chain's cascade (sc_csd_stage PW: the DSP48's 48-bit P). */
    static final int CHAIN_CASCADE_BITS = 48;
    /** Bits of the sequencers' counters, strides and sizes (the 32-bit instruction words). */
    static final int WORD = 32;

    /**
     * Address bits of a buffer memory of {@code wordBits}-bit words, as the engine builds it (ArrayEngineConfig.of):
     * the capacity rounded up to a power of two, at least 16 KiB, each memory holding it whole.
     */
    static int addressBits(BufferSpec buffer, int wordBits) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(memoryWords(buffer, wordBits) - 1));
    }

    /** Words of a buffer memory of {@code wordBits}-bit words, as the engine builds it. */
    static long memoryWords(BufferSpec buffer, int wordBits) {
        long cap = Math.max(1, buffer.capacityBytes());
        long bytes = Math.max(16L << 10, Long.highestOneBit(Math.max(1, cap - 1)) << 1);
        return Math.max(1, bytes * 8 / wordBits);
    }

    /**
     * Bits of a B (weight) word in an N:M engine's buffer: the weight and the index of its one of M positions (M the
     * largest the unit supports; none when dense only), as the engines' B memory is built ({@code weightBits} of the
     * rtl module's ArrayEngineConfig and ChainEngineConfig).
     */
    static int weightWordBits(int w, int maxM) {
        return w + (maxM > 1 ? 32 - Integer.numberOfLeadingZeros(maxM - 1) : 0);
    }

    /**
     * LUTs of an N:M array's layer-engine core (nm_array_core): the PE grid, the sequencer with its feeders and
     * write-back (sc_seq_ws / sc_seq_os / sc_seq_is) and the tag line (sc_tag_step), each term counting an
     * operator of that RTL by width with the {@link Luts} rules (a = A, b = B, c = C buffer address bits). The
     * skew and tag delay lines are registers only. Not counted: the state machine's decode and glue (a few
     * dozen single-bit conditions), which is why the estimate runs below Yosys by a few hundred LUTs.
     */
    static long arrayEngineLut(NmArraySpec s, BufferSpec buffer) {
        int r = s.rows();
        int c = s.cols();
        int w = s.precisionBits();
        int mm = s.supportedM().stream().mapToInt(Integer::intValue).max().orElse(1);
        int ew = weightWordBits(w, mm);
        int aw = addressBits(buffer, w);
        int bw = addressBits(buffer, ew);
        int cw = addressBits(buffer, WORD);
        Dataflow df = s.dataflow();
        // lane j >= 1 of a group is live when j < 1 << log2(M) of the layer: a 32-bit comparison with a constant
        long laneValid = (mm - 1) * Luts.ltConst(WORD);
        // the A offset of a compressed k: ((k0 + k) >> log2 N) << log2 M minus the tile's dense offset
        long aOffset = Luts.add(WORD) + Luts.shiftRight4(aw) + Luts.shiftLeft4(aw) + Luts.add(aw);
        long seq;
        switch (df) {
            case WS -> {
                long fixed = 4 * Luts.eq(WORD)            // fold end, last fold (k and n), last step of the tile
                        + Luts.eqConst(WORD)              // end of the preload (cnt == R - 1)
                        + Luts.lt(WORD)                   // step live (cnt < tm)
                        + Luts.add(WORD) + Luts.lt(WORD)  // k row preloaded now (fkr + R - 1 - cnt) < tk
                        + 2 * Luts.add(16)                // tails in flight (+ issued, - retired)
                        + 7 * Luts.add(bw) + Luts.mux(4, bw) + Luts.mux(2, bw)  // B preload row/fold addresses
                        + Luts.add(aw) + Luts.mux(2, aw)  // A row address (+ stride, or the tile's base)
                        + Luts.add(cw) + Luts.mux(2, cw)  // C row address
                        + Luts.add(cw) + Luts.add(16)     // the tag: C address of the fold, valid columns
                        + laneValid;
                long perRow = Luts.lt(WORD)               // row's k < tk
                        + aOffset + Luts.add(aw)          // its A address (row address + offset; + lane j is a constant)
                        + mm;                             // each lane's live flag
                long perCol = Luts.lt(WORD)               // n < tn
                        + Luts.add(bw)                    // B address
                        + Luts.ltConst(16) + 1;           // write enable (column < valid columns), weight live flag
                seq = fixed + r * perRow + c * perCol
                        + (c - 1) * Luts.add(cw)          // tag line: each column stage advances the C address
                        + (long) mm * w;                  // row 0's activations gated into PE (0, 0) unregistered
            }
            case IS -> {
                long fixed = 4 * Luts.eq(WORD) + Luts.eqConst(WORD) + Luts.lt(WORD)
                        + Luts.add(WORD) + Luts.lt(WORD)  // k column preloaded now, < tk
                        + aOffset                         // one A offset: the preload's k is the same for all columns
                        + 2 * Luts.add(16)
                        + Luts.add(bw) + Luts.mux(2, bw)  // B fold address
                        + Luts.add(aw) + Luts.mux(3, aw)  // A fold address (base, + C rows, back to base)
                        + Luts.add(cw) + Luts.mux(3, cw)  // C fold address
                        + Luts.add(cw) + Luts.add(16)     // the tag
                        + laneValid;
                long perCol = Luts.lt(WORD)               // m < tm
                        + Luts.add(aw)                    // its A address (column address + offset)
                        + mm                              // lanes' live flags
                        + Luts.ltConst(16);               // write enable
                long perRow = Luts.lt(WORD) + Luts.add(bw) + 1;  // k < tk, B address (+ step), live flag
                seq = fixed + c * perCol + r * perRow
                        + (c - 1) * Luts.add(aw)          // column addresses follow each other by a stride
                        + (r - 1) * Luts.add(bw)          // row addresses likewise
                        + (c - 1) * Luts.add(cw)          // tag line
                        + ew;                             // row 0's weight gated into PE (0, 0) unregistered
            }
            case OS -> {
                long fixed = 2 * Luts.eq(WORD)            // last fold (m and n)
                        + Luts.mux(2, WORD)               // last step (continued tile or full fold)
                        + 2 * Luts.eq(WORD) + Luts.eqConst(WORD)  // fold end, last step flag, first step flag
                        + Luts.lt(WORD)                   // step live
                        + aOffset                         // one A offset: every row streams the same k
                        + Luts.lt(WORD) + Luts.eqConst(WORD)      // drain: row < rows of the fold, last row
                        + 2 * Luts.add(WORD)              // drain: rows and columns of the fold
                        + 2 * Luts.add(cw) + Luts.mux(2, cw)      // drain C address
                        + Luts.add(bw) + Luts.mux(3, bw)  // B step address
                        + Luts.add(aw) + Luts.mux(2, aw)  // A fold address
                        + Luts.add(cw) + Luts.mux(2, cw)  // C fold address
                        + 2 * Luts.add(8)                 // tiles held for in-order retirement
                        + laneValid;
                long perRow = Luts.lt(WORD) + Luts.add(aw) + mm;  // m < tm, A address, lanes' live flags
                long perCol = Luts.lt(WORD) + Luts.add(bw) + 1    // n < tn, B address, live flag
                        + Luts.ltConst(WORD)              // write enable (column < valid columns)
                        + Luts.mux(r, PE_ACC_BITS);       // the drain: row d's result onto the column's port
                seq = fixed + r * perRow + c * perCol
                        + (r - 1) * Luts.add(aw)          // row addresses follow each other by a stride
                        + (long) mm * w + ew;             // row 0's activations and column 0's weight, unregistered
            }
            default -> throw new IllegalStateException("dataflow " + df);
        }
        return seq + (long) r * c * lutPerArrayPe(w, mm, df);
    }

    /**
     * LUTs of a DSP-chain layer-engine core (csd_core): CH chains of L = 2G stages (sc_csd_stage), their group
     * nodes, accumulators and C taps (sc_csd_chain), and the sequencer with its descriptor line and feeders
     * (sc_csd_seq), each term an operator of that RTL counted by width with the {@link Luts} rules. On DSP48E1
     * the stage's 8 x 27 product is split over two DSPs, so its sum and the cascade add land in fabric; a
     * DSP48E2 holds the pre-adder, the multiply and the cascade add.
     */
    static long chainEngineLut(DspChainSpec d, BufferSpec buffer, DspFamily family) {
        int ch = d.chains();
        int g = d.groupsPerChain();
        int l = d.dspsPerGroup() * g;
        int w = d.precisionBits();
        int mm = d.supportedM().stream().mapToInt(Integer::intValue).max().orElse(1);
        int ew = weightWordBits(w, mm);
        int aw = addressBits(buffer, w);
        int bw = addressBits(buffer, ew);
        int cw = addressBits(buffer, WORD);
        // stage: the M:1 multiplexers of the low and high rows (the high one is built for INT8 packing)
        long stage = 2L * w * lutPerMuxBit(mm);
        if (family.aPortBits < CHAIN_PREADDER_BITS) {
            stage += Luts.add(CHAIN_PREADDER_BITS - 18)  // pre-adder's upper bits (hi + lo's sign)
                    + Luts.add(CHAIN_CASCADE_BITS);       // split product's sum with the cascade
        }
        long perGroup = Luts.add(CHAIN_CASCADE_BITS - 18)  // the high row's part: (sum - lo) >>> 18
                + 2 * Luts.add(WORD)                      // accumulators (+ the segment's sum), low and high rows
                + Luts.add(WORD) + Luts.lt(WORD)          // the tap's column (c S + s) < the tile's columns
                + 2 * Luts.add(cw);                       // C write addresses of the two rows
        long nodes = 2L * (g - 1) * Luts.add(WORD);       // group nodes adding the previous group's parts (g >= 1)
        long chains = ch * (l * stage + g * perGroup + nodes)
                + (long) (ch - 1) * g * Luts.add(WORD);   // chain c's first column c S, passed along the chains
        long fixed = 3 * Luts.eq(WORD)                    // last item (row pairs, column blocks, passes)
                + Luts.lt(WORD)                           // high row exists (m0 + 1 < tm)
                + 3 * Luts.add(WORD)                      // row pair, pass's k, column block advance
                + Luts.add(bw) + Luts.mux(3, bw)          // B row address of the pass
                + Luts.add(aw) + Luts.mux(2, aw)          // A row address
                + Luts.add(cw) + Luts.mux(2, cw);         // C row address
        long perStage = Luts.add(WORD) + Luts.lt(WORD)    // stage's k = k0 + u < tk
                + Luts.lt(8)                              // segment < segments
                + Luts.add(WORD) + Luts.shiftRight4(aw) + Luts.shiftLeft4(aw) + Luts.add(aw)  // A offset
                + 3 * Luts.add(aw)                        // A addresses of the two rows (row, + stride, + offset)
                + (mm - 1) * Luts.ltConst(WORD);          // lane j live: j < 1 << log2 M
        long perChainStage = 3 * Luts.add(WORD)           // weight column: block + c S + s, c S = (c - 1) S + S
                + Luts.add(bw) + Luts.lt(WORD) + 1;       // B address, column < tn, live flag
        long descriptors = (l + 1) * Luts.eq(8)           // segment wrap at each descriptor stage
                + (l - 1) * (Luts.add(bw) + Luts.mux(2, bw));  // each stage's B row (+ stride, or back to the pass's)
        long perTap = 3 * Luts.eqConst(8) + Luts.lt(8) + Luts.add(8)  // node break, tap end, segment
                + Luts.add(cw) + Luts.add(WORD);          // tap's C address, columns left
        long gates = 2L * l * mm * w + (long) ch * l * ew; // activations and weights gated into the stages
        long seq = fixed + l * perStage + (long) l * ch * perChainStage
                - 2L * l * Luts.add(WORD)                 // chain 0: c S = 0, one add
                + descriptors + g * perTap + gates;
        return chains + seq;
    }

    /**
     * LUTs of a quick-select top-k engine's core (sc_topk_core) apart from its hi and lo row buffers: per lane
     * the comparators and the compaction's prefix sums, and the round's control, each an operator of that RTL
     * counted by width with the {@link Luts} rules. The hi and lo buffers (two memories of half the A memory's
     * words, P compacting write ports and P + 1 read ports) are not counted: as written they are behavioural
     * memories, which synthesis builds from flip-flops and P-port multiplexers (Yosys: thousands of LUTs at 32
     * words); a buildable engine would bank them in block RAM.
     */
    static long topkEngineLut(TopkEngineSpec t, BufferSpec buffer) {
        int p = t.lanes();
        int w = t.precisionBits();
        int aw = addressBits(buffer, w);
        int cw = addressBits(buffer, WORD);
        // the row buffers hold the largest power of two of at most half the A memory's words (TopkEngineConfig)
        int hb = Math.max(1, 63 - Long.numberOfLeadingZeros(Math.max(1, Long.highestOneBit(memoryWords(buffer, w) / 2))));
        long perLane = Luts.lt(WORD)                      // lane live: pos + j < limit
                + Luts.mux(3, w)                          // its score: the row, the hi or the lo side
                + 2 * Luts.lt(w) + Luts.eq(w)             // > pivot, < pivot, == the k-th value
                + Luts.add(WORD) + Luts.lt(WORD)          // keep an equal one: seen + earlier lanes' < needed
                + 4 * Luts.add(WORD)                      // prefix sums of >, <, ==, kept over the lanes
                + 2 * Luts.add(hb)                        // hi and lo write addresses (count + prefix)
                + 2 * Luts.add(cw);                       // C write address (base + kept + prefix)
        long fixed = Luts.mux(2, WORD)                    // the pass's limit (row length or side length)
                + Luts.lt(WORD)                           // last chunk
                + Luts.mux(3, w) + Luts.mux(2, w)         // the pivot read, the threshold
                + 2 * Luts.add(WORD)                      // hi and lo counts
                + 2 * Luts.lt(WORD) + 3 * Luts.add(WORD)  // the decision: k <= hi, k <= len - lo, new k
                + 2 * Luts.add(WORD) + Luts.add(WORD)     // equal ones seen, kept, needed
                + 2 * Luts.add(aw)                        // A read addresses (base + position, base + pivot)
                + 2 * Luts.mux(3, WORD);                  // the next length and rank
        return p * perLane + fixed;
    }
}
