package io.sparcade.dataflow;

import java.util.Set;

/**
 * The tensors of a node that a fusion keeps on chip: inputs by position (as in the operator's {@code inputs}),
 * and the output when every consumer is fused with the node.
 *
 * @param inputs positions of the inputs produced inside the node's fusion group
 * @param output whether the output is consumed only inside the group (and is not a result of the graph)
 */
public record OnChip(Set<Integer> inputs, boolean output) {
    public static final OnChip NONE = new OnChip(Set.of(), false);

    public OnChip {
        inputs = Set.copyOf(inputs);
    }

    public boolean input(int position) {
        return inputs.contains(position);
    }

    public boolean any() {
        return output || !inputs.isEmpty();
    }
}
