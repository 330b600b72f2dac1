package io.github.slim4j.onnx.export;

import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.QParams;
import io.github.slim4j.core.quant.QuantizedTensor;
import io.github.slim4j.onnx.convert.OnnxOrigin;
import io.github.slim4j.onnx.graph.TensorData;
import io.github.slim4j.onnx.proto.OnnxProto.AttributeProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes one of the model's tensors back into the ONNX graph where it came from: as float32 values
 * (pruned zeros and all), or, when it is quantized, as integer codes with a
 * {@code DequantizeLinear} node that gives the same name its dequantized values. A tensor that
 * still holds exactly what the file held keeps its original form (an initializer, a Constant node,
 * or an Identity node passing a shared initializer on), so a model loaded and exported unchanged
 * comes back as it was.
 */
final class WeightExport {
    private WeightExport() {
    }

    /** @return the opset the written form needs */
    static int write(GraphEditor editor, OnnxOrigin.Source source, ParamTensor tensor, Optional<QuantizedTensor> record,
            ExportedTensors report) {
        String name = source.name();
        String kind = tensor.kind().name().toLowerCase(Locale.ROOT);
        TensorProto values = Tensors.floats(name, tensor.values());
        boolean shared = !name.equals(source.initializer());
        if (record.isEmpty() && same(stored(editor, source.initializer()), values)) {
            report.add(new ExportedTensor(name, kind, shared ? "float32 (shared with " + source.initializer() + ")" : "float32",
                    shared ? 0 : tensor.length() * Float.BYTES));
            return 0;
        }
        if (shared) {
            // A second reader of a shared initializer gets a tensor of its own.
            for (NodeProto.Builder node : editor.nodes()) {
                if (source.nodes().contains(node.getName())) {
                    GraphEditor.rewire(node, source.initializer(), name);
                }
            }
        } else {
            removeSource(editor, name);
        }
        if (record.isEmpty()) {
            editor.putInitializer(values);
            report.add(new ExportedTensor(name, kind, "float32", tensor.length() * Float.BYTES));
            return 0;
        }
        QuantizedTensor quantized = record.get();
        IntegerFormat format = (IntegerFormat) quantized.format();
        CodeType type = ExportableFormats.codeType(name, format);
        int opset = QdqTensors.addWeight(editor, name, quantized, format, type);
        report.add(new ExportedTensor(name, kind, type.name().toLowerCase(Locale.ROOT) + " " + granularity(quantized),
                quantized.storageBits() / Byte.SIZE));
        return opset;
    }

    /**
     * What the ONNX graph holds under the name: an initializer, a Constant node's value, or what an
     * Identity node passes on; null when it is none of these.
     */
    private static TensorProto stored(GraphEditor editor, String name) {
        TensorProto initializer = editor.initializer(name);
        if (initializer != null) {
            return initializer;
        }
        NodeProto.Builder producer = editor.producer(name);
        if (producer == null) {
            return null;
        }
        if (producer.getOpType().equals("Constant")) {
            return producer.getAttributeList().stream().filter(a -> a.getName().equals("value")).findFirst()
                    .map(AttributeProto::getT).orElse(null);
        }
        return producer.getOpType().equals("Identity") ? stored(editor, producer.getInput(0)) : null;
    }

    /** Frees the name for the new initializer or DequantizeLinear output: drops what held it. */
    private static void removeSource(GraphEditor editor, String name) {
        editor.removeInitializer(name);
        NodeProto.Builder producer = editor.producer(name);
        if (producer != null && (producer.getOpType().equals("Constant") || producer.getOpType().equals("Identity"))) {
            editor.removeNode(producer);
        }
    }

    /** Whether the stored tensor holds exactly these float32 values, bit for bit. */
    private static boolean same(TensorProto stored, TensorProto values) {
        if (stored == null || stored.getDataType() != TensorProto.DataType.FLOAT_VALUE
                || !stored.getDimsList().equals(values.getDimsList())) {
            return false;
        }
        if (stored.hasRawData()) {
            return stored.getRawData().equals(values.getRawData());
        }
        float[] old = TensorData.of(stored).floats();
        float[] now = TensorData.of(values).floats();
        for (int i = 0; i < old.length; i++) {
            if (Float.floatToRawIntBits(old[i]) != Float.floatToRawIntBits(now[i])) {
                return false;
            }
        }
        return true;
    }

    private static String granularity(QuantizedTensor quantized) {
        QParams qparams = quantized.qparams().orElseThrow();
        if (qparams.groupSize() > 0) {
            return "per group of " + qparams.groupSize();
        }
        return qparams.axis() >= 0 ? "per channel (axis " + qparams.axis() + ")" : "per tensor";
    }
}
