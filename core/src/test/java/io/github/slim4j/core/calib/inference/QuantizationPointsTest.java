package io.github.slim4j.core.calib.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestNetworks;
import io.github.slim4j.core.model.ModelHandle;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class QuantizationPointsTest {

    @Test
    void anMlpHasTheInputAndEveryLayerNamedByIndex() {
        QuantizationPoints points = QuantizationPoints.of(ModelHandle.of(TestNetworks.mlp()));

        assertEquals(List.of(new QuantizationPoint("input", -1, "input"), new QuantizationPoint("0", 0, "DenseLayer"),
                new QuantizationPoint("1", 1, "OutputLayer")), points.points());
        assertEquals(List.of(), points.unsupported());
        assertEquals(2, points.point("1").orElseThrow().activationIndex());
    }

    @Test
    void aCnnHasConvolutionPoolingDenseAndOutputInOrder() {
        QuantizationPoints points = QuantizationPoints.of(ModelHandle.of(InferenceNetworks.cnn()));

        assertEquals(List.of("input", "conv", "pool", "fc", "out"), points.points().stream().map(QuantizationPoint::name).toList());
        assertEquals(List.of("input", "ConvolutionLayer", "SubsamplingLayer", "DenseLayer", "OutputLayer"),
                points.points().stream().map(QuantizationPoint::layerType).toList());
    }

    @Test
    void batchNormalizationHasAPoint() {
        QuantizationPoints points = QuantizationPoints.of(ModelHandle.of(TestNetworks.namedWithBatchNorm()));

        assertEquals(List.of("input", "hidden", "bn", "out"), points.points().stream().map(QuantizationPoint::name).toList());
    }

    @Test
    void anLstmIsNamedWithItsReasonAndHasNoPoint() {
        QuantizationPoints points = QuantizationPoints.of(ModelHandle.of(InferenceNetworks.withLstm()));

        assertEquals(List.of("input", "fc", "out"), points.points().stream().map(QuantizationPoint::name).toList());
        assertEquals(1, points.unsupported().size());
        FloatOutput lstm = points.unsupported().get(0);
        assertEquals("lstm", lstm.name());
        assertEquals("LSTM", lstm.layerType());
        assertTrue(lstm.reason().startsWith("recurrent layers are not supported"), lstm.reason());
        assertEquals(1, points.atLayer(1).orElseThrow().layerIndex());
        assertTrue(points.atLayer(0).isEmpty());
    }

    @Test
    void tensorsAreOneLineErrors() {
        Slim4jException tensor = assertThrows(Slim4jException.class, () -> QuantizationPoints.of(ModelHandle.of(Nd4j.ones(3))));
        assertEquals("quantization points need a DL4J network (MultiLayerNetwork or ComputationGraph); this model is of kind INDArray",
                tensor.getMessage());
    }
}
