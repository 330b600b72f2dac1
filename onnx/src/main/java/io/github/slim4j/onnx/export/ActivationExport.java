package io.github.slim4j.onnx.export;

import io.github.slim4j.core.calib.inference.ActivationQuantization;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.onnx.OnnxException;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A QuantizeLinear/DequantizeLinear pair on one activation, with the scale and zero point its
 * calibration chose: where ONNX Runtime fuses the pairs around Conv, Gemm, MatMul and Add into
 * QLinearConv, QGemm, QLinearMatMul and QLinearAdd, and runs integer kernels.
 *
 * <p>A value X that a node writes becomes {@code X_float} → Q → {@code X_quantized} → DQ → X, so
 * every reader, and the graph output if X is one, keeps its name. The model input keeps its name
 * too: it goes through Q and DQ into {@code input_dequantized}, which its readers then read.
 */
final class ActivationExport {
    private ActivationExport() {
    }

    /** @return where the codes are */
    static ExportedActivation write(GraphEditor editor, String point, String value, boolean isInput, ActivationQuantization quantization,
            ExportedTensors report) {
        IntegerFormat format = quantization.format();
        CodeType type = CodeType.of(format);
        if (type == null || format.bits() == 7 || type == CodeType.INT4 || type == CodeType.UINT4) {
            throw new OnnxException("cannot export activation " + value + " as " + format.name() + ": ONNX Runtime quantizes "
                    + "activations to 8 or 16 bits; calibrate with --bits 8 (or --dtype int8|uint8)");
        }
        List<String> parameters = QdqTensors.addActivationParameters(editor, value, quantization.scale(), quantization.zeroPoint(), type);
        String quantized = editor.fresh(value + "_quantized");
        String source;
        String result;
        if (isInput) {
            source = value;
            result = editor.fresh(value + "_dequantized");
            editor.rewireConsumers(value, result);
        } else {
            NodeProto.Builder producer = editor.producer(value);
            if (producer == null) {
                throw new OnnxException("cannot export activation " + value + ": no node writes it");
            }
            source = editor.fresh(value + "_float");
            for (int i = 0; i < producer.getOutputCount(); i++) {
                if (producer.getOutput(i).equals(value)) {
                    producer.setOutput(i, source);
                }
            }
            result = value;
        }
        List<String> quantizeInputs = new ArrayList<>(List.of(source));
        quantizeInputs.addAll(parameters);
        List<String> dequantizeInputs = new ArrayList<>(List.of(quantized));
        dequantizeInputs.addAll(parameters);
        editor.addAfterProducerOf(source,
                GraphEditor.node("QuantizeLinear", editor.fresh(value + "_QuantizeLinear"), quantizeInputs, List.of(quantized)),
                GraphEditor.node("DequantizeLinear", editor.fresh(value + "_DequantizeLinear"), dequantizeInputs, List.of(result)));
        report.add(new ExportedTensor(value, isInput ? "input" : "activation", type.name().toLowerCase(Locale.ROOT) + " QDQ", 5));
        return new ExportedActivation(point, value, quantized, quantization);
    }
}
