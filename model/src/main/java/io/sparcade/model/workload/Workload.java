package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A workload: operators wired by tensor names, the shapes of the external inputs, and a sparsity overlay.
 *
 * @param name        preset or file name
 * @param description one line for humans
 * @param training    when true each GEMM/conv is expanded into forward, backward-data and backward-weight passes
 * @param repeat      how many times one run of this graph repeats in the whole model (e.g. 32 decoder layers)
 * @param tokens      tokens produced by one whole-model pass (0: not a token-generating workload)
 * @param inputs      external input tensors and their shapes
 * @param operators   operators; each one's output tensor carries its name
 * @param sparsity    overlay by operator name; empty for a dense workload
 * @param parameters  the preset parameters this workload was built with (for reports)
 * @param fusion      groups of operators fused so the tensors passed inside a group stay on chip (never
 *                    written to or read from DRAM) and stream from producer to consumer tile by tile; an
 *                    operator belongs to at most one group
 * @param pipelines   groups of operators whose tensors go through DRAM but stream tile by tile: a consumer may
 *                    start when the first tiles of its inputs exist (a declared pipeline); an operator belongs to
 *                    at most one pipeline
 * @param perPass     operators that run once per whole-model pass, not per repeat (an LLM's embedding, final
 *                    norm and LM head), or null
 */
