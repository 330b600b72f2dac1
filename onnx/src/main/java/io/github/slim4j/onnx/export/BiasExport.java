package io.github.slim4j.onnx.export;

import io.github.slim4j.onnx.graph.TensorData;
import io.github.slim4j.onnx.graph.Attributes;
import io.github.slim4j.onnx.proto.OnnxProto.AttributeProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.util.List;
import java.util.Optional;

/**
 * The float bias of a Conv or Gemm whose input and weight are both quantized, quantized to int32 as
 * ONNX Runtime's own quantizer does ({@code round(b / (s_x · s_w))} with round-half-even, scale
 * {@code s_x · s_w} per output channel, zero point 0): ONNX Runtime fuses the node into QLinearConv
 * or QGemm only when its bias comes through an int32 DequantizeLinear too. The bias moves by at most
 * half of {@code s_x · s_w}, a small fraction of one step of the output's grid.
 */
final class BiasExport {
    private BiasExport() {
    }

    static void write(GraphEditor editor, ExportedTensors report) {
        for (NodeProto.Builder node : List.copyOf(editor.nodes())) {
            if ((node.getOpType().equals("Conv") || node.getOpType().equals("Gemm")) && node.getInputCount() == 3) {
                quantizeBias(editor, node, report);
            }
        }
    }

    private static void quantizeBias(GraphEditor editor, NodeProto.Builder node, ExportedTensors report) {
        Optional<float[]> inputScale = dequantizeScale(editor, node.getInput(0));
        Optional<float[]> weightScale = dequantizeScale(editor, node.getInput(1));
        String bias = node.getInput(2);
        TensorProto values = editor.initializer(bias);
        if (inputScale.isEmpty() || weightScale.isEmpty() || inputScale.get().length != 1 || values == null
                || values.getDimsCount() != 1 || editor.consumers(bias).size() != 1) {
            return;
        }
        float[] b = TensorData.of(values).floats();
        float[] w = weightScale.get();
        if (b == null || (w.length != 1 && w.length != b.length)) {
            return;
        }
        float[] scales = new float[b.length];
        int[] codes = new int[b.length];
        for (int c = 0; c < b.length; c++) {
            scales[c] = inputScale.get()[0] * w[w.length == 1 ? 0 : c];
            double code = Math.rint(b[c] / scales[c]);
            codes[c] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, code));
        }
        editor.removeInitializer(bias);
        String quantized = editor.fresh(bias + "_quantized");
        String scale = editor.fresh(bias + "_scale");
        String zeroPoint = editor.fresh(bias + "_zero_point");
        long[] shape = {b.length};
        editor.putInitializer(Tensors.ints(quantized, shape, codes));
        editor.putInitializer(Tensors.floats(scale, shape, scales));
        editor.putInitializer(Tensors.ints(zeroPoint, shape, new int[b.length]));
        editor.addLeading(GraphEditor.node("DequantizeLinear", editor.fresh(bias + "_DequantizeLinear"),
                List.of(quantized, scale, zeroPoint), List.of(bias), Attributes.ofInt("axis", 0)));
        report.add(new ExportedTensor(bias, "bias", "int32 per channel", (long) b.length * 12));
    }

    /** The scales of the DequantizeLinear node that writes the value, if one does. */
    private static Optional<float[]> dequantizeScale(GraphEditor editor, String value) {
        NodeProto.Builder producer = editor.producer(value);
        NodeProto dequantize = producer != null ? producer.build() : editor.leadingProducer(value);
        if (dequantize == null || !dequantize.getOpType().equals("DequantizeLinear")) {
            return Optional.empty();
        }
        boolean blocked = dequantize.getAttributeList().stream().map(AttributeProto::getName).anyMatch("block_size"::equals);
        TensorProto scale = editor.initializer(dequantize.getInput(1));
        return blocked || scale == null ? Optional.empty() : Optional.ofNullable(TensorData.of(scale).floats());
    }
}
