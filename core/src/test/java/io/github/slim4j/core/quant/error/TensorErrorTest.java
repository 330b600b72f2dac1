package io.github.slim4j.core.quant.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class TensorErrorTest {

    @Test
    void equalTensorsHaveNoError() {
        INDArray values = Nd4j.createFromArray(new float[] {0.5f, -1.25f, 3f, 0f});
        TensorError error = WeightError.of("fc1", "fc1.weight", values.dup(), values);
        assertEquals(new TensorError("fc1", "fc1.weight", 4, 0, Double.POSITIVE_INFINITY, 0, 1), error);
    }

    @Test
    void aKnownPerturbation() {
        TensorError error = WeightError.of("l", "t", floats(1, 2, 3, 5), floats(1, 2, 3, 4));
        assertEquals(0.25, error.mse(), 0);
        assertEquals(10 * Math.log10(30.0 / 1.0), error.sqnrDb(), 1e-12);
        assertEquals(1, error.maxAbsError(), 0);
        assertEquals(34 / Math.sqrt(30.0 * 39.0), error.cosine(), 1e-15);
        assertEquals(4, error.parameters());
    }

    @Test
    void aSignFlipHasCosineMinusOne() {
        INDArray reference = floats(0.3f, -2.5f, 7f, 1e-3f, -4f);
        TensorError error = WeightError.of("l", "t", reference.neg(), reference);
        assertEquals(-1, error.cosine(), 0);
        assertEquals(10 * Math.log10(0.25), error.sqnrDb(), 1e-12);
        assertEquals(14, error.maxAbsError(), 0);
    }

    @Test
    void zeroTensors() {
        INDArray zeros = Nd4j.zeros(DataType.FLOAT, 3, 2);
        INDArray ones = Nd4j.ones(DataType.FLOAT, 3, 2);
        assertEquals(new TensorError("l", "t", 6, 0, Double.POSITIVE_INFINITY, 0, 1), WeightError.of("l", "t", zeros.dup(), zeros));
        assertEquals(new TensorError("l", "t", 6, 1, Double.NEGATIVE_INFINITY, 1, 0), WeightError.of("l", "t", ones, zeros));
        assertEquals(new TensorError("l", "t", 6, 1, 0, 1, 0), WeightError.of("l", "t", zeros, ones));
    }

    @Test
    void valuesAreMatchedByPositionWhateverTheLayout() {
        Nd4j.getRandom().setSeed(3);
        INDArray reference = Nd4j.rand(DataType.FLOAT, 6, 7);
        INDArray shifted = reference.add(0.5f);
        TensorError expected = WeightError.of("l", "t", shifted, reference);
        assertEquals(expected, WeightError.of("l", "t", shifted.dup('f'), reference));
        assertEquals(expected, WeightError.of("l", "t", shifted, reference.dup('f')));
        assertEquals(expected, WeightError.of("l", "t", shifted.castTo(DataType.DOUBLE), reference));
        INDArray tall = Nd4j.rand(DataType.FLOAT, 9, 7);
        tall.get(NDArrayIndex.interval(2, 8), NDArrayIndex.all()).assign(shifted);
        assertEquals(expected, WeightError.of("l", "t", tall.get(NDArrayIndex.interval(2, 8), NDArrayIndex.all()), reference));
        assertEquals(expected.mse(), WeightError.of("l", "t", shifted.transpose(), reference.transpose()).mse(), 0);
    }

    @Test
    void dl4jParameterViewsAreReadAtTheirOffsets() {
        MultiLayerNetwork net = TestNetworks.mlp();
        MultiLayerNetwork copy = net.clone();
        copy.getParam("1_W").addi(0.25f);
        assertEquals(Double.POSITIVE_INFINITY, WeightError.of("1", "1_W", copy.getParam("1_b"), net.getParam("1_b")).sqnrDb());
        TensorError error = WeightError.of("1", "1_W", copy.getParam("1_W"), net.getParam("1_W"));
        assertEquals(0.0625, error.mse(), 1e-9);
        assertEquals(0.25, error.maxAbsError(), 1e-6);
    }

    @Test
    void aShapeMismatchIsNamed() {
        Slim4jException e = assertThrows(Slim4jException.class,
                () -> WeightError.of("l", "t", Nd4j.zeros(DataType.FLOAT, 2, 3), Nd4j.zeros(DataType.FLOAT, 3, 2)));
        assertEquals("cannot measure the error of a tensor of shape [2, 3] against a reference of shape [3, 2]; the shapes must be equal",
                e.getMessage());
    }

    private static INDArray floats(float... values) {
        return Nd4j.createFromArray(values);
    }
}
