"""Writes the broken ONNX files that tests/notebooks/bad-magics.ipynb loads, next to this script.

Each file is broken in one way that %load must refuse with one clear line. Run with Debian's
interpreter (python3-onnx): /usr/bin/python3 tests/notebooks/bad-onnx/make_bad_onnx.py
"""

import os

import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "..", "..", "models")


def tiny(op="Relu", opset=13, initializer=None, **attributes):
    """x[batch, 4] -> Gemm(w) -> OP -> y: the smallest model the importer would take."""
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 4])
    w = initializer or helper.make_tensor("w", TensorProto.FLOAT, [4, 4], [0.5] * 16)
    nodes = [helper.make_node("Gemm", ["x", "w"], ["h"], name="fc"),
             helper.make_node(op, ["h"], ["y"], name="act", **attributes)]
    graph = helper.make_graph(nodes, "tiny", [x], [y], [w])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="make_bad_onnx")


def external(location):
    """The weight w stored in an external data file at LOCATION (relative to the model's folder)."""
    w = helper.make_tensor("w", TensorProto.FLOAT, [4, 4], [0.5] * 16)
    w.ClearField("float_data")
    w.data_location = TensorProto.EXTERNAL
    for key, value in (("location", location), ("offset", "0"), ("length", "64")):
        entry = w.external_data.add()
        entry.key, entry.value = key, value
    return tiny(initializer=w)


def save(model, name):
    with open(os.path.join(HERE, name), "wb") as out:
        out.write(model.SerializeToString())


def main():
    with open(os.path.join(MODELS, "mlp.onnx"), "rb") as mlp:
        whole = mlp.read()
    with open(os.path.join(HERE, "truncated.onnx"), "wb") as out:
        out.write(whole[:1000])
    with open(os.path.join(HERE, "empty.onnx"), "wb"):
        pass
    with open(os.path.join(HERE, "not-onnx.onnx"), "w") as out:
        out.write("# not a model\nThis file is text, not an ONNX protobuf.\n")
    save(tiny(), "valid.onnx")
    onnx.checker.check_model(onnx.load(os.path.join(HERE, "valid.onnx")))
    save(tiny(opset=9), "opset9.onnx")
    save(tiny(opset=18), "opset18.onnx")
    save(tiny(op="Erf"), "unsupported-op.onnx")
    save(external("missing.bin"), "external-missing.onnx")
    save(external("../../../models/mlp-ext.onnx.data"), "external-escaping.onnx")


if __name__ == "__main__":
    main()
