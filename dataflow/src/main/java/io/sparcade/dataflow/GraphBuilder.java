package io.sparcade.dataflow;

import io.sparcade.model.SpecException;
import io.sparcade.model.workload.Append;
import io.sparcade.model.workload.Conv2d;
import io.sparcade.model.workload.Eltwise;
import io.sparcade.model.workload.Embedding;
import io.sparcade.model.workload.ExpertGemm;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.Matmul;
import io.sparcade.model.workload.NmPattern;
import io.sparcade.model.workload.Norm;
import io.sparcade.model.workload.OpSparsity;
import io.sparcade.model.workload.Operator;
import io.sparcade.model.workload.Reduce;
import io.sparcade.model.workload.Reshape;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Softmax;
import io.sparcade.model.workload.TopK;
import io.sparcade.model.workload.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.alg.cycle.TarjanSimpleCycles;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

/**
 * Builds the {@link DataflowGraph} of a workload and validates it: every input names a tensor, the graph is
 * acyclic (a cycle is named), every edge's shape is what its consumer expects, and every N:M pattern's M
 * divides the dimension it prunes. A training workload is expanded: each GEMM/conv into forward,
 * backward-data and backward-weight GEMMs (BDWP: N:M along k forward and along n backward-data; weight
 * gradient dense), each other operator into forward and backward.
 */
public final class GraphBuilder {
    private final String source;

    /** @param source where the workload came from, for error messages */
    public GraphBuilder(String source) {
        this.source = source;
    }

    public DataflowGraph build(Workload w) {
        Map<String, Operator> ops = new LinkedHashMap<>();
        w.operators().forEach(o -> ops.put(o.name(), o));
        SizeCheck.check(source, w);
        checkReferences(w, ops);
        checkAcyclic(w);
        checkShapes(w, ops);
        checkSparsity(w, ops);
        DirectedAcyclicGraph<OpNode, TensorEdge> dag = new DirectedAcyclicGraph<>(TensorEdge.class);
        if (w.training()) {
            expandTraining(w, ops, dag);
        } else {
            Map<String, OpNode> nodes = new HashMap<>();
            Map<String, List<String>> consumers = consumers(w);
            Map<String, Integer> groups = DataflowGraph.groupIndex(w.fusion());
            for (Operator op : w.operators()) {
                OpNode n = new OpNode(op.name(), op, Pass.FORWARD, forwardWork(op, w.sparsityOf(op.name())),
                        onChip(groups, op, ops, consumers));
                nodes.put(op.name(), n);
                dag.addVertex(n);
            }
            for (Operator op : w.operators()) {
                for (String in : op.inputs()) {
                    if (ops.containsKey(in)) {
                        connect(dag, nodes.get(in), nodes.get(op.name()), in, ops.get(in).outputShape());
                    }
                }
            }
            addSelectors(w, ops, nodes, dag);
        }
        return new DataflowGraph(w, dag);
    }

    /**
     * Adds the selector steps of each operator's sparsity methods ({@link Selectors}) as nodes of pass
     * {@link Pass#SELECT} before it: they read the tensor the method selects from (the operator's input, or the
     * overlay's {@code from}) and keep their result on chip. Operators whose methods share a selector (one
     * router for gate, up and down) share its nodes.
     */
    private static void addSelectors(Workload w, Map<String, Operator> ops, Map<String, OpNode> nodes,
                                     DirectedAcyclicGraph<OpNode, TensorEdge> dag) {
        Map<String, OpNode> shared = new HashMap<>();
        for (Operator op : w.operators()) {
            OpSparsity s = w.sparsityOf(op.name());
            if (s == null) {
                continue;
            }
            OpNode target = nodes.get(op.name());
            String input = s.activation() != null && s.activation().from() != null ? s.activation().from() : op.inputs().get(0);
            Selectors.Chain chain = Selectors.of(op, s, denseWork(op, null, Map.of()), target.work(), input);
            if (chain == null || chain.steps().isEmpty()) {
                continue;
            }
            if (chain.key() != null && shared.containsKey(chain.key())) {
                OpNode last = shared.get(chain.key());
                connect(dag, last, target, last.name(), Shape.of(1));
                continue;
            }
            Shape inShape = ops.containsKey(input) ? ops.get(input).outputShape() : w.inputs().get(input);
            OpNode prev = null;
            for (Selectors.Step step : chain.steps()) {
                String name = op.name() + ".select." + step.suffix();
                io.sparcade.model.workload.VectorOp vop = new io.sparcade.model.workload.VectorOp(name,
                        List.of(prev == null ? input : prev.name()), List.of(prev == null ? inShape : Shape.of(1)),
                        Shape.of(1), step.function(), op.bits());
                OpNode n = new OpNode(name, vop, Pass.SELECT, step.work(), new OnChip(java.util.Set.of(), true));
                dag.addVertex(n);
                if (prev == null) {
                    if (ops.containsKey(input)) {
                        connect(dag, nodes.get(input), n, input, inShape);
                    }
                } else {
                    connect(dag, prev, n, prev.name(), Shape.of(1));
                }
                prev = n;
            }
            connect(dag, prev, target, prev.name(), Shape.of(1));
            if (chain.key() != null) {
                shared.put(chain.key(), prev);
            }
        }
    }

