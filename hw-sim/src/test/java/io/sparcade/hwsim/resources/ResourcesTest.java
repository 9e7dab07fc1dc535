package io.sparcade.hwsim.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.spec.Override;
import io.sparcade.model.spec.Specs;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourcesTest {
    private static Architecture arch(String preset, String... sets) {
        return Specs.architecture(preset, java.util.Arrays.stream(sets).map(Override::parse).toList());
    }

    /** DSP48, BRAM and URAM of the seed presets, worked by hand from the datasheet rules Resources states. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        // 32x32 PEs + 32 vector lanes (8-bit operands: one DSP48 each). glb: 32 banks of 256 B x 8 / 32 = 64 bits
        // and 4 MiB x 8 / 32 / 64 = 16,384 words; UG473 covers of 64 x 16K: 1K x 36 RAMB36, 2 wide x 16 deep = 32
        // RAMB36 (512 x 72: 1 x 32 = 32; 16K x 1 RAMB18: 64 halves, the same); 32 banks x 32 = 1,024 BRAM36 (the
        // capacity alone, 4 MiB / 36 Kb, would say 911: it counts the parity bits 8-bit words leave empty)
        "sat-vcu1525    | clock_mhz=200                | 1056 | 1024 | 0",
        // 64x32 PEs + 32 lanes; the same glb
        "sat-vcu1525    | units.array.rows=64          | 2080 | 1024 | 0",
        // 3 cores x 128 chains x 8 x 2 DSP48E2 (one per stage: the 27-bit pre-adder operand fits) + 48 lanes;
        // 28,512 KiB of URAM / 288 Kb = 792 URAM288 (the paper's 792)
        "flightllm-u280 | clock_mhz=225                | 6192 | 0    | 792",
        // two dense 8x64 arrays + 8 softmax lanes + the top-k engine's pivot multiplier (16-bit LFSR x 32-bit
        // length: 32 bits exceed a DSP's A port, two DSPs). sram: 16 banks of 1,024 B x 8 / 16 = 512 bits and
        // 256 KiB x 8 / 16 / 512 = 256 words; 512 x 36 RAMB18: ceil(512 / 36) = 15 halves (512 x 72 RAMB36: 8 = 16
        // halves); 16 x 15 = 240 halves = 120 BRAM36 (the capacity alone: 57; a 512-bit bank of 256 words uses a
        // sliver of each block's depth)
        "spatten        | clock_mhz=1000               | 1034 | 120  | 0",
    })
    void dspAndMemoryFollowTheDatasheetRules(String preset, String set, long dsp, long bram, long uram) {
        Resources r = Resources.estimate(arch(preset, set));
        assertThat(new long[] {r.dsp48(), r.bram36(), r.uram288()}).containsExactly(dsp, bram, uram);
    }

    /**
     * One bank's block RAM against what Yosys 0.23 ({@code synth_xilinx -family xc7}) built for a memory with one
     * write port and one read port registered on the falling edge, {@code logic [W-1:0] mem [D]}, measured on 14
     * sizes (README "Layer engines through Yosys", the command there), in RAMB18 halves: W x D -> Yosys.
     */
    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({
        "8, 512, 1",      // 1 RAMB18
        "8, 2048, 1",     // 1 RAMB18
        "8, 4096, 2",     // 1 RAMB36
        "8, 8192, 4",     // 2 RAMB36
        "8, 16384, 8",    // 4 RAMB36
        "11, 2048, 2",    // 1 RAMB36
        "11, 4096, 3",    // 3 RAMB18
        "12, 1024, 1",    // 1 RAMB18
        "32, 1024, 2",    // 1 RAMB36
        "32, 2048, 4",    // 2 RAMB36
        "32, 4096, 8",    // 4 RAMB36
        "64, 512, 2",     // 1 RAMB36
        "128, 256, 4",    // 2 RAMB36
        "128, 2048, 15",  // 15 RAMB18
    })
    void bankBlockRamMatchesYosys(long width, long depth, long yosysRamb18) {
        assertThat(Resources.bankRamb18(width, depth)).isEqualTo(yosysRamb18);
    }

    /**
     * The buffer's block RAM follows its banks: sat-16x16-ws's glb (16 banks, 256 B a cycle: 128-bit banks) at
     * 512 KiB has 2,048 words a bank, 15 RAMB18 each (2K x 9, as Yosys built a 128 x 2,048 bank), 16 x 15 = 240
     * halves = 120 BRAM36; at 64 KiB 256 words, 4 RAMB18 (512 x 36) each, 64 halves = 32 BRAM36. The capacity
     * alone says 114 and 15. More banks of the same capacity and bandwidth never take fewer blocks here.
     */
    @Test
    void bufferBlockRamFollowsItsBanks() {
        assertThat(Resources.estimate(arch("sat-16x16-ws", "clock_mhz=200")).bram36()).isEqualTo(120);
        assertThat(Resources.estimate(arch("sat-16x16-ws", "units.glb.capacity_kib=64")).bram36()).isEqualTo(32);
        long previous = 0;
        for (int banks : new int[] {1, 2, 4, 8, 16, 32, 64}) {
            long b = Resources.estimate(arch("sat-16x16-ws", "units.glb.banks=" + banks)).bram36();
            assertThat(b).as("%d banks", banks).isGreaterThanOrEqualTo(previous);
            previous = b;
        }
    }

    /**
     * The operator rules against Yosys 0.23 synth_xilinx xc7 on one-operator modules (measured, README "Layer
     * engines through Yosys"): 32-bit adder 32 LUT, 32 / 16 / 8-bit comparator 22 / 12 / 6, 16-bit comparison
     * with a constant 6, 32-bit equality 24 (16-bit: 9), with a constant 5, 32-bit shift right by a 4-bit amount
     * kept to 19 bits 54, 4:1 multiplexer of 32 bits 32. Each rule within 3 LUT or 25% of the measurement.
     */
    @Test
    void operatorRulesMatchYosysOnOneOperator() {
        long[][] ruleVsYosys = {
            {Resources.Luts.add(32), 32}, {Resources.Luts.lt(32), 22}, {Resources.Luts.lt(16), 12}, {Resources.Luts.lt(8), 6},
            {Resources.Luts.ltConst(16), 6}, {Resources.Luts.eq(32), 24}, {Resources.Luts.eq(16), 9},
            {Resources.Luts.eqConst(32), 5}, {Resources.Luts.shiftRight4(19), 54}, {Resources.Luts.mux(4, 32), 32},
        };
        for (long[] p : ruleVsYosys) {
            assertThat((double) p[0]).isCloseTo(p[1], within(Math.max(3, 0.25 * p[1])));
        }
    }

    /**
     * The 2x2 WS core of sat-16x16-ws (8-bit operands, M = 8, 512 KiB buffer: A and B addresses 19 bits, C 17),
     * counted by hand from sc_seq_ws.sv, sc_tag_step.sv and sc_pe_ws.sv with the operator rules (adder n, comparator
     * ceil((2n + 2) / 3), equality ceil(3n / 4), equality with a constant ceil(n / 6), comparison with a constant
     * ceil(n / 3), 4:1 multiplexer 1 per bit, right shift into n bits 2n + 12, left shift 2n):
     * fixed: four 32-bit equalities 4 x 24, cnt == R - 1 6, cnt < tm 22, the preload's k (adder 32 + comparator
     * 22), tails 2 x 16, B addresses 7 x 19 + 19 + 19, A row 19 + 19, C row 17 + 17, the tag 17 + 16, lanes 1..7
     * live 7 x 11 = 563; per row: k < tk 22, A offset 32 + 50 + 38 + 19, A address 19, 8 live flags = 188; per
     * column: n < tn 22, B address 19, write enable 6, live 1 = 48; one tag stage 17; row 0's 64 gated
     * activation bits; PEs 4 x (8 bits x 3 LUT of an 8:1 multiplexer). Yosys measured 1,435 for this core.
     */
    @Test
    void arrayCoreCountedByHand() {
        Architecture a = arch("sat-16x16-ws", "units.array.rows=2", "units.array.cols=2");
        NmArraySpec s = (NmArraySpec) a.unit("array").orElseThrow();
        long hand = 563 + 2 * 188 + 2 * 48 + 17 + 64 + 4 * 24;
        assertThat(hand).isEqualTo(1212);
        assertThat(Resources.of(s, a).lut()).isEqualTo(hand);
        // DSP48E1 and DSP48E2 alike: an 8 x 8 multiplier fits either
        assertThat(Resources.of(s, a.bufferOf(s), Resources.DspFamily.DSP48E1).lut()).isEqualTo(hand);
    }

    /**
     * Marginal costs worked by hand. sat-vcu1525 (WS, 8-bit, M = 16, 4 MiB buffer: A 22 address bits) from 32 to
     * 64 rows adds 32 rows of 32 PEs (8 bits x 5 LUT of a 16:1 multiplexer = 40; the accumulate is the DSP48's
     * post-adder) and 32 sequencer rows (k < tk 22, A offset 32 + 56 + 44 + 22, A address 22, 16 live flags =
     * 214): 32 x (32 x 40 + 214) = 47,808. flightllm-u280 with one chain more (E2, 8 groups of 2 stages, M = 16,
     * C 23 and B 25 address bits): 16 stages x 2 x 8 x 5 = 1,280 multiplexer LUT; 8 groups x (high part 30 +
     * accumulators 64 + column 32 + comparator 22 + C addresses 46) = 1,552; 7 nodes x 64 = 448; the next chain's
     * first column 8 x 32 = 256; per stage weight column 96 + B address 25 + comparator 22 + live 1 = 144, x 16
     * = 2,304; 16 gated 12-bit weights 192: 6,032.
     */
    @Test
    void marginalCostsWorkedByHand() {
        long sat32 = Resources.estimate(arch("sat-vcu1525", "units.array.rows=32")).lut();
        long sat64 = Resources.estimate(arch("sat-vcu1525", "units.array.rows=64")).lut();
        assertThat(sat64 - sat32).isEqualTo(32L * (32 * 40 + 214));
        long f384 = Resources.estimate(arch("flightllm-u280", "units.dsp.chains=384")).lut();
        long f385 = Resources.estimate(arch("flightllm-u280", "units.dsp.chains=385")).lut();
        assertThat(f385 - f384).isEqualTo(1280 + 1552 + 448 + 256 + 2304 + 192);
    }

    /**
     * The device check against the data sheets' counts (DS963: XCU280 1,304K LUT, 9,024 DSP48; DS923: XCVU9P
     * 1,182K LUT, 6,840 DSP48, 2,160 BRAM36). flightllm-u280's chains alone take 384 x 6,032 LUT (one chain worked by
     * hand above: 1,280 + 1,552 + 448 + 256 + 2,304 + 192) = 2,316,288 > 1,304,000, while its 6,192 DSP48 (first
     * test) fit; sat-vcu1525's 1,056 DSP48 and 911 BRAM36 fit, and its LUTs (32 rows of 32 x 40 + 214 each, under
     * 100,000 with the vector lanes) fit; an architecture without a device is not checked.
     */
    @Test
    void deviceCheckNamesWhatDoesNotFit() {
        Architecture u280 = arch("flightllm-u280");
        List<String> excess = Resources.estimate(u280).exceeding(u280.device());
        assertThat(excess).hasSize(1);
        assertThat(excess.get(0)).startsWith("LUT ").endsWith(" > 1,304,000");
        assertThat(Resources.estimate(u280).lut()).isGreaterThan(384L * 6032);
        Architecture sat = arch("sat-vcu1525");
        assertThat(Resources.estimate(sat).exceeding(sat.device())).isEmpty();
        Architecture shrunk = arch("flightllm-u280", "units.dsp.chains=96");
        assertThat(Resources.estimate(shrunk).exceeding(shrunk.device())).as("a quarter of the chains fits").isEmpty();
        Architecture spatten = arch("spatten");
        assertThat(spatten.device()).isNull();
        assertThat(Resources.estimate(spatten).exceeding(spatten.device())).isEmpty();
    }

    /**
     * A chain stage on DSP48E1 (25-bit A port) takes two DSPs for its 27-bit pre-adder operand and puts the
     * pre-adder's upper 9 bits and the split product's 48-bit cascade sum in fabric: 1x1 chain engine (2 stages)
     * = 2 x (9 + 48) = 114 LUT and twice the DSPs more than on DSP48E2, which holds both.
     */
    @Test
    void chainOnDsp48e1PaysTheSplitProduct() {
        Architecture a = arch("flightllm-u280", "units.dsp.chains=1", "units.dsp.groups_per_chain=1");
        var d = a.unit("dsp").orElseThrow();
        var buffer = a.bufferOf((io.sparcade.model.arch.ComputeUnitSpec) d);
        Resources e1 = Resources.of(d, buffer, Resources.DspFamily.DSP48E1);
        Resources e2 = Resources.of(d, buffer, Resources.DspFamily.DSP48E2);
        assertThat(e1.dsp48()).isEqualTo(4);
        assertThat(e2.dsp48()).isEqualTo(2);
        assertThat(e1.lut() - e2.lut()).isEqualTo(2 * (9 + 48));
        assertThat(Resources.of(d, a)).isEqualTo(e2);
    }

    /** Physical direction: more rows, columns, M or operand bits never cost fewer LUTs; OS PEs cost more than WS. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ws", "os", "is"})
    void lutGrowsWithTheArray(String df) {
        long prev = 0;
        for (int n : List.of(2, 4, 8, 16, 32)) {
            long lut = Resources.estimate(arch("sat-16x16-ws", "units.array.dataflow=" + df, "units.array.rows=" + n,
                    "units.array.cols=" + n)).lut();
            assertThat(lut).isGreaterThan(prev);
            prev = lut;
        }
        long m4 = Resources.estimate(arch("sat-16x16-ws", "units.array.dataflow=" + df, "units.array.supported_m=[4]")).lut();
        long m8 = Resources.estimate(arch("sat-16x16-ws", "units.array.dataflow=" + df)).lut();
        long w16 = Resources.estimate(arch("sat-16x16-ws", "units.array.dataflow=" + df, "units.array.precision_bits=16")).lut();
        assertThat(m8).isGreaterThan(m4);
        assertThat(w16).isGreaterThan(m8);
        long ws = Resources.estimate(arch("sat-16x16-ws")).lut();
        long os = Resources.estimate(arch("sat-16x16-ws", "units.array.dataflow=os")).lut();
        assertThat(os - ws).isGreaterThanOrEqualTo(16L * 16 * 32);
    }
}
