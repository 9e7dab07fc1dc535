package io.sparcade.scheduler;

import io.sparcade.dataflow.OpNode;
import io.sparcade.model.arch.Architecture;

/**
 * Estimates how many cycles a placed node takes, so the scheduler can rank and place nodes. The simulator's
 * block models implement it (the scheduler depends on the interface only: data flows one way).
 */
public interface CostModel {
    long cycles(OpNode node, Placement placement, Architecture arch);
}
