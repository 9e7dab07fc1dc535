/**
 * RTL simulation behind one interface, {@link io.sparcade.verilator.RtlSimulator}, with a Verilator backend
 * and an independent Icarus Verilog backend; the bit-exact and cycle cross-check of the RTL blocks against
 * the hw-sim block models ({@link io.sparcade.verilator.CrossCheck}); Yosys synthesis of the blocks
 * ({@link io.sparcade.verilator.YosysSynth}). External tools are run from {@link io.sparcade.verilator.Command}
 * values; builds are cached by a hash of their inputs; every run has its own work directory.
 */
package io.sparcade.verilator;
