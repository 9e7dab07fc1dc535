package io.sparcade.scheduler;

import io.sparcade.dataflow.OpNode;
import java.util.List;

/**
 * One entry of a schedule: run {@code node} on {@code placement} after {@code after} have finished.
 *
 * @param index           position in the schedule (the order units take their nodes in)
 * @param node            the graph node
 * @param placement       where and how it runs; null for a view (reshape) that needs no unit
 * @param after           names of the nodes it waits for
 * @param estimatedCycles the cost model's estimate used to place it
 * @param priority        critical-path length from this node to the end, in estimated cycles
 */
public record Firing(int index, OpNode node, Placement placement, List<String> after, long estimatedCycles,
                     long priority) {
    public Firing {
        after = List.copyOf(after);
    }

    public String unitName() {
        return placement == null ? "-" : placement.unitName();
    }
}
