package io.sparcade.scheduler;

import io.sparcade.dataflow.DataflowGraph;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;

/** Turns a graph, an architecture and an optional mapping into a {@link Schedule}. */
public interface Scheduler {
    Schedule schedule(DataflowGraph graph, Architecture arch, Mapping mapping);
}
