package io.sparcade.rtl;

import io.sparcade.model.SpecException;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.DspChainSpec;

/**
 * The layer engine of a DSP-chain unit, as the RTL builds it from the architecture: {@code chains} chains of
 * {@code groups} groups of two DSP48E2 stages (sc_csd_stage: an M:1 sparse multiplexer, INT8 packing in the
 * 27-bit pre-adder port, the cascade), a reduction node per group, accumulators per possible segment, the
 * A/B/C buffers, the DMA and the tile-program controller.
 *
 * @param chains      chains
 * @param groups      groups of two DSPs per chain
 * @param width       operand bits
 * @param mux         multiplexer width: the largest supported M, 1 for dense-only chains
 * @param bufferBytes buffer memory built (each of A, B and C holds it whole)
 * @param shell       the DRAM port and program sizes
 */
public record ChainEngineConfig(int chains, int groups, int width, int mux, long bufferBytes, EngineShell shell) {
    public ChainEngineConfig {
        if (chains < 1 || chains > 1024 || groups < 1 || groups > 64) {
            throw new SpecException("chains", "the RTL chain engine is built up to 1024 chains of 64 groups, got " + chains
                    + " x " + groups);
        }
        if (width < 2 || width > 8) {
            throw new SpecException("precision_bits", "the RTL chain engine takes 2..8-bit operands (INT8 packing), got "
                    + width);
        }
        if (mux < 1 || mux > 16 || Integer.bitCount(mux) != 1) {
            throw new SpecException("supported_m", "the RTL multiplexer takes M up to 16, got " + mux);
        }
    }

    /** The engine of a chain unit (dsps_per_group must be 2, FlightLLM's groups); memories as for arrays. */
    public static ChainEngineConfig of(DspChainSpec d, BufferSpec buffer, EngineShell shell) {
        if (d.dspsPerGroup() != 2) {
            throw new SpecException("dsps_per_group", "the RTL chain engine is built of groups of 2 DSPs (FlightLLM's), got "
                    + d.dspsPerGroup());
        }
        int mux = d.supportedM().stream().mapToInt(Integer::intValue).max().orElse(1);
        long bytes = Math.max(ArrayEngineConfig.MIN_MEMORY_BYTES, Long.highestOneBit(Math.max(1, buffer.capacityBytes() - 1)) << 1);
        return new ChainEngineConfig(d.chains(), d.groupsPerChain(), d.precisionBits(), mux, bytes, shell);
    }

    public int indexBits() {
        return RtlGenerators.clog2(mux);
    }

    public int weightBits() {
        return width + indexBits();
    }

    public long aDepth() {
        return bufferBytes * 8 / width;
    }

    public long bDepth() {
        return bufferBytes * 8 / weightBits();
    }

    public long cDepth() {
        return bufferBytes * 8 / ArrayEngineConfig.ACC_BITS;
    }

    public String label() {
        return "dsp-chain-engine_" + chains + "x" + groups + "g_w" + width + "_m" + mux + "_buf" + bufferBytes + "_lanes"
                + shell.lanes() + "_prog" + shell.programDepth();
    }
}
