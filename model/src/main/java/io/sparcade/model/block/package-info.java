/**
 * Configurations of the RTL-verified hardware blocks (N:M PE array, quick-select top-k engine, sparse DSP
 * chain): immutable values validated when built, shared by the bit-exact block models in hw-sim and the
 * Verilog generators in rtl. {@link io.sparcade.model.block.BlockConfigs#parse} reads them from
 * {@code key=value} command-line parameters.
 */
package io.sparcade.model.block;
