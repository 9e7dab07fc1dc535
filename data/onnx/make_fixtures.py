#!/usr/bin/env python3
"""Makes the ONNX fixtures of Sparcade's ONNX importer tests, with the official `onnx` Python package.

Pinned: onnx 1.12.0 (Debian bookworm's python3-onnx 1.12.0-2; `apt-get install python3-onnx`), run with
Debian's /usr/bin/python3 (numpy 1.24). Run from this directory: `/usr/bin/python3 make_fixtures.py`.

1. node/<test>/model.onnx: single-operator models from the onnx package's own backend test cases
   (onnx/backend/test/case/node/*.py), exported exactly as `backend-test-tools generate-data` exports them
   (that command itself fails under numpy >= 1.24 on an unrelated case, bernoulli.py's use of np.float, so the
   old numpy aliases are restored first; nothing else is changed). Only the model files are kept, not the
   input/output test data.
2. resnet18.onnx: a ResNet-18 (He et al., CVPR 2016, Table 1, 18-layer column; torchvision's layout with batch
   norm folded into the convolutions' biases) for one 3x224x224 image, built with onnx.helper, its weights
   declared as external data in a file that is not shipped (the weights' values are never needed), and
   value_info filled in by onnx's shape inference.
"""
import os
import shutil
import sys

import numpy as np

# numpy >= 1.24 removed these aliases; onnx 1.12's test cases still use them (bernoulli.py: np.float)
for _alias, _type in (("float", float), ("int", int), ("bool", bool), ("object", object)):
    if _alias not in np.__dict__:
        setattr(np, _alias, _type)

import onnx  # noqa: E402
from onnx import TensorProto, helper, shape_inference  # noqa: E402
from onnx.backend.test.case import node  # noqa: E402

assert onnx.__version__ == "1.12.0", "pinned to onnx 1.12.0, got " + onnx.__version__

NODE_TESTS = [
    "test_conv_with_strides_padding", "test_conv_with_strides_no_padding", "test_conv_with_autopad_same",
    "test_conv_with_strides_and_asymmetric_padding",
    "test_gemm_default_no_bias", "test_gemm_transposeB", "test_gemm_transposeA",
    "test_matmul_2d", "test_matmul_3d", "test_matmul_4d",
    "test_relu", "test_sigmoid", "test_add", "test_add_bcast", "test_mul",
    "test_softmax_axis_0", "test_softmax_axis_2", "test_softmax_default_axis",
    "test_layer_normalization_3d_axis_negative_1_epsilon",
    "test_maxpool_2d_default", "test_maxpool_2d_pads", "test_maxpool_2d_strides", "test_maxpool_2d_ceil",
    "test_averagepool_2d_default", "test_averagepool_2d_strides", "test_globalaveragepool",
    "test_reshape_reordered_all_dims", "test_reshape_negative_dim", "test_flatten_axis1", "test_flatten_default_axis",
    "test_transpose_default", "test_transpose_all_permutations_3",
    "test_concat_2d_axis_1", "test_concat_3d_axis_negative_1",
    "test_argmax_default_axis_example",
]


def export_node_tests(out_dir):
    cases = {c.name: c for c in node.collect_testcases(None)}
    for name in NODE_TESTS:
        model = cases[name].model
        d = os.path.join(out_dir, name)
        os.makedirs(d, exist_ok=True)
        onnx.save(model, os.path.join(d, "model.onnx"))


def resnet18(path):
    nodes, inits = [], []
    counter = [0]

    def weight(name, dims):
        t = TensorProto(name=name, data_type=TensorProto.FLOAT, dims=dims, data_location=TensorProto.EXTERNAL)
        offset = counter[0]
        length = int(np.prod(dims)) * 4
        counter[0] += length
        for k, v in (("location", "resnet18-weights.bin"), ("offset", str(offset)), ("length", str(length))):
            e = t.external_data.add()
            e.key, e.value = k, v
        inits.append(t)
        return name

    def conv(x, name, cin, cout, k, stride, pad):
        w = weight(name + ".weight", [cout, cin, k, k])
        b = weight(name + ".bias", [cout])  # batch norm folded
        nodes.append(helper.make_node("Conv", [x, w, b], [name], name=name, kernel_shape=[k, k],
                                      strides=[stride, stride], pads=[pad] * 4))
        return name

    def relu(x, name):
        nodes.append(helper.make_node("Relu", [x], [name], name=name))
        return name

    def block(x, name, cin, cout, stride):
        y = relu(conv(x, name + ".conv1", cin, cout, 3, stride, 1), name + ".relu1")
        y = conv(y, name + ".conv2", cout, cout, 3, 1, 1)
        shortcut = x
        if stride != 1 or cin != cout:
            shortcut = conv(x, name + ".downsample", cin, cout, 1, stride, 0)
        nodes.append(helper.make_node("Add", [y, shortcut], [name + ".add"], name=name + ".add"))
        return relu(name + ".add", name + ".relu2")

    x = relu(conv("input", "conv1", 3, 64, 7, 2, 3), "relu")
    nodes.append(helper.make_node("MaxPool", [x], ["maxpool"], name="maxpool", kernel_shape=[3, 3], strides=[2, 2],
                                  pads=[1, 1, 1, 1]))
    x = "maxpool"
    cin = 64
    for i, (cout, stride) in enumerate(((64, 1), (128, 2), (256, 2), (512, 2)), start=1):
        x = block(x, "layer%d.0" % i, cin, cout, stride)
        x = block(x, "layer%d.1" % i, cout, cout, 1)
        cin = cout
    nodes.append(helper.make_node("GlobalAveragePool", [x], ["avgpool"], name="avgpool"))
    nodes.append(helper.make_node("Flatten", ["avgpool"], ["flatten"], name="flatten", axis=1))
    fc_w = weight("fc.weight", [1000, 512])
    fc_b = weight("fc.bias", [1000])
    nodes.append(helper.make_node("Gemm", ["flatten", fc_w, fc_b], ["logits"], name="fc", transB=1))
    graph = helper.make_graph(nodes, "resnet18",
                              [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 3, 224, 224])],
                              [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, 1000])], inits)
    model = helper.make_model(graph, producer_name="sparcade data/onnx/make_fixtures.py",
                              opset_imports=[helper.make_opsetid("", 13)])
    # (onnx.checker.check_model would insist on reading the weights file, which is deliberately absent)
    model = shape_inference.infer_shapes(model, strict_mode=True)
    onnx.save(model, path)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    node_dir = os.path.join(here, "node")
    if os.path.isdir(node_dir):
        shutil.rmtree(node_dir)
    export_node_tests(node_dir)
    resnet18(os.path.join(here, "resnet18.onnx"))
    print("onnx", onnx.__version__, ":", len(NODE_TESTS), "node models and resnet18.onnx written", file=sys.stderr)


if __name__ == "__main__":
    main()
