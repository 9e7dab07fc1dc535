package io.sparcade.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.model.SpecException;
import io.sparcade.model.workload.Concat;
import io.sparcade.model.workload.Conv2d;
import io.sparcade.model.workload.Eltwise;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.Matmul;
import io.sparcade.model.workload.Norm;
import io.sparcade.model.workload.Operator;
import io.sparcade.model.workload.Pool;
import io.sparcade.model.workload.Reshape;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Softmax;
import io.sparcade.model.workload.VectorOp;
import io.sparcade.model.workload.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ONNX importer on models nobody here wrote: the onnx package's single-operator backend tests and a ResNet-18
 * made with the onnx package (data/onnx, see its README). Expected shapes and MACs are computed by hand from the
 * operators' definitions: conv/pool out = (in + 2 pad - kernel) / stride + 1, MACs = out pixels x in_c x kh x kw x
 * out_c; gemm/matmul MACs = batch x m x k x n.
 */
class OnnxImportTest {
    private static final Path DATA = Path.of("..", "data", "onnx");

    @TempDir
    Path tmp;

    static Workload node(String test) {
        return node(test, Map.of());
    }

    static Workload node(String test, Map<String, String> params) {
        return OnnxImport.read(DATA.resolve("node").resolve(test).resolve("model.onnx"), params);
    }

    /** MACs of the matrix operators. */
    static long macs(Operator o) {
        if (o instanceof Conv2d c) {
            return c.gemmM() * c.gemmK() * c.outC();
        }
        if (o instanceof Gemm g) {
            return g.m() * g.k() * g.n();
        }
        if (o instanceof Matmul m) {
            return m.batch() * m.m() * m.k() * m.n();
        }
        return 0;
    }

    static Operator last(Workload w) {
        return w.operators().get(w.operators().size() - 1);
    }

    static long totalMacs(Workload w) {
        return w.operators().stream().mapToLong(OnnxImportTest::macs).sum();
    }