    private void checkReferences(Workload w, Map<String, Operator> ops) {
        for (int i = 0; i < w.operators().size(); i++) {
            Operator op = w.operators().get(i);
            for (String in : op.inputs()) {
                if (!ops.containsKey(in) && !w.inputs().containsKey(in)) {
                    throw new SpecException(source, "operators[" + i + "].inputs", "operator '" + op.name()
                            + "' reads '" + in + "', which is neither a workload input nor an operator");
                }
            }
        }
    }

    private void checkAcyclic(Workload w) {
        DefaultDirectedGraph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        w.operators().forEach(o -> g.addVertex(o.name()));
        for (Operator op : w.operators()) {
            for (String in : op.inputs()) {
                if (g.containsVertex(in)) {
                    g.addEdge(in, op.name());
                }
            }
        }
        if (new CycleDetector<>(g).detectCycles()) {
            List<String> cycle = new TarjanSimpleCycles<>(g).findSimpleCycles().stream()
                    .min((a, b) -> Integer.compare(a.size(), b.size())).orElseThrow();
            List<String> shown = new ArrayList<>(cycle);
            shown.add(cycle.get(0));
            throw new SpecException(source, "operators", "the graph has a cycle: " + String.join(" -> ", shown));
        }
    }

    private void checkShapes(Workload w, Map<String, Operator> ops) {
        for (int i = 0; i < w.operators().size(); i++) {
            Operator op = w.operators().get(i);
            for (int j = 0; j < op.inputs().size(); j++) {
                String in = op.inputs().get(j);
                Shape actual = ops.containsKey(in) ? ops.get(in).outputShape() : w.inputs().get(in);
                int idx = j;
                op.checkInput(j, actual).ifPresent(problem -> {
                    throw new SpecException(source, "operators[" + ops.keySet().stream().toList().indexOf(op.name())
                            + "].inputs[" + idx + "]", "edge " + in + " -> " + op.name() + ": " + problem);
                });
            }
        }
    }

    private void checkSparsity(Workload w, Map<String, Operator> ops) {
        w.sparsity().forEach((name, s) -> {
            if (w.training() && s.kinds().stream().anyMatch(k -> !k.equals("nm") && !k.equals("keep") && !k.equals("quant"))) {
                throw new SpecException(source, "sparsity." + name, "a training workload takes nm, keep and quant overlays; "
                        + s.kinds() + " are inference methods");
            }
            if (s.nm() == null) {
                return;
            }
            Operator op = ops.get(name);
            NmPattern nm = s.nm();
            long k = op.dims().get(nm.dim());
            if (k % nm.m() != 0) {
                throw new SpecException(source, "sparsity." + name + ".nm", "M=" + nm.m() + " does not divide "
                        + nm.dim() + "=" + k + " of '" + name + "'");
            }
            if (w.training()) {
                long n = op.dims().get("n");
                if (n % nm.m() != 0) {
                    throw new SpecException(source, "sparsity." + name + ".nm", "M=" + nm.m() + " does not divide n=" + n
                            + " of '" + name + "', the reduction BDWP prunes in the backward-data pass");
                }
            }
        });
    }

    private static Work forwardWork(Operator op, OpSparsity s) {
        Map<String, Double> keep = SparseWorks.keep(op, s);
        return SparseWorks.refine(op, s, denseWork(op, s, keep), keep);
    }

