package io.sparcade.dataflow;

import io.sparcade.model.workload.Workload;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graphs;
import org.jgrapht.graph.DirectedAcyclicGraph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;

/**
 * The validated operator graph of a workload (a JGraphT DAG of {@link OpNode}s and {@link TensorEdge}s). Built
 * only by {@link GraphBuilder}, so every instance is acyclic with consistent shapes and sparsity.
 */
public final class DataflowGraph {
    private final Workload workload;
    private final DirectedAcyclicGraph<OpNode, TensorEdge> dag;
    private final Map<String, OpNode> byName;
    private final List<OpNode> topological;
    private final Map<String, Integer> fusionOf;
    private final Map<String, Integer> pipelineOf;

    DataflowGraph(Workload workload, DirectedAcyclicGraph<OpNode, TensorEdge> dag) {
        this.workload = workload;
        this.dag = dag;
        Map<String, OpNode> m = new LinkedHashMap<>();
        List<OpNode> topo = new ArrayList<>();
        dag.iterator().forEachRemaining(n -> {
            topo.add(n);
            m.put(n.name(), n);
        });
        this.byName = Collections.unmodifiableMap(m);
        this.topological = List.copyOf(topo);
        this.fusionOf = groupIndex(workload.fusion());
        this.pipelineOf = groupIndex(workload.pipelines());
    }

    /** Operator name -> index of the group holding it. */
    static Map<String, Integer> groupIndex(List<List<String>> groups) {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            for (String op : groups.get(g)) {
                m.put(op, g);
            }
        }
        return m;
    }

    /** The fusion group of an operator, or -1 (a map lookup, unlike {@link Workload#fusionGroupOf}). */
    public int fusionGroupOf(String operator) {
        return fusionOf.getOrDefault(operator, -1);
    }

    /** Whether two operators stream into each other: the same fusion group or the same declared pipeline. */
    public boolean streamTogether(String a, String b) {
        Integer f = fusionOf.get(a);
        if (f != null && f.equals(fusionOf.get(b))) {
            return true;
        }
        Integer p = pipelineOf.get(a);
        return p != null && p.equals(pipelineOf.get(b));
    }

    public Workload workload() {
        return workload;
    }

    /** Nodes in a topological order (stable: ties keep the workload's order). */
    public List<OpNode> nodes() {
        return topological;
    }

    public OpNode node(String name) {
        return byName.get(name);
    }

    public List<OpNode> predecessors(OpNode n) {
        return Graphs.predecessorListOf(dag, n);
    }

    public List<OpNode> successors(OpNode n) {
        return Graphs.successorListOf(dag, n);
    }

    /**
     * Whether {@code consumer} may start on the first chunks of {@code producer}'s output: both belong to the same
     * pass of operators that are fused or pipelined together, the producer emits its output progressively and
     * the consumer can start on part of its input. Otherwise the edge is a barrier.
     */
    public boolean streams(OpNode producer, OpNode consumer) {
        return producer.pass() == consumer.pass()
                && streamTogether(producer.operator().name(), consumer.operator().name())
                && producer.work().producesStreaming() && consumer.work().consumesStreaming();
    }

    public List<TensorEdge> edges() {
        return List.copyOf(dag.edgeSet());
    }

    /** Graphviz DOT text: one box per node (name, pass, work), one arrow per tensor (name and shape). */
    public String toDot() {
        DOTExporter<OpNode, TensorEdge> exporter = new DOTExporter<>(n -> quoteId(n.name()));
        exporter.setGraphIdProvider(() -> quoteId(workload.name()));
        exporter.setGraphAttributeProvider(() -> {
            Map<String, Attribute> a = new LinkedHashMap<>();
            a.put("rankdir", DefaultAttribute.createAttribute("TB"));
            a.put("label", DefaultAttribute.createAttribute(workload.name() + (workload.hasSparsity() ? " (sparse)" : "")));
            return a;
        });
        exporter.setVertexAttributeProvider(n -> {
            Map<String, Attribute> a = new LinkedHashMap<>();
            a.put("shape", DefaultAttribute.createAttribute("box"));
            a.put("label", DefaultAttribute.createAttribute(n.name() + "\n" + n.work().describe()));
            return a;
        });
        exporter.setEdgeAttributeProvider(e -> {
            Map<String, Attribute> a = new LinkedHashMap<>();
            a.put("label", DefaultAttribute.createAttribute(e.tensor() + " " + e.shape()));
            return a;
        });
        StringWriter w = new StringWriter();
        exporter.exportGraph(dag, w);
        return w.toString();
    }

    private static String quoteId(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