    /*
     * Matrix operators, hand computed from the onnx backend tests' definitions (onnx 1.12.0,
     * onnx/backend/test/case/node/{conv,gemm,matmul}.py):
     *   conv_with_strides_padding: x 1x1x7x5, W 1x1x3x3, stride 2, pads 1: out (7+2-3)/2+1 = 4, (5+2-3)/2+1 = 3;
     *     MACs 4 x 3 x 9 = 108
     *   conv_with_strides_no_padding: out (7-3)/2+1 = 3, (5-3)/2+1 = 2; MACs 6 x 9 = 54
     *   conv_with_autopad_same: x 1x1x5x5, 3x3, stride 2, SAME_LOWER: out ceil(5/2) = 3, pads 1 each side; 9 x 9 = 81
     *   gemm_default_no_bias: A 2x10, B 10x3: 60; gemm_transposeA: A 6x3 (transposed) B 6x4: 3 x 6 x 4 = 72;
     *   gemm_transposeB: A 3x6, B 4x6 (transposed): 72
     *   matmul_2d: 3x4 . 4x3 = 36; matmul_3d: 2 x (3x4 . 4x3) = 72; matmul_4d: 1x2 x (3x4 . 4x3) = 72
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "test_conv_with_strides_padding,    108, 1x1x4x3",
        "test_conv_with_strides_no_padding, 54,  1x1x3x2",
        "test_conv_with_autopad_same,       81,  1x1x3x3",
        "test_gemm_default_no_bias,         60,  2x3",
        "test_gemm_transposeA,              72,  3x4",
        "test_gemm_transposeB,              72,  3x4",
        "test_matmul_2d,                    36,  3x3",
        "test_matmul_3d,                    72,  2x3x3",
        "test_matmul_4d,                    72,  1x2x3x3",
    })
    void matrixOperators(String test, long macs, String shape) {
        Workload w = node(test);
        assertThat(totalMacs(w)).isEqualTo(macs);
        assertThat(last(w).outputShape()).isEqualTo(shape(shape));
    }

    /*
     * Vector and view operators: the output shapes by hand.
     *   relu/sigmoid/add/mul: 3x4x5 elementwise; add_bcast: 3x4x5 + 5 -> 3x4x5 (the broadcast 5 not counted)
     *   softmax (any axis) keeps its 3x4x5 shape; layer_normalization_3d: X 2x3x5 -> 2x3x5
     *   maxpool_2d_default: 1x3x32x32, 2x2, stride 1 -> 31x31; maxpool_2d_pads: 28x28, 3x3, pads 2 -> 28+4-3+1 = 30;
     *   maxpool_2d_strides: 32x32, 5x5 stride 3 -> (32-5)/3+1 = 10; averagepool likewise; globalaveragepool 1x3x5x5
     *   -> 1x3x1x1
     *   reshape_reordered_all_dims 2x3x4 -> 4x2x3; reshape_negative_dim 2x3x4 -> [2, -1, 2] = 2x6x2;
     *   flatten (axis 1) 2x3x4x5 -> 2x60, 5x4x3x2 -> 5x24; transpose_default 2x3x4 -> 4x3x2; transpose perm (1, 2, 0) -> 3x4x2;
     *   concat_2d_axis_1: 2x2 and 2x2 -> 2x4; concat_3d_axis_negative_1: 2x2x2 twice -> 2x2x4
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "test_relu,                   eltwise, 3x4x5",
        "test_sigmoid,                eltwise, 3x4x5",
        "test_add,                    eltwise, 3x4x5",
        "test_add_bcast,              eltwise, 3x4x5",
        "test_mul,                    eltwise, 3x4x5",
        "test_softmax_axis_0,         softmax, 3x4x5",
        "test_softmax_axis_2,         softmax, 3x4x5",
        "test_softmax_default_axis,   softmax, 3x4x5",
        "test_layer_normalization_3d_axis_negative_1_epsilon, norm, 2x3x5",
        "test_maxpool_2d_default,     pool,    1x3x31x31",
        "test_maxpool_2d_pads,        pool,    1x3x30x30",
        "test_maxpool_2d_strides,     pool,    1x3x10x10",
        "test_averagepool_2d_default, pool,    1x3x31x31",
        "test_averagepool_2d_strides, pool,    1x3x10x10",
        "test_globalaveragepool,      pool,    1x3x1x1",
        "test_reshape_reordered_all_dims, reshape, 4x2x3",
        "test_reshape_negative_dim,   reshape, 2x6x2",
        "test_flatten_axis1,          reshape, 2x60",
        "test_flatten_default_axis,   reshape, 5x24",
        "test_transpose_default,      reshape, 4x3x2",
        "test_transpose_all_permutations_3, reshape, 3x4x2",
        "test_concat_2d_axis_1,       concat,  2x4",
        "test_concat_3d_axis_negative_1, concat, 2x2x4",
    })
    void vectorAndViewOperators(String test, String kind, String shape) {
        Workload w = node(test);
        Operator op = last(w);
        Class<?> type = switch (kind) {
            case "eltwise" -> Eltwise.class;
            case "softmax" -> Softmax.class;
            case "norm" -> Norm.class;
            case "pool" -> Pool.class;
            case "concat" -> Concat.class;
            default -> Reshape.class;
        };
        assertThat(op).isInstanceOf(type);
        assertThat(op.outputShape()).isEqualTo(shape(shape));
        assertThat(totalMacs(w)).isZero();
    }

    @Test
    void broadcastAddReadsOnlyTheFullShapedOperand() {
        Eltwise add = (Eltwise) last(node("test_add_bcast"));
        assertThat(add.inputs()).containsExactly("x");
        assertThat(((Eltwise) last(node("test_add"))).inputs()).containsExactly("x", "y");
    }

    /*
     * ResNet-18 (He et al. 2016, Table 1), 224x224 input, by hand:
     *   conv1 7x7/2, 64: out 112 = (224 + 6 - 7)/2 + 1; MACs 112^2 x 3 x 49 x 64 = 118,013,952
     *   maxpool 3x3/2 pad 1: 56
     *   layer1 (56x56, 64): 4 convs of 56^2 x 576 x 64 = 115,605,504
     *   layer2 (28x28, 128): first conv 28^2 x 576 x 128 = 57,802,752, three of 28^2 x 1152 x 128 = 115,605,504,
     *     downsample 1x1/2: 28^2 x 64 x 128 = 6,422,528
     *   layer3 (14x14, 256) and layer4 (7x7, 512): the same three numbers (the spatial size quarters as channels
     *     double)
     *   fc: 512 x 1000 = 512,000
     *   total: 118,013,952 + 4 x 115,605,504 + 3 x (57,802,752 + 3 x 115,605,504 + 6,422,528) + 512,000
     *        = 1,814,073,344 (the paper: 1.8 x 10^9)
     *   weights: convs 9,408 + 4 x 36,864 + (73,728 + 3 x 147,456 + 8,192) + (294,912 + 3 x 589,824 + 32,768)
     *        + (1,179,648 + 3 x 2,359,296 + 131,072) = 11,166,912, fc 512,000 -> 11,678,912; torchvision's
     *        11,689,512 adds 10,600 batch-norm and bias parameters, not counted here
     */
    @Test
    void resnet18LayerByLayer() {
        Workload w = OnnxImport.read(DATA.resolve("resnet18.onnx"), Map.of());
        assertThat(w.inputs()).containsEntry("input", Shape.of(1, 3, 224, 224));
        Conv2d conv1 = (Conv2d) op(w, "conv1");
        assertThat(conv1.outputShape()).isEqualTo(Shape.of(1, 64, 112, 112));
        assertThat(macs(conv1)).isEqualTo(118_013_952L);
        assertThat(op(w, "maxpool").outputShape()).isEqualTo(Shape.of(1, 64, 56, 56));
        long[][] stages = {{1, 64, 56}, {2, 128, 28}, {3, 256, 14}, {4, 512, 7}};
        for (long[] s : stages) {
            String l = "layer" + s[0];
            Shape out = Shape.of(1, s[1], s[2], s[2]);
            for (String c : List.of(".0.conv1", ".0.conv2", ".1.conv1", ".1.conv2")) {
                assertThat(op(w, l + c).outputShape()).as(l + c).isEqualTo(out);
                long expected = s[0] > 1 && c.equals(".0.conv1") ? 57_802_752L : 115_605_504L;
                assertThat(macs(op(w, l + c))).as(l + c).isEqualTo(expected);
            }
            if (s[0] > 1) {
                assertThat(macs(op(w, l + ".0.downsample"))).isEqualTo(6_422_528L);
            }
        }
        assertThat(op(w, "avgpool").outputShape()).isEqualTo(Shape.of(1, 512, 1, 1));
        Gemm fc = (Gemm) op(w, "logits");
        assertThat(fc.k()).isEqualTo(512);
        assertThat(fc.n()).isEqualTo(1000);
        assertThat(totalMacs(w)).isEqualTo(1_814_073_344L);
        assertThat(w.parametersTotal()).isEqualTo(11_678_912L);
    }

