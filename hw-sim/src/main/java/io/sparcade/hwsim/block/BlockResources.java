package io.sparcade.hwsim.block;

import io.sparcade.model.block.BlockConfig;
import io.sparcade.model.block.DspChainConfig;
import io.sparcade.model.block.NmArrayConfig;

/**
 * Sparcade's analytical FPGA resource estimate of a block (Xilinx 7-series). Only what the models determine:
 * DSP48 slices (one per multiplier: one per N:M PE, one per DSP-chain stage; every operand pair fits the 25x18
 * multiplier: width &lt;= 16, packed INT8 operands are 25 x 8 bits) and block RAM (none: the blocks keep their operands in registers). LUTs and
 * flip-flops are not modelled.
 *
 * @param dsp48 DSP48 slices
 * @param bram  RAMB36 equivalents
 */
public record BlockResources(int dsp48, double bram) {
    public static BlockResources estimate(BlockConfig c) {
        if (c instanceof NmArrayConfig a) {
            return new BlockResources(a.rows() * a.cols(), 0);
        }
        if (c instanceof DspChainConfig d) {
            return new BlockResources(d.stages(), 0);
        }
        // Top-k: the comparators are LUT logic; the one multiplier picks the pivot position (lfsr * len).
        return new BlockResources(1, 0);
    }
}
