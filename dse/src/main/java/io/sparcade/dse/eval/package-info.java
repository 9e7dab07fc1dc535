/**
 * Evaluation of design points: {@link io.sparcade.dse.eval.PointEvaluator} applies a point's axis values,
 * searches its mapping and simulates; {@link io.sparcade.hwsim.resources.Resources} estimates FPGA resources.
 */
package io.sparcade.dse.eval;