    @Test
    void unsupportedInputsFailNamingTheNode() {
        assertThatThrownBy(() -> node("test_conv_with_strides_and_asymmetric_padding"))
                .isInstanceOf(SpecException.class).hasMessageContaining("model.onnx")
                .hasMessageContaining("(Conv)").hasMessageContaining("padding [1, 0, 1, 0]");
        assertThatThrownBy(() -> node("test_maxpool_2d_ceil")).hasMessageContaining("(MaxPool)").hasMessageContaining("ceil_mode");
        assertThatThrownBy(() -> node("test_argmax_default_axis_example"))
                .hasMessageContaining("(ArgMax)").hasMessageContaining("unsupported operator")
                .hasMessageContaining("onnx_unsupported=vector");
        // on request it runs on the vector unit: data 2x2 -> result 1x2 (keepdims), one pass over the 4 inputs
        Workload w = node("test_argmax_default_axis_example", Map.of("onnx_unsupported", "vector"));
        VectorOp v = (VectorOp) last(w);
        assertThat(v.fn()).isEqualTo("ArgMax");
        assertThat(v.outputShape()).isEqualTo(Shape.of(1, 2));
        assertThat(v.elements()).isEqualTo(4);
        assertThatThrownBy(() -> node("test_relu", Map.of("batch", "2")))
                .hasMessageContaining("--param").hasMessageContaining("no dynamic dimension 'batch'");
    }

