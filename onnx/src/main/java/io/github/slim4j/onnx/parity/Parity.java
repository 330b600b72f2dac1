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
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The simulated quantized network against the exported file run in ONNX Runtime, on the same
 * batches. At every quantized activation the runtime's integer codes (exposed as extra graph
 * outputs between QuantizeLinear and DequantizeLinear, where they survive ONNX Runtime's fusion into
 * integer kernels) are compared with the simulation's, twice: with the simulated layers fed the
 * runtime's own values at the points before ({@link SplitGraph}), which shows what each layer does
 * differently, and end to end, where a step's difference early on spreads to later layers. Then the
 * top-1 classes and accuracies of both. One step is rounding (float sums in another order, int32
 * biases); more is a real difference, such as ONNX Runtime's u8 × s8 kernels saturating.
 */
public final class Parity {
    private static final String TASK = "parity";

    private Parity() {
    }

    /**
     * @param simulated the simulated network ({@code %quantize --activations}), its points fake-quantized by {@code P/aq} vertices
     * @param exported that network's export
     */
    public static ParityReport measure(ComputationGraph simulated, ExportedModel exported, DataSetIterator data, long maxBatches,
            ProgressListener progress) {
        ModelHandle model = ModelHandle.of(simulated);
        OnnxOrigin origin = OnnxOrigin.of(simulated).orElseThrow(() -> new Slim4jException("parity needs a model imported from ONNX"));
        Map<String, String> fakeQuant = fakeQuantVertices(model, origin);
        if (exported.activations().isEmpty()) {
            throw new Slim4jException("the model quantizes no activations, so there are no codes to compare; calibrate it first "
                    + "(%calibrate MODEL --data ITER)");
        }
        SplitGraph split = SplitGraph.of(simulated, new ArrayList<>(fakeQuant.values()));
        Map<String, PointParity> points = new LinkedHashMap<>();
        Map<String, Integer> codeTypes = new LinkedHashMap<>();
        Map<String, String> weights = weightFormats(model);
        for (ExportedActivation activation : exported.activations()) {
            String vertex = fakeQuant.get(activation.point());
            if (vertex == null) {
                throw new Slim4jException("point " + activation.point() + " is quantized in the export but not in the simulated network");
            }
            List<String> segment = segment(simulated.getConfiguration(), vertex, fakeQuant.values());
            points.put(activation.point(), new PointParity(activation.point(), activation.value(), ops(origin, segment, activation),
                    String.join(", ", segment.stream().filter(weights::containsKey).map(weights::get).distinct().toList()),
                    activation.quantization().scale(), 0, 0, 0, 0, 0));
            codeTypes.put(activation.codes(), activation.quantization().format().signed()
                    ? TensorProto.DataType.INT8_VALUE : TensorProto.DataType.UINT8_VALUE);
        }
        List<String> outputs = new ArrayList<>(List.of(origin.output()));
        outputs.addAll(codeTypes.keySet());
        Network network = Network.of(model, TASK);
        long total = BatchLoop.batchesPerPass(data);
        Counts counts = new Counts();
        try (OrtModel runtime = OrtModel.of(ExposedOutputs.of(exported.model(), codeTypes), 0)) {
            BatchLoop.start(data);
            boolean complete = BatchLoop.run(data, maxBatches, batch -> {
                INDArray features = batch.getFeatures();
                network.checkWidths(new DataSet(features, null));
                Map<String, INDArray> ort = runtime.run(features, outputs);
                Map<String, INDArray> chained = simulated.feedForward(features, false);
                Map<String, INDArray> isolated = split.graph().feedForward(givenInputs(split, features, ort, exported, fakeQuant), false);
                for (ExportedActivation activation : exported.activations()) {
                    String vertex = fakeQuant.get(activation.point());
                    INDArray codes = ort.get(activation.codes());
                    points.put(activation.point(), points.get(activation.point()).plus(
                            difference(isolated.get(vertex), codes, activation.quantization()),
                            difference(chained.get(vertex), codes, activation.quantization())));
                }
                counts.add(simulated.output(features)[0], ort.get(origin.output()), batch.getLabels());
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

    /** The split graph's inputs: the batch, and at each point the values ONNX Runtime dequantizes there. */
    private static INDArray[] givenInputs(SplitGraph split, INDArray features, Map<String, INDArray> ort, ExportedModel exported,
            Map<String, String> fakeQuant) {
        Map<String, INDArray> given = new LinkedHashMap<>();
        for (ExportedActivation activation : exported.activations()) {
            ActivationQuantization quantization = activation.quantization();
            INDArray codes = ort.get(activation.codes());
            given.put(fakeQuant.get(activation.point()) + SplitGraph.GIVEN,
                    codes.sub(quantization.zeroPoint()).muli(quantization.scale()).castTo(DataType.FLOAT));
        }
        return split.inputs().stream().map(input -> given.getOrDefault(input, features)).toArray(INDArray[]::new);
    }

    /** Codes of the simulated values against the runtime's. */
    private static PointParity.Difference difference(INDArray simulated, INDArray codes, ActivationQuantization quantization) {
        float[] values = simulated.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] runtime = codes.dup('c').data().asFloat();
        float scale = quantization.scale();
        int zeroPoint = quantization.zeroPoint();
        long off = 0;
        long worst = 0;
        for (int i = 0; i < values.length; i++) {
            long steps = Math.abs((long) Math.rint(values[i] / scale) + zeroPoint - (long) runtime[i]);
            if (steps >= 1) {
                off++;
                worst = Math.max(worst, steps);
            }
        }
        return new PointParity.Difference(values.length, off, worst);
    }

    /** The vertices that compute a fake-quantized point from the points before it, in order. */
    private static List<String> segment(ComputationGraphConfiguration conf, String fakeQuantVertex, Collection<String> stops) {
        Set<String> found = new LinkedHashSet<>();
        List<String> open = new ArrayList<>(conf.getVertexInputs().get(fakeQuantVertex));
        while (!open.isEmpty()) {
            String vertex = open.remove(open.size() - 1);
            if (stops.contains(vertex) || !conf.getVertices().containsKey(vertex) || !found.add(vertex)) {
                continue;
            }
            open.addAll(conf.getVertexInputs().getOrDefault(vertex, List.of()));
        }
        List<String> ordered = new ArrayList<>(found);
        Collections.reverse(ordered);
        return ordered;
    }

    /** The ONNX operators of a segment's vertices, e.g. "Conv → Relu"; "input" for the model input. */
    private static String ops(OnnxOrigin origin, List<String> segment, ExportedActivation activation) {
        if (activation.value().equals(origin.input())) {
            return "input";
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (NodeProto node : origin.model().getGraph().getNodeList()) {
            types.put(node.getName(), node.getOpType());
        }
        return String.join(" → ", segment.stream().filter(types::containsKey).map(types::get).toList());
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
