/**
 * RTL as a typed description: {@link io.sparcade.rtl.ModuleDef modules} with {@link io.sparcade.rtl.Port
 * ports}, {@link io.sparcade.rtl.Param parameters}, {@link io.sparcade.rtl.Net nets} and
 * {@link io.sparcade.rtl.Instance instances}, printed as Verilog last by {@link io.sparcade.rtl.VerilogPrinter}.
 * Leaf modules are parametrised SystemVerilog resources ({@code sc_*.sv}). {@link io.sparcade.rtl.RtlGenerators}
 * builds the {@link io.sparcade.rtl.Design} of each block family from its validated configuration. Every top
 * shares one stream interface ({@link io.sparcade.rtl.StreamInterface}) so a single testbench drives them all.
 */
package io.sparcade.rtl;
