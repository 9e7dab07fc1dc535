package io.sparcade.model.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.sparcade.model.SpecException;
import io.sparcade.model.workload.Concat;
import io.sparcade.model.workload.Conv2d;
import io.sparcade.model.workload.Eltwise;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.Matmul;
import io.sparcade.model.workload.Norm;
import io.sparcade.model.workload.Pool;
import io.sparcade.model.workload.Reshape;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Softmax;
import io.sparcade.model.workload.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.ValueInfoProto;

/**
 * Imports an ONNX model as a workload. The file is parsed with protobuf-java and the classes generated from ONNX's
 * official {@code onnx.proto}; initializers give the weights' shapes (their data is never read, so files with
 * external or stripped data work). Shapes come from this importer's own inference for the supported operators,
 * checked against the graph's {@code value_info} and outputs where those declare them; a Reshape whose target is
 * not a constant takes its output shape from them.
 *
 * <p>Supported operators and what they become: Conv (2-D, one group, no dilation, the same padding on every side)
 * → conv2d; Gemm, and MatMul with a 2-D initializer as B → gemm (the weight); other MatMuls → matmul (both
 * operands activations; batch dimensions must match, or B has none); Relu, Gelu, Sigmoid, Add, Mul → eltwise
 * (an operand broadcast from a smaller graph input or initializer, e.g. a bias, is not counted); Softmax → softmax;
 * LayerNormalization → norm; MaxPool, AveragePool (square window and stride, the same padding on every side, floor
 * rounding), GlobalAveragePool (square input) → pool; Reshape, Flatten, Transpose (free views: a transposed layout
 * is taken as absorbed by its consumer's loads) → reshape; Concat → concat (a view); Identity and Constant carry
 * their input or value. Biases and normalisation scales are not counted as parameters.
 *
 * <p>Parameters ({@code --param}): {@code bits} (default 8, every activation and weight), {@code onnx_unsupported}
 * ({@code error}, the default: an unsupported operator is an error naming it and its node; {@code vector}: it
 * runs on the vector unit as an elementwise pass over its output), and a value for every dynamic dimension by its
 * name ({@code --param batch=1}).
 */
public final class OnnxImport {
    /** Largest file read (protobuf's own limit for one message is 2 GiB). */
    static final long MAX_BYTES = Integer.MAX_VALUE;
    /** Ops supported directly. */
    public static final List<String> SUPPORTED = List.of("Conv", "Gemm", "MatMul", "Relu", "Gelu", "Sigmoid", "Add",
            "Mul", "Softmax", "LayerNormalization", "MaxPool", "AveragePool", "GlobalAveragePool", "Reshape", "Flatten",
            "Transpose", "Concat", "Identity", "Constant");

    private final String source;
    private final int bits;
    private final boolean vectorFallback;
    private final Map<String, String> params;
    private final Set<String> usedParams = new HashSet<>();
    private final Map<String, long[]> shapes = new HashMap<>();
    private final Map<String, long[]> declared = new HashMap<>();
    private final Map<String, long[]> constants = new HashMap<>();
    private final Set<String> initializers = new HashSet<>();
    /** The operator that produced a tensor (absent: a graph input, initializer or constant). */
    private final Set<String> produced = new HashSet<>();
    private final Map<String, String> alias = new HashMap<>();
    private final Workload.Builder out;
    private int generated;

    private OnnxImport(String source, String name, Map<String, String> params) {
        this.source = source;
        this.params = params;
        this.bits = intParam("bits", 8);
        String mode = params.getOrDefault("onnx_unsupported", "error");
        usedParams.add("onnx_unsupported");
        if (!mode.equals("error") && !mode.equals("vector")) {
            throw new SpecException("--param", "onnx_unsupported", "expected error or vector, got '" + mode + "'");
        }
        this.vectorFallback = mode.equals("vector");
        this.out = new Workload.Builder(name).description("ONNX model " + source);
    }

    /** Reads the ONNX file at {@code file}; {@code params} as described in the class comment. */
    public static Workload read(Path file, Map<String, String> params) {
        String source = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new SpecException(source, null, "file of " + size + " bytes is larger than ONNX's 2 GiB protobuf limit"
                        + " (keep the weights as external data)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SpecException(source, null, "no such file");
        } catch (IOException e) {
            throw new SpecException(source, null, "cannot read: " + e.getMessage());
        }
        String name = file.getFileName().toString().replaceFirst("\\.onnx$", "");
        return parse(source, name, bytes, params);
    }

