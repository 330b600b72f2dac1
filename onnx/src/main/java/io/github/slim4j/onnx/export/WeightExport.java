package io.github.slim4j.onnx.export;

import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.QuantizedTensor;
import io.github.slim4j.onnx.convert.OnnxOrigin;
import io.github.slim4j.onnx.proto.OnnxProto.AttributeProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes one of the model's tensors back into the ONNX graph where it came from: as float32 values
 * (pruned zeros and all), or, when it is quantized, as integer codes with a
 * {@code DequantizeLinear} node that gives the same name its dequantized values. A tensor that
 * still holds exactly what the file held keeps its original form, so a model loaded and exported
 * unchanged comes back as it was.
 */
final class WeightExport {
    private WeightExport() {
    }

    /** @return the opset the written form needs */
    static int write(GraphEditor editor, OnnxOrigin.Source source, ParamTensor tensor, Optional<QuantizedTensor> record,
            ExportedTensors report) {
        String name = source.name();
        String kind = tensor.kind().name().toLowerCase(Locale.ROOT);
        boolean shared = !name.equals(source.initializer());
        if (shared) {
            TensorProto original = editor.initializer(source.initializer());
            if (record.isEmpty() && original != null && sameFloats(original, Tensors.floats(name, tensor.values()))) {
                // Still equal to the tensor it shares: it stays shared, as in the file.
                report.add(new ExportedTensor(name, kind, "float32 (shared with " + source.initializer() + ")", 0));
                return 0;
            }
            // A second reader of a shared initializer gets a tensor of its own.
            for (NodeProto.Builder node : editor.nodes()) {
                if (source.nodes().contains(node.getName())) {
                    GraphEditor.rewire(node, source.initializer(), name);
                }
            }
        }
        if (record.isEmpty()) {
            TensorProto values = Tensors.floats(name, tensor.values());
            TensorProto original = editor.initializer(name);
            if (original != null && sameFloats(original, values)) {
                values = original;
            }
            putFloat(editor, name, values);
            report.add(new ExportedTensor(name, kind, "float32", tensor.length() * Float.BYTES));
            return 0;
        }
        QuantizedTensor quantized = record.get();
        IntegerFormat format = (IntegerFormat) quantized.format();
        CodeType type = ExportableFormats.codeType(name, format);
        removeSource(editor, name);
        int opset = QdqTensors.addWeight(editor, name, quantized, format, type);
        report.add(new ExportedTensor(name, kind, type.name().toLowerCase(Locale.ROOT) + " " + granularity(quantized),
                quantized.storageBits() / Byte.SIZE));
        return opset;
    }

    /** Float values under the name: in its initializer, or in the Constant node that held it. */
    private static void putFloat(GraphEditor editor, String name, TensorProto values) {
        NodeProto.Builder constant = editor.producer(name);
        if (constant != null && constant.getOpType().equals("Constant")) {
            for (int i = 0; i < constant.getAttributeCount(); i++) {
                if (constant.getAttribute(i).getName().equals("value")) {
                    constant.setAttribute(i, AttributeProto.newBuilder(constant.getAttribute(i)).setT(values));
                    return;
                }
            }
        }
        editor.putInitializer(values);
    }

    /** Frees the name for the DequantizeLinear node's output. */
    private static void removeSource(GraphEditor editor, String name) {
        editor.removeInitializer(name);
        NodeProto.Builder constant = editor.producer(name);
        if (constant != null && constant.getOpType().equals("Constant")) {
            editor.removeNode(constant);
        }
    }

    private static boolean sameFloats(TensorProto original, TensorProto values) {
        return original.getDataType() == TensorProto.DataType.FLOAT_VALUE && original.getDimsList().equals(values.getDimsList())
                && original.hasRawData() && original.getRawData().equals(values.getRawData());
    }

    private static String granularity(QuantizedTensor quantized) {
        var qparams = quantized.qparams().orElseThrow();
        if (qparams.groupSize() > 0) {
            return "per group of " + qparams.groupSize();
        }
        return qparams.axis() >= 0 ? "per channel (axis " + qparams.axis() + ")" : "per tensor";
    }
}