    /** The work of the operator with keep-ratios and N:M / quantisation applied (no other overlay). */
    private static Work denseWork(Operator op, OpSparsity s, Map<String, Double> keep) {
        NmPattern nm = s == null ? null : s.nm();
        io.sparcade.model.workload.QuantOverlay quant = s == null ? null : s.quant();
        if (op instanceof Gemm g) {
            return new GemmWork(1, kept(g.m(), keep, "m"), kept(g.k(), keep, "k"), kept(g.n(), keep, "n"),
                    g.bits(), g.weightBits(), true, nm, quant);
        }
        if (op instanceof Conv2d c) {
            return new GemmWork(1, kept(c.gemmM(), keep, "m"), kept(c.gemmK(), keep, "k"),
                    kept(c.outC(), keep, "n"), c.bits(), c.weightBits(), true, nm, quant);
        }
        if (op instanceof Matmul mm) {
            return new GemmWork(kept(mm.batch(), keep, "batch"), kept(mm.m(), keep, "m"),
                    kept(mm.k(), keep, "k"), kept(mm.n(), keep, "n"), mm.bits(), mm.bBits(), false, null, quant,
                    mm.causal());
        }
        if (op instanceof Softmax sm) {
            long n = sm.causal() != null && keep.isEmpty() ? sm.keptElements()
                    : kept(sm.dims().get("rows"), keep, "rows") * kept(sm.dims().get("cols"), keep, "cols");
            return new VectorWork("softmax", n, 1, 2, sm.bits(), n, kept(sm.dims().get("cols"), keep, "cols"));
        }
        if (op instanceof Norm nr) {
            long n = kept(nr.dims().get("rows"), keep, "rows") * kept(nr.dims().get("cols"), keep, "cols");
            return new VectorWork("norm", n, 1, 2, nr.bits(), n, kept(nr.dims().get("cols"), keep, "cols"));
        }
        if (op instanceof Eltwise e) {
            long n = kept(e.shape().elements(), keep, "elements");
            return new VectorWork(e.fn(), n, e.inputs().size(), 1, e.bits(), n);
        }
        if (op instanceof Reduce r) {
            long n = kept(r.shape().elements(), keep, "elements");
            return new VectorWork("reduce", n, 1, 1, r.bits(), r.shape().last(), n);
        }
        if (op instanceof TopK t) {
            long n = kept(t.n(), keep, "n");
            return new TopkWork(kept(t.rows(), keep, "rows"), n, Math.min(kept(t.k(), keep, "k"), n), t.bits(),
                    seedOf(t.name()));
        }
        if (op instanceof Reshape || op instanceof io.sparcade.model.workload.Concat) {
            return new ViewWork();
        }
        if (op instanceof Append ap) {
            // in place: the cache is not read, only the new rows are written
            long n = kept(ap.addedElements(), keep, "elements");
            return new VectorWork("append", n, 1, 1, ap.bits(), n);
        }
        if (op instanceof io.sparcade.model.workload.VectorOp v) {
            long n = kept(v.elements(), keep, "elements");
            long largestIn = v.inputShapes().stream().mapToLong(Shape::elements).max().orElse(0);
            // reads every input (counted as inputs x its largest), one pass, writes the output
            return new VectorWork(v.fn(), Math.max(n, largestIn), v.inputs().size(), 1, v.bits(), v.shape().elements());
        }
        if (op instanceof Embedding em) {
            // a gather: only the looked-up rows of the table are read
            long n = kept(em.rows(), keep, "rows") * em.dim();
            return new VectorWork("embed", n, 1, 1, em.bits(), n);
        }
        if (op instanceof ExpertGemm ex) {
            // the touched experts as one batched GEMM padded to the busiest expert's load; each expert's weight
            // is read once (B per batch, not shared)
            return new GemmWork(kept(ex.distinctExperts(), keep, "experts"), kept(ex.busiestLoad(), keep, "m"),
                    kept(ex.k(), keep, "k"), kept(ex.n(), keep, "n"), ex.bits(), ex.weightBits(), false, nm, quant);
        }
        if (op instanceof io.sparcade.model.workload.Pool pl) {
            long out = kept(pl.dims().get("elements"), keep, "elements");
            return new VectorWork(pl.fn() + "-pool", out * pl.kernel() * pl.kernel(), 1, 1, pl.bits(), out);
        }
        throw new IllegalStateException("no work model for operator type " + op.getClass().getSimpleName());
    }

