#!/usr/bin/python3
"""Makes the ONNX models that slim4j's tests and tutorials load, with Debian's PyTorch 1.13.

Small models (committed, each under 1 MB), trained on Fashion-MNIST:

  mlp.onnx        784-128-64-10 MLP on flat [batch, 784] vectors, opset 11, dynamic batch
  cnn.onnx        Conv/MaxPool/Gemm CNN on [batch, 1, 28, 28], opset 13, dynamic batch
  resnet.onnx     a small ResNet (Conv/Add/GlobalAveragePool/Gemm), BatchNormalization folded
                  into the convolutions by PyTorch's export, opset 13
  resnet-bn.onnx  the same ResNet with BatchNormalization kept, opset 13
  cnn-tf.onnx     the CNN written the way tf2onnx writes a Keras model: NHWC input, Transpose to
                  NCHW, flattening in NHWC order, MatMul + Add, Softmax; fixed batch of 50, opset 15
  mlp-ext.onnx    the MLP with its weights in Constant nodes and an external data file
                  (mlp-ext.onnx.data), Sigmoid/Tanh/LeakyRelu/HardSigmoid/HardSwish/Clip/Pad/Concat
                  /Sub/Mul/Div/AveragePool/Identity/Dropout on the way, opset 17

Inputs are pixels / 255, as slim4j's FashionMnist gives them. reference.json records, for every
trained model, PyTorch's own test accuracy (10,000 test images) and, for the CNN and the ResNets,
PyTorch's static post-training quantization (FX, oneDNN: per-channel int8 weights, histogram
observers on uint8 activations, 1,000 training images) as the baselines slim4j's tests compare with.

Big models (generated during the test run, not committed): `--big DIR` writes torchvision's
ResNet-18 (opset 17) and MobileNetV2 (opset 14) with seeded random weights, input [batch, 3, 224, 224];
and grouped.onnx, a small random-weight net of grouped, depthwise and bias-free convolutions, with
grouped-gradients.json, PyTorch's gradients on one seeded batch, to check training on the JVM.

Usage: /usr/bin/python3 models/make_models.py [--out DIR] [--big DIR]
"""
import argparse
import gzip
import json
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import helper, numpy_helper, TensorProto

DATA = os.environ.get("SLIM4J_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")


def idx(name):
    with gzip.open(os.path.join(DATA, name), "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def fashion_mnist():
    x_train = torch.from_numpy(idx("train-images-idx3-ubyte.gz").astype(np.float32) / 255.0).unsqueeze(1)
    y_train = torch.from_numpy(idx("train-labels-idx1-ubyte.gz").astype(np.int64))
    x_test = torch.from_numpy(idx("t10k-images-idx3-ubyte.gz").astype(np.float32) / 255.0).unsqueeze(1)
    y_test = torch.from_numpy(idx("t10k-labels-idx1-ubyte.gz").astype(np.int64))
    return x_train, y_train, x_test, y_test


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 64)
        self.out = nn.Linear(64, 10)

    def forward(self, x):
        return self.out(F.relu(self.fc2(F.relu(self.fc1(x)))))


