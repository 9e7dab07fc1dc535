/**
 * The cycle-approximate simulator: {@link io.sparcade.hwsim.Simulator} plays a schedule through the block
 * models ({@link io.sparcade.hwsim.compute}), the memory model ({@link io.sparcade.hwsim.memory}) and the
 * energy table ({@link io.sparcade.hwsim.energy}).
 */
package io.sparcade.hwsim;