    private static Map<String, List<String>> consumers(Workload w) {
        Map<String, List<String>> c = new HashMap<>();
        for (Operator op : w.operators()) {
            for (String in : op.inputs()) {
                c.computeIfAbsent(in, x -> new ArrayList<>()).add(op.name());
            }
        }
        return c;
    }

    /**
     * Inputs produced in the operator's fusion group, and whether its output is consumed only there. An
     * {@link Append}'s output is a tensor in off-chip memory (a KV cache): never on chip, for it or its
     * consumers; its work reads only its new rows (input 1, the work's only input).
     */
    private static OnChip onChip(Map<String, Integer> groups, Operator op, Map<String, Operator> ops,
                                 Map<String, List<String>> consumers) {
        int group = groups.getOrDefault(op.name(), -1);
        if (group < 0) {
            return OnChip.NONE;
        }
        java.util.Set<Integer> in = new java.util.HashSet<>();
        for (int i = 0; i < op.inputs().size(); i++) {
            String src = op.inputs().get(i);
            if (op instanceof Append && i == 0) {
                continue; // the cache itself is not read
            }
            if (op instanceof ExpertGemm && i == 1) {
                continue; // the routing only orders the experts after the router; B is the experts' weights
            }
            if (groups.getOrDefault(src, -1) == group && !(ops.get(src) instanceof Append)) {
                in.add(op instanceof Append ? i - 1 : i);
            }
        }
        if (op instanceof Append) {
            return new OnChip(in, false);
        }
        List<String> users = dataUsers(op.name(), ops, consumers);
        boolean out = !users.isEmpty() && users.stream().allMatch(u -> groups.getOrDefault(u, -1) == group);
        return new OnChip(in, out);
    }

    /** The operators that read a tensor's data: its consumers, looking through views (reshapes) of it. */
    private static List<String> dataUsers(String tensor, Map<String, Operator> ops, Map<String, List<String>> consumers) {
        List<String> out = new ArrayList<>();
        for (String u : consumers.getOrDefault(tensor, List.of())) {
            out.add(u);
            if (ops.get(u) instanceof Reshape) {
                out.addAll(dataUsers(u, ops, consumers));
            }
        }
        return out;
    }

    private static long kept(long dim, Map<String, Double> keep, String name) {
        Double r = keep.get(name);
        return r == null ? dim : Math.max(1, (long) Math.ceil(dim * r));
    }

    /** A stable seed per operator, so data-dependent models are reproducible run to run. */
    static long seedOf(String name) {
        long h = 1125899906842597L;
        for (int i = 0; i < name.length(); i++) {
            h = 31 * h + name.charAt(i);
        }
        return h;
    }

