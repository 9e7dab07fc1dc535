package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;
import java.util.List;
import java.util.Map;

/**
 * The operators of a workload that run once per whole-model pass rather than once per {@code repeat} of the
 * graph: an LLM's token embedding, final norm and LM head, around its decoder layers. Simulated as a graph of
 * its own; the whole model's time and energy are the graph's x {@code repeat} plus this one's.
 *
 * @param inputs    external input tensors of these operators
 * @param operators the operators, wired by tensor names among themselves
 * @param sparsity  overlay by operator name
 * @param fusion    fusion groups among these operators
 */
public record PerPass(Map<String, Shape> inputs, List<Operator> operators, Map<String, OpSparsity> sparsity,
                      List<List<String>> fusion) {
    public PerPass {
        inputs = Checks.map(inputs);
        operators = Checks.list(operators);
        sparsity = Checks.map(sparsity);
        fusion = fusion == null ? List.of() : fusion.stream().map(Checks::list).toList();
        if (operators.isEmpty()) {
            throw new SpecException("per_pass.operators", "at least one operator is required");
        }
    }

    /** These operators as a workload of their own (one run, no tokens), named {@code <name>.per-pass}. */
    public Workload asWorkload(Workload of) {
        return new Workload(of.name() + ".per-pass", "once per pass of " + of.name(), false, 1, 0, inputs, operators,
                sparsity, of.parameters(), fusion);
    }
}
