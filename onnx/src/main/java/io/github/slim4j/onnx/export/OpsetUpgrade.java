package io.github.slim4j.onnx.export;

import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.proto.OnnxProto.AttributeProto;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.OperatorSetIdProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Raises a model's default-domain opset to what its quantization nodes need: 13 for per-channel
 * DequantizeLinear, 21 for int4, int16 and blocked codes. Among the operators slim4j imports, only
 * Dropout (its ratio became an input in 12) and Squeeze/Unsqueeze (their axes became an input in 13)
 * changed form on the way; the rest read the same in every opset from 11 to 21. IR version 10
 * comes with opset 21 (int4 is an IR 10 type).
 */
final class OpsetUpgrade {
    private OpsetUpgrade() {
    }

    static ModelProto to(ModelProto model, GraphEditor editor, long target) {
        long from = OnnxFile.opset(model);
        if (target <= from) {
            return model.toBuilder().setGraph(editor.build()).build();
        }
        for (NodeProto.Builder node : editor.nodes()) {
            switch (node.getOpType()) {
                case "Dropout" -> removeAttribute(node, "ratio");
                case "Squeeze", "Unsqueeze" -> {
                    if (from < 13) {
                        axesToInput(editor, node);
                    }
                }
                default -> {
                }
            }
        }
        ModelProto.Builder upgraded = model.toBuilder().setGraph(editor.build());
        for (int i = 0; i < upgraded.getOpsetImportCount(); i++) {
            OperatorSetIdProto opset = upgraded.getOpsetImport(i);
            if (opset.getDomain().isEmpty() || opset.getDomain().equals("ai.onnx")) {
                upgraded.setOpsetImport(i, opset.toBuilder().setVersion(target));
            }
        }
        long ir = target >= 21 ? 10 : target >= 13 ? 7 : upgraded.getIrVersion();
        upgraded.setIrVersion(Math.max(upgraded.getIrVersion(), ir));
        return upgraded.build();
    }

    private static void removeAttribute(NodeProto.Builder node, String name) {
        for (int i = node.getAttributeCount() - 1; i >= 0; i--) {
            if (node.getAttribute(i).getName().equals(name)) {
                node.removeAttribute(i);
            }
        }
    }

    private static void axesToInput(GraphEditor editor, NodeProto.Builder node) {
        for (int i = 0; i < node.getAttributeCount(); i++) {
            AttributeProto attribute = node.getAttribute(i);
            if (attribute.getName().equals("axes")) {
                String axes = editor.fresh(node.getName() + "_axes");
                long[] values = attribute.getIntsList().stream().mapToLong(Long::longValue).toArray();
                editor.putInitializer(Tensors.raw(axes, new long[] {values.length}, TensorProto.DataType.INT64_VALUE,
                        longs(values)));
                node.removeAttribute(i);
                node.addInput(axes);
                return;
            }
        }
    }

    private static byte[] longs(long[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return bytes.array();
    }
}