    private void expandTraining(Workload w, Map<String, Operator> ops, DirectedAcyclicGraph<OpNode, TensorEdge> dag) {
        Map<String, OpNode> fwd = new HashMap<>();
        for (Operator op : w.operators()) {
            OpNode n = new OpNode(op.name() + "." + Pass.FORWARD.id(), op, Pass.FORWARD,
                    forwardWork(op, w.sparsityOf(op.name())));
            fwd.put(op.name(), n);
            dag.addVertex(n);
        }
        for (Operator op : w.operators()) {
            for (String in : op.inputs()) {
                if (ops.containsKey(in)) {
                    connect(dag, fwd.get(in), fwd.get(op.name()), in, ops.get(in).outputShape());
                }
            }
        }
        Map<String, List<String>> consumers = new HashMap<>();
        for (Operator op : w.operators()) {
            for (String in : op.inputs()) {
                consumers.computeIfAbsent(in, x -> new ArrayList<>()).add(op.name());
            }
        }
        // Backward in reverse order: the gradient of an operator's output is produced by its consumers' input-gradient nodes.
        Map<String, OpNode> gradOfInput = new HashMap<>();
        Map<OpNode, OpNode> pregenOf = new HashMap<>(); // by operator: the node computing the gradient of its inputs
        List<Operator> reversed = new ArrayList<>(w.operators());
        java.util.Collections.reverse(reversed);
        for (Operator op : reversed) {
            OpSparsity s = w.sparsityOf(op.name());
            NmPattern nm = s == null ? null : s.nm();
            boolean needsInputGradient = op.inputs().stream().anyMatch(ops::containsKey);
            List<OpNode> gradSources = consumers.getOrDefault(op.name(), List.of()).stream()
                    .map(gradOfInput::get).filter(java.util.Objects::nonNull).toList();
            String dY = "d" + op.name();
            Shape yShape = op.outputShape();
            OpNode inputGrad = null;
            if (forwardWork(op, null) instanceof GemmWork g && g.bIsWeight()) {
                long bm = g.m();    // dX[m,k] = dY[m,n] . W^T[n,k]: reduction over the forward n
                long bk = g.n();
                long bn = g.k();
                if (op instanceof Conv2d c) {
                    bm = c.batch() * c.inH() * c.inW();          // one row per input pixel
                    bk = c.outC() * c.kernelH() * c.kernelW();   // transposed-convolution window
                    bn = c.inC();
                }
                OpNode bwdW = new OpNode(op.name() + "." + Pass.BACKWARD_WEIGHT.id(), op, Pass.BACKWARD_WEIGHT,
                        new GemmWork(1, g.k(), g.m(), g.n(), g.actBits(), g.actBits(), false, null));
                dag.addVertex(bwdW);
                for (OpNode src : gradSources) {
                    connect(dag, src, bwdW, dY, yShape);
                }
                for (String in : op.inputs()) {
                    if (ops.containsKey(in)) {
                        connect(dag, fwd.get(in), bwdW, in, ops.get(in).outputShape());
                    }
                }
                if (gradSources.isEmpty()) {
                    connect(dag, fwd.get(op.name()), bwdW, op.name(), yShape);
                }
                if (needsInputGradient) {
                    // BDWP: the backward-data GEMM reduces over the forward n, pruned N:M with the same ratio;
                    // its transposed N:M weight copy is generated while the forward pass runs.
                    NmPattern bwdNm = nm == null ? null : new NmPattern(nm.n(), nm.m(), "n");
                    inputGrad = new OpNode(op.name() + "." + Pass.BACKWARD_DATA.id(), op, Pass.BACKWARD_DATA,
                            new GemmWork(1, bm, bk, bn, g.actBits(), g.bBits(), true, bwdNm));
                    if (bwdNm != null) {
                        // Pre-generation needs only the weights, so it can run beside the forward pass; it
                        // sorts each group of M (counted as one vector operation per weight) and writes N of M.
                        long weights = g.k() * g.n();
                        OpNode pregen = new OpNode(op.name() + "." + Pass.PREGEN.id(), op, Pass.PREGEN,
                                new VectorWork("nm-pregen", weights, 1, 1, g.bBits(),
                                        weights * bwdNm.n() / bwdNm.m()));
                        dag.addVertex(pregen);
                        pregenOf.put(inputGrad, pregen);
                    }
                }
            } else if (needsInputGradient) {
                inputGrad = new OpNode(op.name() + "." + Pass.BACKWARD.id(), op, Pass.BACKWARD,
                        backwardWork(forwardWork(op, s)));
            }
            if (inputGrad != null) {
                dag.addVertex(inputGrad);
                if (pregenOf.containsKey(inputGrad)) {
                    connect(dag, pregenOf.get(inputGrad), inputGrad, op.name() + ".weight_nm_t", Shape.of(g0k(op), 1));
                }
                for (OpNode src : gradSources) {
                    connect(dag, src, inputGrad, dY, yShape);
                }
                connect(dag, fwd.get(op.name()), inputGrad, op.name(), yShape);
                gradOfInput.put(op.name(), inputGrad);
            }
        }
    }

    /** Rows of an operator's weight (its forward reduction), for the pre-generated tensor's shape. */
    private static long g0k(Operator op) {
        return ((GemmWork) forwardWork(op, null)).k();
    }

    private static Work backwardWork(Work forward) {
        if (forward instanceof VectorWork v) {
            return new VectorWork(v.function() + "-grad", v.outElements(), 2, v.passes(), v.bits(), v.elements(), v.grain());
        }
        if (forward instanceof TopkWork t) {
            return new VectorWork("topk-grad", t.rows() * t.k(), 1, 1, t.bits(), t.rows() * t.n());
        }
        return forward;
    }

    private static void connect(DirectedAcyclicGraph<OpNode, TensorEdge> dag, OpNode from, OpNode to, String tensor, Shape shape) {
        if (from.equals(to) || dag.containsEdge(from, to)) {
            return;
        }
        dag.addEdge(from, to, new TensorEdge(from.name(), to.name(), tensor, shape));
    }

    @Override
    public String toString() {
        return "GraphBuilder[" + source + "]";
    }
}
