/** Energy accounting: counted {@link io.sparcade.hwsim.energy.Action}s priced by a sourced {@link io.sparcade.hwsim.energy.EnergyTable}. */
package io.sparcade.hwsim.energy;