public record Workload(String name, String description, boolean training, int repeat, int tokens,
                       Map<String, Shape> inputs, List<Operator> operators, Map<String, OpSparsity> sparsity,
                       Map<String, String> parameters, List<List<String>> fusion, List<List<String>> pipelines,
                       PerPass perPass) {

    public Workload(String name, String description, boolean training, int repeat, int tokens,
                    Map<String, Shape> inputs, List<Operator> operators, Map<String, OpSparsity> sparsity,
                    Map<String, String> parameters, List<List<String>> fusion, List<List<String>> pipelines) {
        this(name, description, training, repeat, tokens, inputs, operators, sparsity, parameters, fusion, pipelines, null);
    }

    public Workload(String name, String description, boolean training, int repeat, int tokens,
                    Map<String, Shape> inputs, List<Operator> operators, Map<String, OpSparsity> sparsity,
                    Map<String, String> parameters) {
        this(name, description, training, repeat, tokens, inputs, operators, sparsity, parameters, List.of(), List.of());
    }

    public Workload(String name, String description, boolean training, int repeat, int tokens,
                    Map<String, Shape> inputs, List<Operator> operators, Map<String, OpSparsity> sparsity,
                    Map<String, String> parameters, List<List<String>> fusion) {
        this(name, description, training, repeat, tokens, inputs, operators, sparsity, parameters, fusion, List.of());
    }

    public Workload {
        Checks.name(name, "name");
        description = description == null ? "" : description;
        repeat = repeat == 0 ? 1 : repeat;
        Checks.positive(repeat, "repeat");
        Checks.nonNegative(tokens, "tokens");
        inputs = Checks.map(inputs);
        operators = Checks.list(operators);
        sparsity = Checks.map(sparsity);
        parameters = Checks.map(parameters);
        fusion = fusion == null ? List.of() : fusion.stream().map(Checks::list).toList();
        pipelines = pipelines == null ? List.of() : pipelines.stream().map(Checks::list).toList();
        if (operators.isEmpty()) {
            throw new SpecException("operators", "at least one operator is required");
        }
        Set<String> names = new HashSet<>(inputs.keySet());
        for (int i = 0; i < operators.size(); i++) {
            Operator op = operators.get(i);
            if (op == null) {
                throw new SpecException("operators[" + i + "]", "missing");
            }
            if (!names.add(op.name())) {
                throw new SpecException("operators[" + i + "].name", "'" + op.name() + "' is used twice");
            }
        }
        Map<String, Operator> byName = new java.util.HashMap<>();
        operators.forEach(o -> byName.put(o.name(), o));
        Set<String> fused = new HashSet<>();
        for (int g = 0; g < fusion.size(); g++) {
            for (String member : fusion.get(g)) {
                if (!byName.containsKey(member)) {
                    throw new SpecException("fusion[" + g + "]", "no operator named '" + member + "'");
                }
                if (!fused.add(member)) {
                    throw new SpecException("fusion[" + g + "]", "'" + member + "' is in more than one fusion group");
                }
            }
        }
        Set<String> piped = new HashSet<>();
        for (int g = 0; g < pipelines.size(); g++) {
            for (String member : pipelines.get(g)) {
                if (!byName.containsKey(member)) {
                    throw new SpecException("pipelines[" + g + "]", "no operator named '" + member + "'");
                }
                if (!piped.add(member)) {
                    throw new SpecException("pipelines[" + g + "]", "'" + member + "' is in more than one pipeline");
                }
            }
        }
        if (perPass != null) {
            for (int i = 0; i < perPass.operators().size(); i++) {
                Operator op = perPass.operators().get(i);
                if (op == null || byName.containsKey(op.name()) || inputs.containsKey(op.name())) {
                    throw new SpecException("per_pass.operators[" + i + "]", op == null ? "missing"
                            : "'" + op.name() + "' is also the name of a tensor of the repeated graph");
                }
            }
            // validates the per-pass operators like a workload of their own
            new Workload(name + ".per-pass", "", false, 1, 0, perPass.inputs(), perPass.operators(),
                    perPass.sparsity(), parameters, perPass.fusion());
        }
        for (Map.Entry<String, OpSparsity> e : sparsity.entrySet()) {
            Operator op = byName.get(e.getKey());
            if (op == null) {
                throw new SpecException("sparsity." + e.getKey(), "no operator named '" + e.getKey() + "'");
            }
            OpSparsity s = e.getValue();
            if (s == null) {
                throw new SpecException("sparsity." + e.getKey(), "missing");
            }
            if (s.nm() != null && !op.prunableDims().contains(s.nm().dim())) {
                throw new SpecException("sparsity." + e.getKey() + ".nm.dim",
                        op.prunableDims().isEmpty()
                                ? "operator '" + op.name() + "' has no weight to prune N:M"
                                : "'" + s.nm().dim() + "' cannot be pruned on '" + op.name() + "' (choose from " + op.prunableDims() + ")");
            }
            if (s.quant() != null && !(op instanceof Gemm || op instanceof Conv2d || op instanceof Matmul)) {
                throw new SpecException("sparsity." + e.getKey() + ".quant",
                        "operator '" + op.name() + "' has no second operand to quantise");
            }
            for (String dim : s.keep().keySet()) {
                if (!op.dims().containsKey(dim)) {
                    throw new SpecException("sparsity." + e.getKey() + ".keep." + dim,
                            "operator '" + op.name() + "' has no dimension '" + dim + "' (has " + op.dims().keySet() + ")");
                }
            }
            OverlayChecks.check(op, s, "sparsity." + e.getKey(), byName, inputs.keySet());
        }
        java.util.Set<Integer> fromLayers = new java.util.TreeSet<>();
        sparsity.forEach((op, s) -> {
            if (s.tokens() != null) {
                fromLayers.add(s.tokens().fromLayer());
            }
        });
        if (fromLayers.size() > 1) {
            throw new SpecException("sparsity", "token pruning starts at one layer for the whole model, got from_layer " + fromLayers);
        }
        if (!fromLayers.isEmpty() && fromLayers.iterator().next() >= repeat) {
            throw new SpecException("sparsity", "token pruning from_layer " + fromLayers.iterator().next()
                    + " is past the model's " + repeat + " layers");
        }
    }

    /** The same workload with another sparsity overlay on its repeated graph, its per-pass operators kept. */
    public Workload withOverlay(Map<String, OpSparsity> overlay) {
        return new Workload(name, description, training, repeat, tokens, inputs, operators, overlay, parameters, fusion,
                pipelines, perPass);
    }

    /** The same workload with its sparsity overlay removed (its per-pass operators' too): the dense baseline. */
    public Workload dense() {
        PerPass pp = perPass == null ? null : new PerPass(perPass.inputs(), perPass.operators(), Map.of(), perPass.fusion());
        return new Workload(name, description, training, repeat, tokens, inputs, operators, Map.of(), parameters, fusion,
                pipelines, pp);
    }

    /** The per-pass operators as a workload of their own, or null when there are none. */
    public Workload perPassWorkload() {
        return perPass == null ? null : perPass.asWorkload(this);
    }

    /** Parameters of the whole model: the graph's weights x {@code repeat} plus the per-pass operators'. */
    public long parametersTotal() {
        return countWeights(false);
    }

    /** Parameters one token uses over the whole model (a mixture of experts counts only its routed experts). */
    public long parametersActive() {
        return countWeights(true);
    }

    private long countWeights(boolean active) {
        long layer = 0;
        for (Operator o : operators) {
            layer = Math.addExact(layer, active ? o.activeWeights() : o.weights());
        }
        long once = 0;
        for (Operator o : perPass == null ? List.<Operator>of() : perPass.operators()) {
            once = Math.addExact(once, active ? o.activeWeights() : o.weights());
        }
        return Math.addExact(Math.multiplyExact(layer, (long) repeat), once);
    }

    /** The same workload with another sparsity overlay (validated like any overlay). */
    public Workload withSparsity(Map<String, OpSparsity> overlay) {
        return new Workload(name, description, training, repeat, tokens, inputs, operators, overlay, parameters, fusion,
                pipelines);
    }

    /** The fusion group of an operator, or -1. */
    public int fusionGroupOf(String operator) {
        for (int g = 0; g < fusion.size(); g++) {
            if (fusion.get(g).contains(operator)) {
                return g;
            }
        }
        return -1;
    }

    /** The pipeline of an operator, or -1. */
    public int pipelineOf(String operator) {
        for (int g = 0; g < pipelines.size(); g++) {
            if (pipelines.get(g).contains(operator)) {
                return g;
            }
        }
        return -1;
    }

    /** Whether two operators stream into each other: the same fusion group or the same declared pipeline. */
    public boolean streamTogether(String a, String b) {
        int f = fusionGroupOf(a);
        if (f >= 0 && f == fusionGroupOf(b)) {
            return true;
        }
        int p = pipelineOf(a);
        return p >= 0 && p == pipelineOf(b);
    }

    /** Whether an overlay is present, on the graph or on its per-pass operators. */
    public boolean hasSparsity() {
        return !sparsity.isEmpty() || (perPass != null && !perPass.sparsity().isEmpty());
    }

    public OpSparsity sparsityOf(String operator) {
        return sparsity.get(operator);
    }

    public Workload withName(String newName) {
        return new Workload(newName, description, training, repeat, tokens, inputs, operators, sparsity, parameters, fusion,
                pipelines, perPass);
    }

    /** The first layer a token-pruning overlay prunes from (0 when there is none): earlier layers run dense. */
    public int tokenPruningFromLayer() {
        return sparsity.values().stream().filter(s -> s.tokens() != null).mapToInt(s -> s.tokens().fromLayer()).max().orElse(0);
    }

    /** Builder for presets and readers that assemble a workload step by step. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private boolean training;
        private int repeat = 1;
        private int tokens;
        private final Map<String, Shape> inputs = new LinkedHashMap<>();
        private final List<Operator> operators = new java.util.ArrayList<>();
        private final Map<String, OpSparsity> sparsity = new LinkedHashMap<>();
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private final List<List<String>> fusion = new java.util.ArrayList<>();
        private final List<List<String>> pipelines = new java.util.ArrayList<>();
        private PerPass perPass;

        public Builder(String name) {
            this.name = name;
        }

        public Builder description(String d) {
            description = d;
            return this;
        }

        public Builder training(boolean t) {
            training = t;
            return this;
        }

        public Builder repeat(int r) {
            repeat = r;
            return this;
        }

        public Builder tokens(int t) {
            tokens = t;
            return this;
        }

        public boolean hasInput(String tensor) {
            return inputs.containsKey(tensor);
        }

        public Builder input(String tensor, Shape shape) {
            inputs.put(tensor, shape);
            return this;
        }

        public Builder op(Operator op) {
            operators.add(op);
            return this;
        }

        public Builder nm(String op, int n, int m, String dim) {
            OpSparsity old = sparsity.get(op);
            NmPattern p = new NmPattern(n, m, dim);
            sparsity.put(op, old == null ? OpSparsity.of(p) : old.with(p));
            return this;
        }

        public Builder quant(String op, int bits, int refetchBits, double refetchFraction) {
            OpSparsity old = sparsity.get(op);
            QuantOverlay q = new QuantOverlay(bits, refetchBits, refetchFraction);
            sparsity.put(op, old == null ? OpSparsity.of(q) : old.with(q));
            return this;
        }

        public Builder fuse(String... ops) {
            fusion.add(List.of(ops));
            return this;
        }

        public Builder pipeline(String... ops) {
            pipelines.add(List.of(ops));
            return this;
        }

        public Builder keep(String op, String dim, double ratio) {
            OpSparsity old = sparsity.get(op);
            Map<String, Double> k = new LinkedHashMap<>(old == null ? Map.of() : old.keep());
            k.put(dim, ratio);
            sparsity.put(op, old == null ? new OpSparsity(null, k) : old.withKeep(k));
            return this;
        }

        public Builder parameter(String key, Object value) {
            parameters.put(key, String.valueOf(value));
            return this;
        }

        /** Operators that run once per whole-model pass (see {@link PerPass}). */
        public Builder perPass(PerPass p) {
            perPass = p;
            return this;
        }

        public Workload build() {
            return new Workload(name, description, training, repeat, tokens, inputs, operators, sparsity, parameters, fusion,
                    pipelines, perPass);
        }
    }
}
