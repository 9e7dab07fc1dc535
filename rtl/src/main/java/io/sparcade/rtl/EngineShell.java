package io.sparcade.rtl;

/**
 * The ports every layer engine's top shares, which the layer testbench drives: {@code clk}, {@code rst}; the
 * program port ({@code prog_we}, {@code prog_sel} 0 = DMA stream, 1 = compute stream, {@code prog_addr} a
 * word address, {@code prog_data} 32 bits) written before {@code start}; {@code done} (high once the
 * program has finished, until the next start); {@code busy} (high in the cycles the compute unit computes);
 * the DRAM port ({@code req_valid}, {@code req_ready}, {@code req_write}, {@code req_addr}, {@code req_rows},
 * {@code req_cols}, {@code req_stride}, {@code req_bits}, {@code grant}, {@code rd_data}, {@code wr_data},
 * {@code wr_raw}) of {@code lanes} 32-bit element lanes, served by the testbench's DRAM model
 * ({@code sc_dram_model.sv}).
 *
 * @param lanes       elements the DRAM port moves per cycle at most
 * @param programDepth instructions each program stream holds
 * @param words       32-bit words per instruction
 */
public record EngineShell(int lanes, int programDepth, int words) {
    /** Words per instruction of every engine. */
    public static final int INSTRUCTION_WORDS = 24;
    /** Requests the DMA keeps outstanding on the DRAM port. */
    public static final int QUEUE = 4;

    public EngineShell {
        if (lanes < 1 || lanes > 4096) {
            throw new IllegalArgumentException("DRAM port lanes must be in 1..4096, got " + lanes);
        }
        if (programDepth < 2 || Integer.bitCount(programDepth) != 1) {
            throw new IllegalArgumentException("program depth must be a power of two >= 2, got " + programDepth);
        }
    }

    /** Bits of a program word address. */
    public int programAddressBits() {
        return RtlGenerators.clog2(programDepth * words);
    }
}
