package io.github.slim4j.core.calib.qat;

import static io.github.slim4j.core.ByHand.bits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.TestGraphs;
import io.github.slim4j.core.calib.ActivationCalibration;
import io.github.slim4j.core.calib.MinMax;
import io.github.slim4j.core.calib.inference.ActivationCapture;
import io.github.slim4j.core.calib.inference.ActivationQuantization;
import io.github.slim4j.core.calib.inference.SimulatedQuantization;
import io.github.slim4j.core.eval.ModelEvaluator;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.quant.Granularity;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.LayerFormats;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.QuantizedTensor;
import io.github.slim4j.core.quant.Quantizations;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.Scheme;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.core.train.Trainer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class GraphQuantizationAwareTrainingTest {
    private static final WeightFormat INT4 = WeightFormat.parse("int4");

    /**
     * One step on one batch, worked out with DL4J's own step on a clone: the float masters start as
     * the weights the graph holds, W_q, and the step computes with their quantization afresh,
     * deq(q(W_q)) (which for a symmetric grid need not be W_q); the step's update u is added to the
     * masters, and the graph ends holding deq(q(W_q + u)). Everything else is what DL4J's step left.
     */
    @Test
    void aStepOnTheSimulatedResidualCnnAddsDl4jsUpdateToTheMastersAndRequantizesThem() {
        DataSetIterator data = TestGraphs.images(16, 16, 4);
        ModelHandle model = simulatedInt4(TestGraphs.residualCnn(3), data);
        Map<String, QuantizedTensor> records = Quantizations.of(model);
        data.reset();
        DataSet batch = data.next();
        ComputationGraph reference = ((ComputationGraph) model.unwrap()).clone();
        Map<String, INDArray> held = new HashMap<>();
        Map<String, INDArray> start = new HashMap<>();
        for (ParamTensor tensor : ModelHandle.of(reference).parameters()) {
            if (records.containsKey(tensor.qualifiedName())) {
                held.put(tensor.qualifiedName(), tensor.values().dup());
                tensor.values().assign(INT4.quantize(tensor.values(), tensor.axes()).dequantize());
                start.put(tensor.qualifiedName(), tensor.values().dup());
            }
        }
        reference.fit(batch);

        QatResult result = QuantizationAwareTraining.train(model, new ListDataSetIterator<>(List.of(batch), 16), 1, ProgressListener.NONE);

        assertTrue(result.complete());
        assertEquals(List.of("stem_W", "conv_W", "fc_W", "out_W"), List.copyOf(records.keySet()));
        for (ParamTensor tensor : model.parameters()) {
            INDArray stepped = reference.getLayer(tensor.layer()).getParam(tensor.key());
            String name = tensor.qualifiedName();
            INDArray expected = records.containsKey(name)
                    ? INT4.quantize(held.get(name).add(stepped.sub(start.get(name))), tensor.axes()).dequantize()
                    : stepped;
            assertArrayEquals(bits(expected), bits(tensor.values()), name);
        }
        assertEquals(records.keySet(), Quantizations.of(model).keySet(), "every weight keeps a current record");
    }

    @Test
    void trainingThroughInt2WeightsWinsBackLossOnTheGraph() {
        DataSetIterator data = TestGraphs.images(200, 50, 8);
        ComputationGraph graph = TestGraphs.residualCnn(6);
        Trainer.fit(ModelHandle.of(graph), data, 5, ProgressListener.NONE);
        ModelHandle model = ModelHandle.of(graph);
        Quantizer.quantize(model, new QuantizeSpec(WeightFormat.parse("int2:tensor"), LayerFormats.none(), Selection.weights()));
        double before = loss(model, data);

        QatResult result = QuantizationAwareTraining.train(model, data, 2, ProgressListener.NONE);

        assertTrue(result.complete());
        assertEquals(2, result.epochsCompleted());
        double after = loss(model, data);
        assertTrue(after < before, "loss " + before + " → " + after);
        assertEquals(4, Quantizations.of(model).size());
        Quantizations.of(model).values().forEach(record -> assertEquals("int2:tensor", record.format().name()));
    }

    /** The graph with int4 weights and 8-bit min-max activations, as %quantize and %calibrate --as make it. */
    private static ModelHandle simulatedInt4(ComputationGraph graph, DataSetIterator data) {
        ModelHandle model = ModelHandle.of(graph);
        Quantizer.quantize(model, new QuantizeSpec(INT4, LayerFormats.none(), Selection.weights()));
        ActivationCalibration statistics = new ActivationCalibration();
        ActivationCapture.run(model, data, ActivationCapture.ALL_BATCHES, statistics::record, ProgressListener.NONE);
        IntegerFormat format = new IntegerFormat(8, Scheme.AFFINE, false, new Granularity.PerTensor());
        return SimulatedQuantization.build(model, ActivationQuantization.of(statistics.report(new MinMax(), format), format)).model();
    }

    private static double loss(ModelHandle model, DataSetIterator data) {
        data.reset();
        return ModelEvaluator.evaluate(model, data, ProgressListener.NONE).loss();
    }
}
