/**
 * One cycle model per hardware block: the N:M systolic array (SCALE-Sim-exact when dense), FlightLLM's sparse
 * DSP chains, the top-k engine (quick-select, statistical) and the vector unit.
 */
package io.sparcade.hwsim.compute;
