package io.github.slim4j.core.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.quant.LayerFormats;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.core.stats.TensorStats;
import io.github.slim4j.core.summary.TensorStorage.Encoding;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A [64, 32] raw weight: 2048 values, 64 output channels. */
class StoredTensorTest {

    @Test
    void int8PerChannelIsAByteAWeightAndAScaleAChannel() {
        StoredTensor stored = quantized("int8", Nd4j.rand(DataType.FLOAT, 64, 32).subi(0.5));
        assertEquals(new StoredTensor("int8", 8, new TensorStorage(Encoding.DENSE, 2048 * 8 + 64 * 32)), stored);
        assertEquals(2304, stored.bytes());
    }

    @Test
    void int4AffinePerChannelAddsZeroPoints() {
        StoredTensor stored = quantized("int4:affine", Nd4j.rand(DataType.FLOAT, 64, 32).subi(0.2));
        assertEquals(new StoredTensor("int4:affine", 4, new TensorStorage(Encoding.DENSE, 2048 * 4 + 64 * (32 + 32))), stored);
        assertEquals(1536, stored.bytes());
    }

    @Test
    void unsignedSymmetricKeepsItsZeroPointOf128() {
        StoredTensor stored = quantized("uint8:tensor", Nd4j.rand(DataType.FLOAT, 64, 32).subi(0.5));
        assertEquals(2048 * 8 + 32 + 32, stored.storage().bits());
    }

    /** 90% of the codes stand for zero: a bit per entry and the 205 non-zero 4-bit codes, then the scales. */
    @Test
    void mostlyZeroCodesTakeABitmask() {
        INDArray values = Nd4j.rand(DataType.FLOAT, 64, 32).addi(0.1);
        for (int i = 0; i < 2048; i++) {
            if (i % 10 != 0) {
                values.putScalar(i, 0f);
            }
        }
        StoredTensor stored = quantized("int4", values);
        assertEquals(new TensorStorage(Encoding.BITMASK, 2048 + 205 * 4 + 64 * 32), stored.storage());
    }

    @Test
    void aTensorWithoutACurrentRecordIsStoredAtItsDtype() {
        INDArray values = Nd4j.rand(DataType.FLOAT, 64, 32).addi(1);
        ModelHandle model = ModelHandle.of(values);
        ParamTensor tensor = model.parameters().get(0);
        assertEquals(new StoredTensor("float32", 32, new TensorStorage(Encoding.DENSE, 2048 * 32)), StoredTensor.of(model, tensor,
                TensorStats.of(values)));
        quantized("fp8-e5m2", values);
        values.addi(1);
        assertEquals("float32", StoredTensor.of(model, tensor, TensorStats.of(values)).format(), "edited after quantizing");
    }

    private static StoredTensor quantized(String format, INDArray values) {
        ModelHandle model = ModelHandle.of(values);
        Quantizer.quantize(model, new QuantizeSpec(WeightFormat.parse(format), LayerFormats.none(), Selection.weights()));
        return StoredTensor.of(model, model.parameters().get(0), TensorStats.of(values));
    }
}
