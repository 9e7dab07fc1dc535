/** Always-on power of a design: device static power, clocks of the used resources, leakage, memory background. */
package io.sparcade.hwsim.power;
