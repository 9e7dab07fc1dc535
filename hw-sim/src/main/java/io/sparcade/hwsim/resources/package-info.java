/** FPGA resources of an architecture (DSP48, BRAM36, URAM288, LUT), estimated from its blocks' definitions. */
package io.sparcade.hwsim.resources;
