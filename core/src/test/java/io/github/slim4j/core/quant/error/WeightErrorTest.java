package io.github.slim4j.core.quant.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestNetworks;
import io.github.slim4j.core.model.ModelHandle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightErrorTest {

    @Test
    void measuresEveryTensorInModelOrder() {
        MultiLayerNetwork reference = TestNetworks.mlp();
        MultiLayerNetwork model = reference.clone();
        model.getParam("0_W").muli(1.01f);

        List<TensorError> errors = WeightError.compare(ModelHandle.of(model), ModelHandle.of(reference));

        assertEquals(List.of("0_W", "0_b", "1_W", "1_b"), errors.stream().map(TensorError::tensor).toList());
        assertEquals(List.of("0", "0", "1", "1"), errors.stream().map(TensorError::layer).toList());
        assertEquals(WeightError.of("0", "0_W", model.getParam("0_W"), reference.getParam("0_W")), errors.get(0));
        assertEquals(40, errors.get(0).sqnrDb(), 0.01);
        assertEquals(784 * 32, errors.get(0).parameters());
        for (TensorError unchanged : errors.subList(1, 4)) {
            assertEquals(Double.POSITIVE_INFINITY, unchanged.sqnrDb(), unchanged.tensor());
            assertEquals(1, unchanged.cosine());
        }
    }

    @Test
    void tensorMapsMatchByName() {
        Map<String, INDArray> model = new LinkedHashMap<>();
        model.put("fc2.weight", Nd4j.ones(DataType.FLOAT, 2, 2));
        model.put("fc1.weight", Nd4j.ones(DataType.FLOAT, 3));
        Map<String, INDArray> reference = new LinkedHashMap<>();
        reference.put("fc1.weight", Nd4j.ones(DataType.FLOAT, 3).muli(2));
        reference.put("fc2.weight", Nd4j.ones(DataType.FLOAT, 2, 2));

        List<TensorError> errors = WeightError.compare(ModelHandle.of(model), ModelHandle.of(reference));

        assertEquals(List.of("fc2.weight", "fc1.weight"), errors.stream().map(TensorError::tensor).toList());
        assertEquals(1, errors.get(1).mse());
    }

    @Test
    void theFirstMismatchIsNamed() {
        assertEquals("the model's tensor 0_W is not in the reference, whose tensors are hidden_W, hidden_b, bn_gamma, bn_beta, "
                + "bn_mean, bn_log10stdev, out_W, out_b", mismatch(TestNetworks.mlp(), TestNetworks.namedWithBatchNorm()));
        assertEquals("tensor 0_W has shape [784, 32] in the model but [784, 16] in the reference",
                mismatch(TestNetworks.mlp(32), TestNetworks.mlp(16)));
        assertEquals("the reference's tensor b.weight is not in the model, whose tensors are a.weight",
                mismatch(Map.of("a.weight", Nd4j.ones(2)), new LinkedHashMap<>(Map.of("a.weight", Nd4j.ones(2), "b.weight", Nd4j.ones(2)))));
    }

    private static String mismatch(Object model, Object reference) {
        return assertThrows(Slim4jException.class, () -> WeightError.compare(ModelHandle.of(model), ModelHandle.of(reference)))
                .getMessage();
    }
}