    /** Imports ONNX model bytes. */
    public static Workload parse(String source, String name, byte[] bytes, Map<String, String> params) {
        ModelProto model;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setSizeLimit(Integer.MAX_VALUE);
            model = ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new SpecException(source, null, "not a readable ONNX model (corrupt or truncated protobuf: "
                    + e.getMessage() + ")");
        } catch (IOException e) {
            throw new SpecException(source, null, "cannot parse: " + e.getMessage());
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new SpecException(source, "graph", "the model has no graph nodes (is this an ONNX model?)");
        }
        OnnxImport im = new OnnxImport(source, name, params);
        try {
            return im.convert(model.getGraph());
        } catch (ArithmeticException e) {
            throw new SpecException(source, "graph", "tensor sizes overflow 64-bit element counts");
        }
    }

    private Workload convert(GraphProto g) {
        for (TensorProto t : g.getInitializerList()) {
            initializers.add(t.getName());
            shapes.put(t.getName(), t.getDimsList().stream().mapToLong(Long::longValue).toArray());
            if (t.getDataType() == TensorProto.DataType.INT64_VALUE) {
                long[] v = int64Values(t);
                if (v != null) {
                    constants.put(t.getName(), v);
                }
            }
        }
        for (ValueInfoProto v : g.getInputList()) {
            if (initializers.contains(v.getName())) {
                continue;
            }
            long[] s = staticShape(v, "input '" + v.getName() + "'", true);
            shapes.put(v.getName(), s);
            out.input(v.getName(), shape(s, "input '" + v.getName() + "'"));
        }
        for (ValueInfoProto v : g.getValueInfoList()) {
            long[] s = staticShape(v, "value_info '" + v.getName() + "'", false);
            if (s != null) {
                declared.put(v.getName(), s);
            }
        }
        for (ValueInfoProto v : g.getOutputList()) {
            long[] s = staticShape(v, "output '" + v.getName() + "'", false);
            if (s != null) {
                declared.put(v.getName(), s);
            }
        }
        for (String k : params.keySet()) {
            if (!usedParams.contains(k)) {
                throw new SpecException("--param", k, "the graph has no dynamic dimension '" + k + "' and no such parameter"
                        + " (parameters: bits, onnx_unsupported, and the names of dynamic dimensions)");
            }
        }
        List<NodeProto> order = topological(g);
        for (NodeProto n : order) {
            node(n);
        }
        try {
            return out.build();
        } catch (SpecException e) {
            throw new SpecException(source, e.field(), e.problem());
        }
    }

    /** Nodes in dependency order; a cycle is an error naming its nodes. */
    private List<NodeProto> topological(GraphProto g) {
        int n = g.getNodeCount();
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (String o : g.getNode(i).getOutputList()) {
                if (o.isEmpty()) {
                    continue;
                }
                if (producer.put(o, i) != null || shapes.containsKey(o) && !initializers.contains(o)) {
                    throw new SpecException(source, "node '" + nodeName(g.getNode(i), i) + "'",
                            "tensor '" + o + "' is produced twice");
                }
            }
        }
        List<List<Integer>> users = new ArrayList<>();
        int[] pending = new int[n];
        for (int i = 0; i < n; i++) {
            users.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (String in : new LinkedHashSet<>(g.getNode(i).getInputList())) {
                Integer p = producer.get(in);
                if (p != null) {
                    users.get(p).add(i);
                    pending[i]++;
                }
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        List<NodeProto> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(g.getNode(i));
            for (int u : users.get(i)) {
                if (--pending[u] == 0) {
                    ready.add(u);
                }
            }
        }
        if (order.size() < n) {
            // walk back from a node left over along unresolved inputs until a node repeats: that is a cycle
            int start = -1;
            for (int i = 0; i < n; i++) {
                if (pending[i] > 0) {
                    start = i;
                    break;
                }
            }
            List<Integer> path = new ArrayList<>();
            Map<Integer, Integer> seen = new HashMap<>();
            int cur = start;
            while (!seen.containsKey(cur)) {
                seen.put(cur, path.size());
                path.add(cur);
                int next = -1;
                for (String in : g.getNode(cur).getInputList()) {
                    Integer p = producer.get(in);
                    if (p != null && pending[p] > 0) {
                        next = p;
                        break;
                    }
                }
                cur = next;
            }
            List<Integer> cycle = new ArrayList<>(path.subList(seen.get(cur), path.size()));
            java.util.Collections.reverse(cycle);
            // start at the node that comes first in the file, so the message does not depend on the walk
            int first = cycle.indexOf(java.util.Collections.min(cycle));
            java.util.Collections.rotate(cycle, -first);
            List<String> names = new ArrayList<>();
            cycle.forEach(i -> names.add(nodeName(g.getNode(i), i)));
            names.add(names.get(0));
            throw new SpecException(source, "graph", "the graph has a cycle: " + String.join(" -> ", names));
        }
        return order;
    }

    private static String nodeName(NodeProto n, int index) {
        return n.getName().isEmpty() ? n.getOpType() + "#" + index : n.getName();
    }

    private String where(NodeProto n) {
        return "node '" + (n.getName().isEmpty() ? n.getOpType() + " -> " + n.getOutput(0) : n.getName()) + "' ("
                + n.getOpType() + ")";
    }

    private SpecException error(NodeProto n, String problem) {
        return new SpecException(source, where(n), problem);
    }

    // ---------------------------------------------------------------- per operator

    private void node(NodeProto n) {
        if (n.getOutputCount() == 0 || n.getOutput(0).isEmpty()) {
            throw error(n, "has no output");
        }
        if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
            unsupported(n, "operator of domain '" + n.getDomain() + "'");
            return;
        }
        switch (n.getOpType()) {
            case "Conv" -> conv(n);
            case "Gemm" -> gemm(n);
            case "MatMul" -> matmul(n);
            case "Relu", "Gelu", "Sigmoid" -> eltwise(n, n.getOpType().toLowerCase(java.util.Locale.ROOT), 1);
            case "Add", "Mul" -> eltwise(n, n.getOpType().toLowerCase(java.util.Locale.ROOT), 2);
            case "Softmax" -> {
                long[] x = in(n, 0);
                emit(n, new Softmax(n.getOutput(0), List.of(ref(n, 0)), shape(x, where(n)), 16), x);
            }
            case "LayerNormalization" -> {
                onlyFirstOutput(n);
                long[] x = in(n, 0);
                emit(n, new Norm(n.getOutput(0), List.of(ref(n, 0)), shape(x, where(n)), 16), x);
            }
            case "MaxPool", "AveragePool" -> pool(n, n.getOpType().equals("MaxPool") ? "max" : "avg");
            case "GlobalAveragePool" -> globalPool(n);
            case "Reshape" -> reshape(n);
            case "Flatten" -> flatten(n);
            case "Transpose" -> transpose(n);
            case "Concat" -> concat(n);
            case "Identity" -> {
                shapes.put(n.getOutput(0), in(n, 0));
                alias.put(n.getOutput(0), ref(n, 0));
            }
            case "Constant" -> constant(n);
            default -> unsupported(n, "unsupported operator");
        }
    }

    private void unsupported(NodeProto n, String what) {
        if (!vectorFallback) {
            throw error(n, what + " (supported: " + String.join(", ", SUPPORTED)
                    + "; --param onnx_unsupported=vector runs it on the vector unit)");
        }
        long[] o = declared.get(n.getOutput(0));
        if (o == null) {
            throw error(n, what + ", mapped to the vector unit, but the graph's value_info does not declare the shape"
                    + " of its output '" + n.getOutput(0) + "'");
        }
        List<String> ins = new ArrayList<>();
        List<Shape> inShapes = new ArrayList<>();
        for (int i = 0; i < n.getInputCount(); i++) {
            if (!n.getInput(i).isEmpty()) {
                String r = ref(n, i);
                if (!ins.contains(r)) {
                    ins.add(r);
                    inShapes.add(shape(in(n, i), where(n)));
                }
            }
        }
        if (ins.isEmpty()) {
            throw error(n, what + ", mapped to the vector unit, but it has no input");
        }
        emit(n, new io.sparcade.model.workload.VectorOp(n.getOutput(0), ins, inShapes, shape(o, where(n)),
                n.getOpType(), bits), o);
    }

    private void conv(NodeProto n) {
        long[] x = in(n, 0);
        long[] w = in(n, 1);
        if (x.length != 4 || w.length != 4) {
            throw error(n, "only 2-D convolutions are supported (input " + Arrays.toString(x) + ", weight "
                    + Arrays.toString(w) + ")");
        }
        if (attrInt(n, "group", 1) != 1) {
            throw error(n, "attribute group=" + attrInt(n, "group", 1) + ": grouped convolutions are not supported");
        }
        for (long d : attrInts(n, "dilations", new long[] {1, 1})) {
            if (d != 1) {
                throw error(n, "attribute dilations " + Arrays.toString(attrInts(n, "dilations", null)) + " is not supported");
            }
        }
        if (w[1] != x[1]) {
            throw error(n, "weight " + Arrays.toString(w) + " expects " + w[1] + " input channels, the input has " + x[1]);
        }
        long[] k = attrInts(n, "kernel_shape", new long[] {w[2], w[3]});
        long[] strides = attrInts(n, "strides", new long[] {1, 1});
        if (strides[0] != strides[1]) {
            throw error(n, "attribute strides " + Arrays.toString(strides) + ": different strides per axis are not supported");
        }
        long pad = padding(n, new long[] {x[2], x[3]}, k, strides[0]);
        Conv2d c = new Conv2d(n.getOutput(0), List.of(ref(n, 0)), x[0], x[1], x[2], x[3], w[0], k[0], k[1], strides[0],
                pad, bits, bits, false);
        emit(n, c, new long[] {x[0], w[0], c.outH(), c.outW()});
    }

    /** The one padding of every side, from pads or auto_pad; anything else is refused. */
    private long padding(NodeProto n, long[] in, long[] k, long stride) {
        String auto = attrString(n, "auto_pad", "NOTSET");
        long[] pads;
        switch (auto) {
            case "NOTSET" -> pads = attrInts(n, "pads", new long[] {0, 0, 0, 0});
            case "VALID" -> pads = new long[] {0, 0, 0, 0};
            case "SAME_UPPER", "SAME_LOWER" -> {
                pads = new long[4];
                for (int d = 0; d < 2; d++) {
                    long outSize = (in[d] + stride - 1) / stride;
                    long total = Math.max(0, (outSize - 1) * stride + k[d] - in[d]);
                    long small = total / 2;
                    long large = total - small;
                    pads[d] = auto.equals("SAME_UPPER") ? small : large;
                    pads[d + 2] = auto.equals("SAME_UPPER") ? large : small;
                }
            }
            default -> throw error(n, "attribute auto_pad '" + auto + "' is not an ONNX value");
        }
        for (long p : pads) {
            if (p != pads[0]) {
                throw error(n, "padding " + Arrays.toString(pads) + ": only the same padding on every side is supported");
            }
        }
        if (k[0] != k[1] && n.getOpType().endsWith("Pool")) {
            throw error(n, "kernel_shape " + Arrays.toString(k) + ": only square windows are supported");
        }
        return pads[0];
    }

    private void gemm(NodeProto n) {
        long[] a = in(n, 0);
        long[] b = in(n, 1);
        if (a.length != 2 || b.length != 2) {
            throw error(n, "Gemm takes 2-D operands, got " + Arrays.toString(a) + " and " + Arrays.toString(b));
        }
        boolean ta = attrInt(n, "transA", 0) != 0;
        boolean tb = attrInt(n, "transB", 0) != 0;
        long m = ta ? a[1] : a[0];
        long k = ta ? a[0] : a[1];
        long kb = tb ? b[1] : b[0];
        long nn = tb ? b[0] : b[1];
        if (k != kb) {
            throw error(n, "reduction mismatch: A " + Arrays.toString(a) + (ta ? "ᵀ" : "") + " and B " + Arrays.toString(b)
                    + (tb ? "ᵀ" : ""));
        }
        String aRef = ref(n, 0);
        if (ta) {
            aRef = view(n, "transA", aRef, new long[] {m, k});
        }
        if (produced.contains(ref(n, 1)) && !initializers.contains(n.getInput(1))) {
            String bRef = ref(n, 1);
            String a3 = view(n, "a3", aRef, new long[] {1, m, k});
            String b3 = view(n, "b3", bRef, tb ? new long[] {1, nn, k} : new long[] {1, k, nn});
            String mm = n.getOutput(0) + ".matmul";
            addOp(new Matmul(mm, List.of(a3, b3), 1, m, k, nn, tb, bits));
            shapes.put(mm, new long[] {1, m, nn});
            emitView(n, mm, new long[] {m, nn});
            return;
        }
        emit(n, new Gemm(n.getOutput(0), List.of(aRef), m, k, nn, bits, bits), new long[] {m, nn});
    }

    private void matmul(NodeProto n) {
        long[] a = in(n, 0);
        long[] b = in(n, 1);
        if (a.length < 2 || b.length < 2) {
            throw error(n, "1-D MatMul operands are not supported (" + Arrays.toString(a) + ", " + Arrays.toString(b) + ")");
        }
        long m = a[a.length - 2];
        long k = a[a.length - 1];
        long kb = b[b.length - 2];
        long nn = b[b.length - 1];
        if (k != kb) {
            throw error(n, "reduction mismatch: " + Arrays.toString(a) + " x " + Arrays.toString(b));
        }
        long[] aBatch = Arrays.copyOf(a, a.length - 2);
        long[] bBatch = Arrays.copyOf(b, b.length - 2);
        long[] outShape = Arrays.copyOf(aBatch.length >= bBatch.length ? aBatch : bBatch,
                Math.max(aBatch.length, bBatch.length) + 2);
        outShape[outShape.length - 2] = m;
        outShape[outShape.length - 1] = nn;
        long rows = prod(aBatch) * m;
        if (prod(bBatch) == 1) {
            // B has no batch: every row of A (batches folded into m) multiplies the same [k, n]
            if (initializers.contains(n.getInput(1))) {
                String a2 = view(n, "a2", ref(n, 0), new long[] {rows, k});
                String g = n.getOutput(0) + ".gemm";
                addOp(new Gemm(g, List.of(a2), rows, k, nn, bits, bits));
                shapes.put(g, new long[] {rows, nn});
                emitView(n, g, outShape);
                return;
            }
            String a3 = view(n, "a3", ref(n, 0), new long[] {1, rows, k});
            String b3 = view(n, "b3", ref(n, 1), new long[] {1, k, nn});
            String mm = n.getOutput(0) + ".matmul";
            addOp(new Matmul(mm, List.of(a3, b3), 1, rows, k, nn, false, bits));
            shapes.put(mm, new long[] {1, rows, nn});
            emitView(n, mm, outShape);
            return;
        }
        long[] ab = aBatch;
        long[] bb = bBatch;
        if (ab.length != bb.length || !Arrays.equals(ab, bb)) {
            throw error(n, "batch dimensions " + Arrays.toString(a) + " x " + Arrays.toString(b)
                    + " must match (broadcasting A over B's batch is not supported)");
        }
        long batch = prod(ab);
        String a3 = view(n, "a3", ref(n, 0), new long[] {batch, m, k});
        String b3 = view(n, "b3", ref(n, 1), new long[] {batch, k, nn});
        String mm = n.getOutput(0) + ".matmul";
        addOp(new Matmul(mm, List.of(a3, b3), batch, m, k, nn, false, bits));
        shapes.put(mm, new long[] {batch, m, nn});
        emitView(n, mm, outShape);
    }

    private void eltwise(NodeProto n, String fn, int arity) {
        if (n.getInputCount() != arity) {
            throw error(n, "expected " + arity + " input(s), got " + n.getInputCount());
        }
        long[] o = in(n, 0);
        for (int i = 1; i < arity; i++) {
            o = broadcast(n, o, in(n, i));
        }
        List<String> ins = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
            long[] s = in(n, i);
            if (Arrays.equals(s, o)) {
                ins.add(ref(n, i));
            } else if (produced.contains(ref(n, i))) {
                throw error(n, "input '" + n.getInput(i) + "' " + Arrays.toString(s) + " is broadcast to "
                        + Arrays.toString(o) + ": broadcasting a computed tensor is not supported");
            }
            // a broadcast graph input or initializer (a bias, a scale) is not counted
        }
        if (ins.isEmpty()) {
            throw error(n, "no input has the output's shape " + Arrays.toString(o));
        }
        emit(n, new Eltwise(n.getOutput(0), ins, shape(o, where(n)), fn, 16), o);
    }

    private long[] broadcast(NodeProto n, long[] a, long[] b) {
        int r = Math.max(a.length, b.length);
        long[] o = new long[r];
        for (int i = 0; i < r; i++) {
            long x = i - (r - a.length) >= 0 ? a[i - (r - a.length)] : 1;
            long y = i - (r - b.length) >= 0 ? b[i - (r - b.length)] : 1;
            if (x != y && x != 1 && y != 1) {
                throw error(n, "shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
            }
            o[i] = Math.max(x, y);
        }
        return o;
    }

    private void pool(NodeProto n, String fn) {
        onlyFirstOutput(n);
        long[] x = in(n, 0);
        if (x.length != 4) {
            throw error(n, "only 2-D pooling is supported (input " + Arrays.toString(x) + ")");
        }
        long[] k = attrInts(n, "kernel_shape", null);
        if (k == null || k.length != 2) {
            throw error(n, "attribute kernel_shape: a 2-D window is required");
        }
        if (attrInt(n, "ceil_mode", 0) != 0) {
            throw error(n, "attribute ceil_mode=1 is not supported (the output size rounds down)");
        }
        for (long d : attrInts(n, "dilations", new long[] {1, 1})) {
            if (d != 1) {
                throw error(n, "attribute dilations is not supported");
            }
        }
        long[] strides = attrInts(n, "strides", new long[] {1, 1});
        if (strides[0] != strides[1]) {
            throw error(n, "attribute strides " + Arrays.toString(strides) + ": different strides per axis are not supported");
        }
        long pad = padding(n, new long[] {x[2], x[3]}, k, strides[0]);
        Pool p = new Pool(n.getOutput(0), List.of(ref(n, 0)), x[0], x[1], x[2], x[3], k[0], strides[0], pad, fn, bits);
        emit(n, p, new long[] {x[0], x[1], p.outH(), p.outW()});
    }

    private void globalPool(NodeProto n) {
        long[] x = in(n, 0);
        if (x.length != 4 || x[2] != x[3]) {
            throw error(n, "only square 2-D inputs are supported, got " + Arrays.toString(x));
        }
        Pool p = new Pool(n.getOutput(0), List.of(ref(n, 0)), x[0], x[1], x[2], x[3], x[2], 1, 0, "avg", bits);
        emit(n, p, new long[] {x[0], x[1], 1, 1});
    }

    private void reshape(NodeProto n) {
        long[] x = in(n, 0);
        long[] target = n.getInputCount() > 1 ? constants.get(n.getInput(1)) : attrInts(n, "shape", null);
        long[] o;
        if (target != null) {
            o = new long[target.length];
            int infer = -1;
            long known = 1;
            for (int i = 0; i < target.length; i++) {
                long t = target[i];
                if (t == 0 && attrInt(n, "allowzero", 0) == 0) {
                    if (i >= x.length) {
                        throw error(n, "shape entry 0 at " + i + " copies a dimension the input " + Arrays.toString(x) + " lacks");
                    }
                    t = x[i];
                }
                if (t == -1) {
                    if (infer >= 0) {
                        throw error(n, "shape " + Arrays.toString(target) + " has more than one -1");
                    }
                    infer = i;
                    continue;
                }
                if (t <= 0) {
                    throw error(n, "shape " + Arrays.toString(target) + " has an entry " + t);
                }
                o[i] = t;
                known *= t;
            }
            if (infer >= 0) {
                if (known == 0 || prod(x) % known != 0) {
                    throw error(n, "shape " + Arrays.toString(target) + " does not divide " + prod(x) + " elements");
                }
                o[infer] = prod(x) / known;
            }
        } else {
            o = declared.get(n.getOutput(0));
            if (o == null) {
                throw error(n, "the target shape is neither a constant nor declared for output '" + n.getOutput(0) + "'");
            }
        }
        if (prod(o) != prod(x)) {
            throw error(n, "reshapes " + prod(x) + " elements " + Arrays.toString(x) + " into " + Arrays.toString(o));
        }
        emitView(n, ref(n, 0), o);
    }

    private void flatten(NodeProto n) {
        long[] x = in(n, 0);
        long axis = attrInt(n, "axis", 1);
        if (axis < 0) {
            axis += x.length;
        }
        if (axis < 0 || axis > x.length) {
            throw error(n, "attribute axis " + attrInt(n, "axis", 1) + " out of range for " + Arrays.toString(x));
        }
        long outer = prod(Arrays.copyOf(x, (int) axis));
        emitView(n, ref(n, 0), new long[] {outer, prod(x) / outer});
    }

    private void transpose(NodeProto n) {
        long[] x = in(n, 0);
        long[] perm = attrInts(n, "perm", null);
        long[] o = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            long p = perm == null ? x.length - 1 - i : perm[i];
            if (perm != null && perm.length != x.length || p < 0 || p >= x.length) {
                throw error(n, "attribute perm " + Arrays.toString(perm) + " does not permute " + x.length + " dimensions");
            }
            o[i] = x[(int) p];
        }
        emitView(n, ref(n, 0), o);
    }

    private void concat(NodeProto n) {
        long[] first = in(n, 0);
        long axis = attrInt(n, "axis", Long.MIN_VALUE);
        if (axis == Long.MIN_VALUE) {
            throw error(n, "attribute axis is required");
        }
        if (axis < 0) {
            axis += first.length;
        }
        if (axis < 0 || axis >= first.length) {
            throw error(n, "attribute axis " + attrInt(n, "axis", 0) + " out of range for " + Arrays.toString(first));
        }
        long[] o = first.clone();
        o[(int) axis] = 0;
        List<String> ins = new ArrayList<>();
        for (int i = 0; i < n.getInputCount(); i++) {
            long[] s = in(n, i);
            if (s.length != first.length) {
                throw error(n, "inputs of different rank: " + Arrays.toString(first) + " and " + Arrays.toString(s));
            }
            for (int d = 0; d < s.length; d++) {
                if (d != axis && s[d] != first[d]) {
                    throw error(n, "inputs differ outside axis " + axis + ": " + Arrays.toString(first) + " and " + Arrays.toString(s));
                }
            }
            o[(int) axis] += s[(int) axis];
            ins.add(ref(n, i));
        }
        emit(n, new Concat(n.getOutput(0), ins, (int) axis, shape(o, where(n)), bits), o);
    }

    private void constant(NodeProto n) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals("value") && a.hasT()) {
                TensorProto t = a.getT();
                shapes.put(n.getOutput(0), t.getDimsList().stream().mapToLong(Long::longValue).toArray());
                if (t.getDataType() == TensorProto.DataType.INT64_VALUE) {
                    long[] v = int64Values(t);
                    if (v != null) {
                        constants.put(n.getOutput(0), v);
                    }
                }
                initializers.add(n.getOutput(0));
                return;
            }
            if (a.getName().equals("value_ints")) {
                constants.put(n.getOutput(0), a.getIntsList().stream().mapToLong(Long::longValue).toArray());
                shapes.put(n.getOutput(0), new long[] {a.getIntsCount()});
                initializers.add(n.getOutput(0));
                return;
            }
        }
        throw error(n, "only tensor (value) and value_ints constants are supported");
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Extra outputs (LayerNormalization's mean and inverse deviation, MaxPool's indices) are not modelled: a node
     * that reads one fails as reading an unknown tensor.
     */
    private void onlyFirstOutput(NodeProto n) {
        // nothing to do: only output 0 gets a shape, so a consumer of another output is refused by in()
    }

    /** The shape of input {@code i}. */
    private long[] in(NodeProto n, int i) {
        if (i >= n.getInputCount() || n.getInput(i).isEmpty()) {
            throw error(n, "input " + i + " is missing");
        }
        long[] s = shapes.get(n.getInput(i));
        if (s == null) {
            throw error(n, "input '" + n.getInput(i) + "' is neither a graph input, an initializer nor a modelled node"
                    + " output (only the first output of a node is modelled)");
        }
        return s;
    }

    /** The workload tensor carrying input {@code i} (through Identity nodes). */
    private String ref(NodeProto n, int i) {
        String t = n.getInput(i);
        while (alias.containsKey(t)) {
            t = alias.get(t);
        }
        if (initializers.contains(t) && !produced.contains(t)) {
            // an initializer read as an activation (e.g. a constant operand): a workload input of its shape
            if (!out.hasInput(t)) {
                out.input(t, shape(shapes.get(t), "initializer '" + t + "'"));
            }
        }
        return t;
    }

    private void addOp(io.sparcade.model.workload.Operator op) {
        try {
            out.op(op);
        } catch (SpecException e) {
            throw new SpecException(source, op.name(), e.getMessage());
        }
        produced.add(op.name());
    }

    /** Adds the node's operator, after checking its shape against a declared one. */
    private void emit(NodeProto n, io.sparcade.model.workload.Operator op, long[] shape) {
        check(n, shape);
        addOp(op);
        shapes.put(n.getOutput(0), shape);
    }

    /** The node's output as a free view of {@code src} with {@code shape}. */
    private void emitView(NodeProto n, String src, long[] shape) {
        check(n, shape);
        addOp(new Reshape(n.getOutput(0), List.of(src), shape(shape, where(n)), bits));
        shapes.put(n.getOutput(0), shape);
    }

    /** A free view named after the node, for operand layouts. */
    private String view(NodeProto n, String what, String src, long[] shape) {
        long[] s = shapes.get(src);
        if (s != null && Arrays.equals(s, shape)) {
            return src;
        }
        String name = n.getOutput(0) + "." + what;
        addOp(new Reshape(name, List.of(src), shape(shape, where(n)), bits));
        shapes.put(name, shape);
        return name;
    }

    private void check(NodeProto n, long[] inferred) {
        long[] d = declared.get(n.getOutput(0));
        if (d != null && !Arrays.equals(d, inferred)) {
            throw error(n, "output '" + n.getOutput(0) + "' is declared " + Arrays.toString(d) + " but the operator gives "
                    + Arrays.toString(inferred));
        }
    }

    /** Largest tensor imported, in elements: bounds every count the simulation derives from the shapes. */
    static final long MAX_ELEMENTS = 1L << 40;

    private Shape shape(long[] s, String what) {
        if (s.length == 0) {
            return Shape.of(1); // a scalar
        }
        for (long d : s) {
            if (d <= 0) {
                throw new SpecException(source, what, "dimension " + d + " in shape " + Arrays.toString(s));
            }
        }
        long n;
        try {
            n = prod(s);
        } catch (ArithmeticException e) {
            n = Long.MAX_VALUE;
        }
        if (n > MAX_ELEMENTS) {
            throw new SpecException(source, what, "shape " + Arrays.toString(s) + " has more than 2^40 elements");
        }
        return Shape.of(s);
    }

    /** A value_info's shape with dynamic dimensions from --param; null when it has no shape (and may lack one). */
    private long[] staticShape(ValueInfoProto v, String what, boolean required) {
        if (!v.hasType() || !v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            if (required) {
                throw new SpecException(source, what, "has no tensor shape");
            }
            return null;
        }
        List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
        long[] s = new long[dims.size()];
        for (int i = 0; i < s.length; i++) {
            TensorShapeProto.Dimension d = dims.get(i);
            if (d.hasDimValue() && d.getDimValue() > 0) {
                s[i] = d.getDimValue();
            } else if (d.hasDimParam() && !d.getDimParam().isEmpty()) {
                String p = d.getDimParam();
                if (!params.containsKey(p)) {
                    if (!required) {
                        return null;
                    }
                    throw new SpecException(source, what, "dimension " + i + " is dynamic ('" + p
                            + "'): give its value with --param " + p + "=<n>");
                }
                usedParams.add(p);
                s[i] = intParam(p, 0);
            } else {
                if (!required) {
                    return null;
                }
                throw new SpecException(source, what, "dimension " + i + " has no value and no name");
            }
        }
        return s;
    }

    private int intParam(String name, int dflt) {
        usedParams.add(name);
        String v = params.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int x = Integer.parseInt(v.trim());
            if (x <= 0) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new SpecException("--param", name, "expected a positive integer, got '" + v + "'");
        }
    }

    private static long prod(long[] s) {
        long p = 1;
        for (long d : s) {
            p = Math.multiplyExact(p, d);
        }
        return p;
    }

    private static long[] int64Values(TensorProto t) {
        if (t.getInt64DataCount() > 0) {
            return t.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
        }
        if (!t.getRawData().isEmpty() && t.getRawData().size() % 8 == 0) {
            java.nio.ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            long[] v = new long[t.getRawData().size() / 8];
            for (int i = 0; i < v.length; i++) {
                v[i] = b.getLong();
            }
            return v;
        }
        return null;
    }

    private static AttributeProto attr(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    private long attrInt(NodeProto n, String name, long dflt) {
        AttributeProto a = attr(n, name);
        return a == null ? dflt : a.getI();
    }

    private long[] attrInts(NodeProto n, String name, long[] dflt) {
        AttributeProto a = attr(n, name);
        return a == null ? dflt : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    private String attrString(NodeProto n, String name, String dflt) {
        AttributeProto a = attr(n, name);
        return a == null ? dflt : a.getS().toStringUtf8();
    }
}
