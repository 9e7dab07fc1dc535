package io.sparcade.model.arch;

/** A unit that executes operators. Every compute unit stages its tiles in one named on-chip buffer. */
public sealed interface ComputeUnitSpec extends UnitSpec permits NmArraySpec, TopkEngineSpec, DspChainSpec, VectorUnitSpec {
    /** Name of the {@link BufferSpec} unit this unit reads its tiles from. */
    String buffer();

    /** Bits per operand the datapath is built for. */
    int precisionBits();
}