    @Test
    void corruptTruncatedCyclicAndDynamicFilesAreRefused() throws IOException {
        Path garbage = tmp.resolve("garbage.onnx");
        Files.write(garbage, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x12, 0x34, 0x56, 0x07});
        assertThatThrownBy(() -> OnnxImport.read(garbage, Map.of())).isInstanceOf(SpecException.class)
                .hasMessageContaining("garbage.onnx").hasMessageContaining("not a readable ONNX model");
        byte[] full = Files.readAllBytes(DATA.resolve("resnet18.onnx"));
        Path cut = tmp.resolve("cut.onnx");
        Files.write(cut, Arrays.copyOf(full, full.length / 2));
        assertThatThrownBy(() -> OnnxImport.read(cut, Map.of())).hasMessageContaining("cut.onnx")
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> OnnxImport.read(tmp.resolve("absent.onnx"), Map.of())).hasMessageContaining("no such file");

        // a -> b -> a: Relu nodes feeding each other
        GraphProto cycle = GraphProto.newBuilder().setName("g")
                .addInput(input("x", 2, 2))
                .addNode(NodeProto.newBuilder().setName("a").setOpType("Add").addInput("x").addInput("bo").addOutput("ao"))
                .addNode(NodeProto.newBuilder().setName("b").setOpType("Relu").addInput("ao").addOutput("bo"))
                .build();
        Path cyc = write("cycle.onnx", cycle);
        assertThatThrownBy(() -> OnnxImport.read(cyc, Map.of())).hasMessageContaining("cycle.onnx")
                .hasMessageContaining("cycle").hasMessageContaining("a -> b -> a");

        // a dynamic batch dimension needs --param N=<n>
        ValueInfoProto dyn = ValueInfoProto.newBuilder().setName("x").setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(TensorShapeProto.newBuilder()
                                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(8))))).build();
        GraphProto g = GraphProto.newBuilder().setName("g").addInput(dyn)
                .addNode(NodeProto.newBuilder().setName("r").setOpType("Relu").addInput("x").addOutput("y")).build();
        Path dynamic = write("dynamic.onnx", g);
        assertThatThrownBy(() -> OnnxImport.read(dynamic, Map.of())).hasMessageContaining("dynamic.onnx")
                .hasMessageContaining("input 'x'").hasMessageContaining("--param N=<n>");
        Workload w = OnnxImport.read(dynamic, Map.of("N", "4"));
        assertThat(last(w).outputShape()).isEqualTo(Shape.of(4, 8));
    }

    private Path write(String name, GraphProto g) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, ModelProto.newBuilder().setIrVersion(8).setGraph(g).build().toByteArray());
        return p;
    }

    private static ValueInfoProto input(String name, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
    }

    private static Operator op(Workload w, String name) {
        return w.operators().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no operator " + name));
    }

    private static Shape shape(String s) {
        return Shape.of(Arrays.stream(s.split("x")).mapToLong(Long::parseLong).toArray());
    }
}
