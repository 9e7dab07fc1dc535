/**
 * Bit-exact functional models of the RTL-verified blocks: given a query's data they return the block's
 * integer outputs and its cycle count, defined consistently with the op-level cycle models in
 * {@link io.sparcade.hwsim.compute} (the N:M array's SCALE-Sim fold formula, the DSP chain's segments and
 * fill, quick-select's rounds of ceil(|seq|/P) + 3 cycles). They are the reference the RTL cross-check
 * compares against.
 */
package io.sparcade.hwsim.block;
