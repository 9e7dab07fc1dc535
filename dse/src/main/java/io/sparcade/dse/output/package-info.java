/** Sweep outputs: the streamed, resumable {@code points.csv}, the Pareto front, and PNG plots. */
package io.sparcade.dse.output;
