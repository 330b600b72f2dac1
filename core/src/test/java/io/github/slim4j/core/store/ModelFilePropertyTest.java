package io.github.slim4j.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slim4j.core.Bitwise;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.quant.LayerFormats;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.Quantizations;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.core.prune.Selection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Whatever the tensor, its zeros and its format, a file gives back the same bits and the same codes. */
class ModelFilePropertyTest {
    private static final String[] FORMATS = {"none", "int8", "int4", "uint8:affine:tensor", "int3:affine", "int4:group4", "fixed:Q1.6",
        "pow2", "fp16", "bf16", "fp8-e5m2", "mantissa:2"};

    @Property(tries = 60)
    void aSparseQuantizedTensorMapComesBackBitForBit(@ForAll @IntRange(min = 1, max = 12) int rows, @ForAll @IntRange(min = 1, max = 5) int groups,
            @ForAll @DoubleRange(min = 0, max = 1) double zeros, @ForAll @IntRange(min = 0, max = 11) int format,
            @ForAll long seed) throws IOException {
        Random random = new Random(seed);
        float[] values = new float[rows * groups * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() < zeros ? (random.nextBoolean() ? 0f : -0f) : (float) random.nextGaussian();
        }
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("fc.weight", Nd4j.create(values, new long[] {rows, groups * 4}, 'c'));
        tensors.put("fc.bias", Nd4j.create(DataType.FLOAT, rows).assign(random.nextDouble() < 0.5 ? 0 : 1));
        ModelHandle model = ModelHandle.of(tensors);
        if (format > 0) {
            Quantizer.quantize(model, new QuantizeSpec(WeightFormat.parse(FORMATS[format]), LayerFormats.none(), Selection.weights()));
        }
        Path file = Files.createTempFile("slim4j-property", ".safetensors");
        try {
            ModelFile.save(tensors, file);
            @SuppressWarnings("unchecked")
            Map<String, INDArray> loaded = (Map<String, INDArray>) ModelFile.load(file);

            assertEquals(tensors.keySet(), loaded.keySet());
            tensors.forEach((name, tensor) -> Bitwise.assertIdentical(tensor, loaded.get(name), name));
            assertEquals(Quantizations.of(model), Quantizations.of(ModelHandle.of(loaded)), FORMATS[format]);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
