package io.sparcade.model.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;
import io.sparcade.model.workload.Workload;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An optional mapping of operators (by name; expanded training passes as {@code fc1.fwd}, {@code fc1.bwd-data},
 * {@code fc1.bwd-weight}) onto units, and optionally the fusion groups the workload runs with. Operators not
 * listed are placed by the scheduler.
 *
 * @param operators per operator or pass: unit, tile, loop order, dataflow
 * @param fusion    the fusion groups to run with, replacing the workload's own {@code fusion} (and its per-pass
 *                  operators' {@code per_pass.fusion}); {@code []} runs nothing fused; null (absent) keeps the
 *                  workload's groups
 */
public record Mapping(Map<String, OpMapping> operators,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<List<String>> fusion) {
    public static final Mapping NONE = new Mapping(Map.of());

    public Mapping(Map<String, OpMapping> operators) {
        this(operators, null);
    }

    public Mapping {
        operators = Checks.map(operators);
        fusion = fusion == null ? null : fusion.stream().map(Checks::list).toList();
    }

    /** The entries whose key names one of {@code operators} (or one of their training passes); fusion kept. */
    public Mapping restrictedTo(java.util.Collection<String> operators) {
        Map<String, OpMapping> m = new java.util.LinkedHashMap<>();
        this.operators.forEach((k, v) -> {
            if (operators.contains(k) || operators.contains(k.replaceFirst("\\.[^.]*$", ""))) {
                m.put(k, v);
            }
        });
        return new Mapping(m, fusion);
    }

    /** The entries whose key names none of {@code operators}; fusion kept. */
    public Mapping without(java.util.Collection<String> operators) {
        Map<String, OpMapping> m = new java.util.LinkedHashMap<>(this.operators);
        m.keySet().removeAll(restrictedTo(operators).operators().keySet());
        return new Mapping(m, fusion);
    }

    public Optional<OpMapping> of(String operator) {
        return Optional.ofNullable(operators.get(operator));
    }

    /** The same operator entries with other fusion groups (null: the workload's own). */
    public Mapping withFusion(List<List<String>> groups) {
        return new Mapping(operators, groups);
    }

    /**
     * The workload this mapping runs: {@code workload} itself, or, when the mapping names fusion groups, the
     * workload with those groups instead of its own (each group goes to the repeated graph or to the per-pass
     * operators, whichever holds its members). A group that names an unknown operator, mixes the two graphs or
     * repeats an operator, or fusion in a training workload (whose graph keeps every tensor in DRAM: the
     * backward passes read the forward activations), fails naming {@code source}.
     */
    public Workload applyTo(Workload workload, String source) {
        if (fusion == null) {
            return workload;
        }
        if (workload.training() && !fusion.isEmpty()) {
            throw new SpecException(source, "fusion", "workload '" + workload.name() + "' is a training step: its "
                    + "passes keep every tensor in DRAM (the backward passes read the forward activations), so it "
                    + "cannot be fused");
        }
        java.util.Set<String> main = new java.util.HashSet<>();
        workload.operators().forEach(o -> main.add(o.name()));
        java.util.Set<String> once = new java.util.HashSet<>();
        if (workload.perPass() != null) {
            workload.perPass().operators().forEach(o -> once.add(o.name()));
        }
        List<List<String>> mainGroups = new java.util.ArrayList<>();
        List<List<String>> onceGroups = new java.util.ArrayList<>();
        for (int g = 0; g < fusion.size(); g++) {
            List<String> group = fusion.get(g);
            if (group.size() < 2) {
                throw new SpecException(source, "fusion[" + g + "]", "a fusion group needs at least two operators, got "
                        + group);
            }
            boolean inMain = main.containsAll(group);
            boolean inOnce = once.containsAll(group);
            if (!inMain && !inOnce) {
                String bad = group.stream().filter(o -> !main.contains(o) && !once.contains(o)).findFirst().orElse(null);
                throw new SpecException(source, "fusion[" + g + "]", bad != null
                        ? "no operator named '" + bad + "' in workload '" + workload.name() + "'"
                        : "a group cannot mix once-per-pass operators with the repeated graph's: " + group);
            }
            (inMain ? mainGroups : onceGroups).add(group);
        }
        try {
            Workload w = new Workload(workload.name(), workload.description(), workload.training(), workload.repeat(),
                    workload.tokens(), workload.inputs(), workload.operators(), workload.sparsity(),
                    workload.parameters(), mainGroups, workload.pipelines(), workload.perPass() == null ? null
                    : new io.sparcade.model.workload.PerPass(workload.perPass().inputs(), workload.perPass().operators(),
                    workload.perPass().sparsity(), onceGroups));
            return w;
        } catch (SpecException e) {
            throw new SpecException(source, "fusion", e.getMessage());
        }
    }
}