class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.fc1 = nn.Linear(32 * 7 * 7, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        return self.fc2(F.relu(self.fc1(x)))


class Block(nn.Module):
    """torchvision's BasicBlock, smaller."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU()
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


class ResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.relu = nn.ReLU()
        self.layer1 = Block(16, 16, 1)
        self.layer2 = Block(16, 32, 2)
        self.layer3 = Block(32, 64, 2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def train(model, x, y, epochs, lr, flat):
    generator = torch.Generator().manual_seed(0)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, epochs * ((len(x) + 127) // 128))
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x), generator=generator)
        for start in range(0, len(x), 128):
            batch = order[start:start + 128]
            inputs = x[batch].reshape(len(batch), -1) if flat else x[batch]
            loss = F.cross_entropy(model(inputs), y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
        print(f"  epoch {epoch + 1}/{epochs}: loss {loss.item():.4f}", file=sys.stderr)
    model.eval()


def accuracy(model, x, y, flat):
    with torch.no_grad():
        correct = 0
        for start in range(0, len(x), 500):
            inputs = x[start:start + 500]
            inputs = inputs.reshape(len(inputs), -1) if flat else inputs
            correct += (model(inputs).argmax(1) == y[start:start + 500]).sum().item()
    return 100.0 * correct / len(x)


def static_ptq(model, x_calib, x, y):
    """PyTorch's own W8A8: FX graph mode, the x86 (oneDNN) default qconfig, calibrated on x_calib.

    Debian's PyTorch 1.13 has no FBGEMM; its oneDNN engine takes per-channel int8 weights and
    full-range uint8 activations from histogram observers.
    """
    from torch.ao.quantization import get_default_qconfig_mapping
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx
    import copy
    torch.backends.quantized.engine = "onednn"
    prepared = prepare_fx(copy.deepcopy(model), get_default_qconfig_mapping("onednn"), (x_calib[:1],))
    with torch.no_grad():
        for start in range(0, len(x_calib), 100):
            prepared(x_calib[start:start + 100])
    return accuracy(convert_fx(prepared), x, y, flat=False)


def export(model, example, path, opset, bn_kept=False, dynamic=True):
    kwargs = {}
    if bn_kept:
        # PRESERVE with the model in eval mode exports inference BatchNormalization nodes, which
        # EVAL would fold into the convolutions.
        kwargs["training"] = torch.onnx.TrainingMode.PRESERVE
    torch.onnx.export(model, example, path, input_names=["input"], output_names=["logits"], opset_version=opset,
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}} if dynamic else None, **kwargs)
    onnx.checker.check_model(onnx.load(path))


def tf_style_cnn(cnn, path):
    """The trained CNN as tf2onnx writes a Keras model: NHWC in, Transpose, MatMul + Add, Softmax."""
    w = {k: v.detach().numpy() for k, v in cnn.state_dict().items()}
    # Keras flattens NHWC, so the dense kernel's rows run over (h, w, c) rather than (c, h, w).
    fc1 = w["fc1.weight"].reshape(64, 32, 7, 7).transpose(0, 2, 3, 1).reshape(64, -1).T.copy()
    init = [
        numpy_helper.from_array(w["conv1.weight"], "sequential/conv2d/Conv2D/ReadVariableOp:0"),
        numpy_helper.from_array(w["conv1.bias"], "sequential/conv2d/BiasAdd/ReadVariableOp:0"),
        numpy_helper.from_array(w["conv2.weight"], "sequential/conv2d_1/Conv2D/ReadVariableOp:0"),
        numpy_helper.from_array(w["conv2.bias"], "sequential/conv2d_1/BiasAdd/ReadVariableOp:0"),
        numpy_helper.from_array(fc1, "sequential/dense/MatMul/ReadVariableOp:0"),
        numpy_helper.from_array(w["fc1.bias"], "sequential/dense/BiasAdd/ReadVariableOp:0"),
        numpy_helper.from_array(w["fc2.weight"].T.copy(), "sequential/dense_1/MatMul/ReadVariableOp:0"),
        numpy_helper.from_array(w["fc2.bias"], "sequential/dense_1/BiasAdd/ReadVariableOp:0"),
        numpy_helper.from_array(np.array([-1, 32 * 7 * 7], dtype=np.int64), "const_fold_opt__12"),
    ]
    n = helper.make_node
    nodes = [
        n("Transpose", ["input_1"], ["sequential/conv2d/BiasAdd__6:0"], perm=[0, 3, 1, 2], name="sequential/conv2d/BiasAdd__6"),
        n("Conv", ["sequential/conv2d/BiasAdd__6:0", "sequential/conv2d/Conv2D/ReadVariableOp:0",
                   "sequential/conv2d/BiasAdd/ReadVariableOp:0"], ["sequential/conv2d/BiasAdd:0"],
          kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1], dilations=[1, 1], group=1, name="sequential/conv2d/BiasAdd"),
        n("Relu", ["sequential/conv2d/BiasAdd:0"], ["sequential/conv2d/Relu:0"], name="sequential/conv2d/Relu"),
        n("MaxPool", ["sequential/conv2d/Relu:0"], ["sequential/max_pooling2d/MaxPool:0"], kernel_shape=[2, 2],
          strides=[2, 2], name="sequential/max_pooling2d/MaxPool"),
        n("Conv", ["sequential/max_pooling2d/MaxPool:0", "sequential/conv2d_1/Conv2D/ReadVariableOp:0",
                   "sequential/conv2d_1/BiasAdd/ReadVariableOp:0"], ["sequential/conv2d_1/BiasAdd:0"],
          kernel_shape=[3, 3], auto_pad="SAME_UPPER", strides=[1, 1], name="sequential/conv2d_1/BiasAdd"),
        n("Relu", ["sequential/conv2d_1/BiasAdd:0"], ["sequential/conv2d_1/Relu:0"], name="sequential/conv2d_1/Relu"),
        n("MaxPool", ["sequential/conv2d_1/Relu:0"], ["sequential/max_pooling2d_1/MaxPool:0"], kernel_shape=[2, 2],
          strides=[2, 2], name="sequential/max_pooling2d_1/MaxPool"),
        n("Transpose", ["sequential/max_pooling2d_1/MaxPool:0"], ["sequential/max_pooling2d_1/MaxPool__20:0"],
          perm=[0, 2, 3, 1], name="sequential/max_pooling2d_1/MaxPool__20"),
        n("Reshape", ["sequential/max_pooling2d_1/MaxPool__20:0", "const_fold_opt__12"], ["sequential/flatten/Reshape:0"],
          name="sequential/flatten/Reshape"),
        n("MatMul", ["sequential/flatten/Reshape:0", "sequential/dense/MatMul/ReadVariableOp:0"],
          ["sequential/dense/MatMul:0"], name="sequential/dense/MatMul"),
        n("Add", ["sequential/dense/MatMul:0", "sequential/dense/BiasAdd/ReadVariableOp:0"],
          ["sequential/dense/BiasAdd:0"], name="sequential/dense/BiasAdd"),
        n("Relu", ["sequential/dense/BiasAdd:0"], ["sequential/dense/Relu:0"], name="sequential/dense/Relu"),
        n("MatMul", ["sequential/dense/Relu:0", "sequential/dense_1/MatMul/ReadVariableOp:0"],
          ["sequential/dense_1/MatMul:0"], name="sequential/dense_1/MatMul"),
        n("Add", ["sequential/dense_1/MatMul:0", "sequential/dense_1/BiasAdd/ReadVariableOp:0"],
          ["sequential/dense_1/BiasAdd:0"], name="sequential/dense_1/BiasAdd"),
        n("Softmax", ["sequential/dense_1/BiasAdd:0"], ["dense_1"], axis=-1, name="sequential/dense_1/Softmax"),
    ]
    graph = helper.make_graph(nodes, "tf2onnx", [helper.make_tensor_value_info("input_1", TensorProto.FLOAT, [50, 28, 28, 1])],
                              [helper.make_tensor_value_info("dense_1", TensorProto.FLOAT, [50, 10])], init)
    model = helper.make_model(graph, producer_name="tf2onnx", producer_version="1.9.3",
                              opset_imports=[helper.make_opsetid("", 15)])
    model.ir_version = 8
    helper.set_model_props(model, {"source": "slim4j make_models.py, written as tf2onnx writes Keras models"})
    onnx.checker.check_model(model)
    onnx.save(model, path)


def op_zoo_mlp(mlp, path):
    """The trained MLP with weights in Constant nodes and external data, through many element-wise ops.

    It is not a good classifier: the point is coverage, each op's semantics against ONNX Runtime's.
    """
    w = {k: v.detach().numpy() for k, v in mlp.state_dict().items()}
    n = helper.make_node
    init = [
        numpy_helper.from_array(w["fc1.weight"], "fc1.weight"),
        numpy_helper.from_array(w["fc1.bias"], "fc1.bias"),
        numpy_helper.from_array(w["fc2.weight"].T.copy(), "fc2.weight_t"),
        numpy_helper.from_array(np.full([64], 0.5, np.float32), "half"),
        numpy_helper.from_array(np.array(6.0, np.float32), "six"),
        numpy_helper.from_array(np.array(0.0, np.float32), "zero"),
        numpy_helper.from_array(np.array([0, 0, 0, 0, 0, 0, 1, 1], np.int64), "pads"),
    ]
    nodes = [
        n("Constant", [], ["fc2.bias"], value=numpy_helper.from_array(w["fc2.bias"], "fc2.bias"), name="fc2.bias/Constant"),
        n("Constant", [], ["out.bias"], value=numpy_helper.from_array(w["out.bias"], "out.bias"), name="out.bias/Constant"),
        n("Constant", [], ["scale"], value=numpy_helper.from_array(np.array(255.0, np.float32), "scale"), name="scale/Constant"),
        n("Identity", ["input"], ["x0"], name="identity"),
        n("Mul", ["x0", "scale"], ["x1"], name="to_bytes"),
        n("Div", ["x1", "scale"], ["x2"], name="to_unit"),
        n("Gemm", ["x2", "fc1.weight", "fc1.bias"], ["h1"], transB=1, name="fc1"),
        n("Relu", ["h1"], ["a1"], name="relu1"),
        n("Dropout", ["a1"], ["d1"], name="dropout"),
        n("MatMul", ["d1", "fc2.weight_t"], ["h2m"], name="fc2"),
        n("Add", ["h2m", "fc2.bias"], ["h2"], name="fc2_bias"),
        n("Clip", ["h2", "zero", "six"], ["c2"], name="relu6"),
        n("Sigmoid", ["h2"], ["s2"], name="sigmoid"),
        n("Tanh", ["h2"], ["t2"], name="tanh"),
        n("LeakyRelu", ["h2"], ["l2"], alpha=0.1, name="leaky"),
        n("HardSigmoid", ["h2"], ["hs2"], alpha=1.0 / 6, beta=0.5, name="hard_sigmoid"),
        n("HardSwish", ["h2"], ["hw2"], name="hard_swish"),
        n("Sub", ["s2", "half"], ["s3"], name="center"),
        n("Mul", ["s3", "t2"], ["m2"], name="gate"),
        n("Add", ["c2", "m2"], ["sum2"], name="mix"),
        n("Concat", ["sum2", "l2", "hs2", "hw2"], ["cat"], axis=1, name="concat"),
        # [b, 256] -> [b, 1, 16, 16] for a pass through spatial ops, and back.
        n("Reshape", ["cat", "img_shape"], ["img"], name="to_image"),
        n("Pad", ["img", "pads"], ["padded"], mode="constant", name="pad"),
        n("AveragePool", ["padded"], ["pooled"], kernel_shape=[2, 2], strides=[1, 1], name="avgpool"),
        n("Flatten", ["pooled"], ["flat"], axis=1, name="flatten"),
        n("Gemm", ["flat", "out.weight_wide"], ["logits_raw"], transB=1, name="out"),
        n("Add", ["logits_raw", "out.bias"], ["logits"], name="out_bias"),
    ]
    wide = np.tile(w["out.weight"], (1, 4)) / 4
    init += [numpy_helper.from_array(wide, "out.weight_wide"),
             numpy_helper.from_array(np.array([-1, 1, 16, 16], np.int64), "img_shape")]
    graph = helper.make_graph(nodes, "op_zoo", [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 784])],
                              [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 10])], init)
    model = helper.make_model(graph, producer_name="slim4j", opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    # Padded to 17x17 at the bottom and right, averaged 2x2 with stride 1: 16x16 = 256 again.
    data = path + ".data"
    if os.path.exists(data):
        os.remove(data)  # onnx appends to an existing data file
    onnx.save_model(model, path, save_as_external_data=True, all_tensors_to_one_file=True,
                    location=os.path.basename(path) + ".data", size_threshold=1024)


def big(out):
    import torchvision
    torch.manual_seed(0)
    example = torch.randn(1, 3, 224, 224)
    for name, make, opset in [("resnet18", torchvision.models.resnet18, 17),
                              ("mobilenetv2", torchvision.models.mobilenet_v2, 14)]:
        model = make()
        # Running statistics from a few random batches, so activations keep a sane scale through
        # the depth (with the initial mean 0 and variance 1, MobileNetV2's outputs are ~1e-9).
        model.train()
        with torch.no_grad():
            for _ in range(4):
                model(torch.randn(8, 3, 224, 224))
        model.eval()
        export(model, example, os.path.join(out, name + ".onnx"), opset)
        print(f"wrote {name}.onnx", file=sys.stderr)


class Grouped(nn.Module):
    """Grouped (4 groups), depthwise and bias-free convolutions, as ResNeXt and MobileNet use them."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.grouped = nn.Conv2d(8, 16, 3, padding=1, groups=4, bias=False)
        self.depthwise = nn.Conv2d(16, 16, 3, stride=2, padding=1, groups=16)
        self.fc = nn.Linear(16, 5)

    def forward(self, x):
        x = F.relu(self.stem(x))
        x = F.relu(self.grouped(x))
        x = F.relu(self.depthwise(x))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def grouped(out):
    """grouped.onnx, and grouped-gradients.json: PyTorch's gradients of the mean cross-entropy on a
    seeded batch, by initializer name, for the JVM's training to be checked against."""
    torch.manual_seed(0)
    model = Grouped()
    path = os.path.join(out, "grouped.onnx")
    export(model, torch.zeros(1, 3, 16, 16), path, 13)
    x = torch.randn(4, 3, 16, 16)
    labels = torch.tensor([0, 3, 1, 4])
    F.cross_entropy(model(x), labels).backward()
    names = {i.name for i in onnx.load(path).graph.initializer}
    gradients = {name: p.grad.flatten().tolist() for name, p in model.named_parameters() if name in names}
    assert len(gradients) == len(list(model.parameters())), "the export renamed a parameter"
    with open(os.path.join(out, "grouped-gradients.json"), "w") as f:
        json.dump({"input_shape": list(x.shape), "input": x.flatten().tolist(), "labels": labels.tolist(),
                   "classes": 5, "loss": "mean cross-entropy", "gradients": gradients}, f)
    print("wrote grouped.onnx", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--big", help="write the big random-weight models to this directory, and nothing else")
    args = parser.parse_args()
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    if args.big:
        os.makedirs(args.big, exist_ok=True)
        big(args.big)
        grouped(args.big)
        return
    torch.manual_seed(0)
    x_train, y_train, x_test, y_test = fashion_mnist()
    x_calib = x_train[:1000]
    reference = {}
    example = torch.zeros(1, 1, 28, 28)

    mlp = Mlp()
    train(mlp, x_train, y_train, epochs=5, lr=2e-3, flat=True)
    reference["mlp.onnx"] = {"float": accuracy(mlp, x_test, y_test, flat=True)}
    export(mlp, torch.zeros(1, 784), os.path.join(args.out, "mlp.onnx"), 11)
    op_zoo_mlp(mlp, os.path.join(args.out, "mlp-ext.onnx"))

    cnn = Cnn()
    train(cnn, x_train, y_train, epochs=4, lr=2e-3, flat=False)
    reference["cnn.onnx"] = {"float": accuracy(cnn, x_test, y_test, False),
                             "pytorch_w8a8": static_ptq(cnn, x_calib, x_test, y_test)}
    reference["cnn-tf.onnx"] = {"float": reference["cnn.onnx"]["float"]}
    export(cnn, example, os.path.join(args.out, "cnn.onnx"), 13)
    tf_style_cnn(cnn, os.path.join(args.out, "cnn-tf.onnx"))

    resnet = ResNet()
    train(resnet, x_train, y_train, epochs=4, lr=2e-3, flat=False)
    resnet_reference = {"float": accuracy(resnet, x_test, y_test, False),
                        "pytorch_w8a8": static_ptq(resnet, x_calib, x_test, y_test)}
    reference["resnet.onnx"] = resnet_reference
    reference["resnet-bn.onnx"] = resnet_reference
    export(resnet, example, os.path.join(args.out, "resnet.onnx"), 13)
    export(resnet, example, os.path.join(args.out, "resnet-bn.onnx"), 13, bn_kept=True)

    with open(os.path.join(args.out, "reference.json"), "w") as f:
        json.dump({"generated_by": "models/make_models.py", "torch": torch.__version__,
                   "test_images": len(x_test), "calibration_images": len(x_calib),
                   "accuracy_percent": reference}, f, indent=2)
        f.write("\n")
    print(json.dumps(reference, indent=2), file=sys.stderr)


if __name__ == "__main__":
    main()
