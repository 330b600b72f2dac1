package io.github.slim4j.onnx.parity;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.calib.inference.ActivationQuantization;
import io.github.slim4j.core.calib.inference.FakeQuantLayer;
import io.github.slim4j.core.calib.inference.FakeQuantLayers;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.network.BatchLoop;
import io.github.slim4j.core.network.Network;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.quant.QuantizedTensor;
import io.github.slim4j.core.quant.Quantizations;
import io.github.slim4j.onnx.convert.OnnxOrigin;
import io.github.slim4j.onnx.export.ExportedActivation;
import io.github.slim4j.onnx.export.ExportedModel;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import io.github.slim4j.onnx.runtime.ExposedOutputs;
import io.github.slim4j.onnx.runtime.OrtModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The simulated quantized network against the exported file run in ONNX Runtime, on the same
 * batches: at every quantized activation, the runtime's integer codes (exposed as extra graph
 * outputs between QuantizeLinear and DequantizeLinear, where they survive ONNX Runtime's fusion
 * into integer kernels) against the codes of the simulation's fake-quantized values; and the top-1
 * classes of both. A code one step off is rounding (float sums in another order); more is a real
 * difference, such as ONNX Runtime's u8 × s8 kernels saturating.
 */
public final class Parity {
    private static final String TASK = "parity";

    private Parity() {
    }

    /**
     * @param simulated the simulated network ({@code %quantize --activations}): fake-quantized points named {@code P/aq}
     * @param exported that network's export
     */
    public static ParityReport measure(ComputationGraph simulated, ExportedModel exported, DataSetIterator data, long maxBatches,
            ProgressListener progress) {
        ModelHandle model = ModelHandle.of(simulated);
        OnnxOrigin origin = OnnxOrigin.of(simulated).orElseThrow(() -> new Slim4jException("parity needs a model imported from ONNX"));
        Map<String, String> jvmVertices = fakeQuantVertices(model, origin);
        if (exported.activations().isEmpty()) {
            throw new Slim4jException("the model quantizes no activations, so there are no codes to compare; calibrate it first "
                    + "(%calibrate MODEL --data ITER)");
        }
        Map<String, PointParity> points = new LinkedHashMap<>();
        List<String> outputs = new ArrayList<>(List.of(origin.output()));
        Map<String, Integer> codeTypes = new LinkedHashMap<>();
        Map<String, String> weights = weightFormats(model);
        for (ExportedActivation activation : exported.activations()) {
            if (!jvmVertices.containsKey(activation.point())) {
                throw new Slim4jException("point " + activation.point() + " is quantized in the export but not in the simulated network");
            }
            points.put(activation.point(), new PointParity(activation.point(), activation.value(), producer(origin, activation),
                    weights.getOrDefault(activation.point(), ""), activation.quantization().scale(), 0, 0, 0));
            outputs.add(activation.codes());
            codeTypes.put(activation.codes(), activation.quantization().format().signed()
                    ? TensorProto.DataType.INT8_VALUE : TensorProto.DataType.UINT8_VALUE);
        }
        Network network = Network.of(model, TASK);
        long total = BatchLoop.batchesPerPass(data);
        Counts counts = new Counts();
        try (OrtModel runtime = OrtModel.of(ExposedOutputs.of(exported.model(), codeTypes), 0)) {
            BatchLoop.start(data);
            boolean complete = BatchLoop.run(data, maxBatches, batch -> {
                network.checkWidths(new DataSet(batch.getFeatures(), null));
                Map<String, INDArray> jvm = simulated.feedForward(batch.getFeatures(), false);
                Map<String, INDArray> ort = runtime.run(batch.getFeatures(), outputs);
                for (ExportedActivation activation : exported.activations()) {
                    compare(points, activation, jvm.get(jvmVertices.get(activation.point())), ort.get(activation.codes()));
                }
                counts.add(simulated.output(batch.getFeatures())[0], ort.get(origin.output()), batch.getLabels());
                progress.progress(counts.batches, total < 0 ? -1 : Math.min(total, maxBatches), "batch " + counts.batches);
            });
            return new ParityReport(new ArrayList<>(points.values()), counts.examples, counts.agreeing, counts.correctSimulated,
                    counts.correctRuntime, complete, CpuFeatures.hasVnni());
        }
    }

    /** The inserted fake-quantization vertex of each point: {@code P/aq}. */
    private static Map<String, String> fakeQuantVertices(ModelHandle model, OnnxOrigin origin) {
        Map<String, String> vertices = new LinkedHashMap<>();
        FakeQuantLayers.input(model).ifPresent(input -> vertices.put(origin.input(), origin.input() + FakeQuantLayer.SUFFIX));
        for (FakeQuantLayer layer : FakeQuantLayers.of(model)) {
            vertices.put(layer.point(), layer.name());
        }
        if (vertices.isEmpty()) {
            throw new Slim4jException("parity compares a simulated quantized network with its export; make one with "
                    + "%quantize MODEL --activations after %calibrate");
        }
        return vertices;
    }

    private static void compare(Map<String, PointParity> points, ExportedActivation activation, INDArray simulated, INDArray codes) {
        ActivationQuantization quantization = activation.quantization();
        float[] values = simulated.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] runtime = codes.dup('c').data().asFloat();
        float scale = quantization.scale();
        int zeroPoint = quantization.zeroPoint();
        long off = 0;
        long worst = 0;
        for (int i = 0; i < values.length; i++) {
            long code = (long) Math.rint(values[i] / scale) + zeroPoint;
            long steps = Math.abs(code - (long) runtime[i]);
            if (steps >= 1) {
                off++;
                worst = Math.max(worst, steps);
            }
        }
        points.put(activation.point(), points.get(activation.point()).plus(values.length, off, worst));
    }

    private static String producer(OnnxOrigin origin, ExportedActivation activation) {
        if (activation.value().equals(origin.input())) {
            return "input";
        }
        for (NodeProto node : origin.model().getGraph().getNodeList()) {
            if (node.getName().equals(activation.point())) {
                return node.getOpType();
            }
        }
        return "";
    }

    /** The weight format of each layer whose weights are quantized, by vertex. */
    private static Map<String, String> weightFormats(ModelHandle model) {
        Map<String, QuantizedTensor> records = Quantizations.of(model);
        Map<String, String> formats = new LinkedHashMap<>();
        for (ParamTensor tensor : model.parameters()) {
            QuantizedTensor record = records.get(tensor.qualifiedName());
            if (record != null && tensor.kind().isWeight()) {
                formats.put(tensor.layer(), record.format().name());
            }
        }
        return formats;
    }

    /** Top-1 agreement and accuracy over the batches. */
    private static final class Counts {
        long batches;
        long examples;
        long agreeing;
        long correctSimulated;
        long correctRuntime;

        void add(INDArray simulated, INDArray runtime, INDArray labels) {
            INDArray simulatedClass = simulated.argMax(1);
            INDArray runtimeClass = runtime.argMax(1);
            INDArray truth = labels == null ? null : labels.argMax(1);
            for (long i = 0; i < simulatedClass.length(); i++) {
                long s = simulatedClass.getLong(i);
                long r = runtimeClass.getLong(i);
                agreeing += s == r ? 1 : 0;
                if (truth != null) {
                    correctSimulated += s == truth.getLong(i) ? 1 : 0;
                    correctRuntime += r == truth.getLong(i) ? 1 : 0;
                }
            }
            examples += simulatedClass.length();
            batches++;
        }
    }
}
