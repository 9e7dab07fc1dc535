package io.sparcade.dataflow;

import io.sparcade.model.workload.Shape;

/** A tensor flowing from node {@code from} to node {@code to}. */
public record TensorEdge(String from, String to, String tensor, Shape shape) {
}
