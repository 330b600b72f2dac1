package io.github.slim4j.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TensorBoundTest {
    private static final TensorBound<String> LABELS = TensorBound.create();

    @Test
    void stateBelongsToOneTensorObjectNotToEqualOnes() {
        INDArray tensor = Nd4j.ones(DataType.FLOAT, 3);
        INDArray equal = Nd4j.ones(DataType.FLOAT, 3);
        LABELS.put(tensor, "mine");
        assertEquals(Optional.of("mine"), LABELS.get(tensor));
        assertEquals(Optional.empty(), LABELS.get(equal));
        LABELS.remove(tensor);
        assertEquals(Optional.empty(), LABELS.get(tensor));
    }

    @Test
    void deepCopiesCarryTheStateOfEachTensor() {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("a.weight", Nd4j.ones(DataType.FLOAT, 2));
        tensors.put("b.weight", Nd4j.zeros(DataType.FLOAT, 2));
        LABELS.put(tensors.get("a.weight"), "a");

        @SuppressWarnings("unchecked")
        Map<String, INDArray> copy = (Map<String, INDArray>) ModelHandle.of(tensors).deepCopy().unwrap();

        assertEquals(Optional.of("a"), LABELS.get(copy.get("a.weight")));
        assertTrue(LABELS.get(copy.get("b.weight")).isEmpty());
        INDArray single = Nd4j.ones(DataType.FLOAT, 4);
        LABELS.put(single, "single");
        assertEquals(Optional.of("single"), LABELS.get((INDArray) ModelHandle.of(single).deepCopy().unwrap()));
    }
}
