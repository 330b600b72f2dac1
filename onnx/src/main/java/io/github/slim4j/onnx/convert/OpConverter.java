package io.github.slim4j.onnx.convert;

import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;

/** Turns one ONNX node (and any nodes it fuses) into DL4J vertices, through the conversion's state. */
@FunctionalInterface
interface OpConverter {
    void convert(NodeProto node, Conversion conversion);
}
