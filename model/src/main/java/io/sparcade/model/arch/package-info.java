/** Accelerator descriptions: the architecture and its units (N:M array, top-k engine, DSP chains, buffers, DRAM). */
package io.sparcade.model.arch;
