package io.github.slim4j.onnx.export;

import io.github.slim4j.core.calib.inference.ActivationQuantization;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.quant.QuantizedTensor;
import io.github.slim4j.core.quant.Quantizations;
import io.github.slim4j.onnx.OnnxException;
import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.convert.OnnxOrigin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * An imported model written back as ONNX, with what the notebook did to it: trained and pruned
 * weights as float32, quantized weights as integer codes behind DequantizeLinear, and calibrated
 * activations as QuantizeLinear/DequantizeLinear pairs that ONNX Runtime fuses into integer
 * kernels. The ONNX model it was imported from is the template: node names and order, opset (raised
 * only when a quantization needs it), metadata, and every tensor the graph does not hold stay as
 * they were. Every format is checked before anything is built, so a refused export writes nothing.
 */
public final class OnnxExport {
    /** Per-channel DequantizeLinear, and the QDQ form ONNX Runtime fuses, start here. */
    private static final int QDQ_OPSET = 13;

    private OnnxExport() {
    }

    /**
     * @throws OnnxException when the graph was not imported from ONNX, or holds a format ONNX
     *     Runtime cannot run (naming the tensor, the format and what to do instead)
     */
    public static ExportedModel export(ComputationGraph graph, ExportOptions options) {
        OnnxOrigin origin = OnnxOrigin.of(graph).orElseThrow(() -> new OnnxException(
                "only a model imported from ONNX (%load NAME FILE.onnx) can be exported to ONNX; this ComputationGraph was built on the JVM"));
        ModelHandle model = ModelHandle.of(graph);
        Map<String, QuantizedTensor> records = options.floatWeights() ? Map.of() : Quantizations.of(model);
        records.forEach((name, record) -> ExportableFormats.codeType(name, record.format()));
        Map<String, ActivationQuantization> activations = options.floatWeights() ? Map.of() : ActivationPlan.of(model, origin.input());
        Map<String, String> values = new LinkedHashMap<>();
        for (String point : activations.keySet()) {
            String value = point.equals(origin.input()) ? origin.input() : origin.vertexOutputs().get(point);
            if (value == null) {
                throw new OnnxException("cannot export activation quantization point " + point + ": it is no ONNX value of "
                        + origin.source());
            }
            values.put(point, value);
        }

        GraphEditor editor = new GraphEditor(origin.model().getGraph());
        ExportedTensors report = new ExportedTensors();
        Map<String, ParamTensor> tensors = new LinkedHashMap<>();
        model.parameters().forEach(tensor -> tensors.put(tensor.qualifiedName(), tensor));
        long opset = OnnxFile.opset(origin.model());
        for (OnnxOrigin.Source source : origin.sources()) {
            ParamTensor tensor = tensors.get(source.name());
            opset = Math.max(opset, WeightExport.write(editor, source, tensor, Optional.ofNullable(records.get(source.name())), report));
        }
        List<ExportedActivation> exported = new ArrayList<>();
        for (Map.Entry<String, ActivationQuantization> point : activations.entrySet()) {
            String value = values.get(point.getKey());
            exported.add(ActivationExport.write(editor, point.getKey(), value, value.equals(origin.input()), point.getValue(), report));
            opset = Math.max(opset, CodeType.of(point.getValue().format()).opset());
        }
        if (!activations.isEmpty()) {
            BiasExport.write(editor, report);
        }
        long original = OnnxFile.opset(origin.model());
        if (!records.isEmpty() || !activations.isEmpty()) {
            opset = Math.max(opset, QDQ_OPSET);
        }
        return new ExportedModel(OpsetUpgrade.to(origin.model(), editor, opset), report.rows(), exported, opset, original);
    }
}
