package io.github.slim4j.onnx.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.fold.BatchNormFolding;
import io.github.slim4j.core.model.GraphOrigin;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.Masks;
import io.github.slim4j.core.prune.PruneSpec;
import io.github.slim4j.core.prune.Pruner;
import io.github.slim4j.core.prune.Scope;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.quant.LayerFormats;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.Quantizations;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.core.store.ModelFile;
import io.github.slim4j.onnx.FloatBitsOf;
import io.github.slim4j.onnx.Onnx;
import io.github.slim4j.onnx.export.ExportOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A model imported from ONNX, pruned and quantized, kept in a slim4j file and exported again unchanged. */
class OnnxModelFileTest {
    private static final Path MODELS = Path.of("..", "models");

    @TempDir
    Path folder;

    @Test
    void anImportedModelComesBackWithItsNamesMasksAndCodesAndExportsTheSameOnnx() throws Exception {
        ComputationGraph cnn = Onnx.load(MODELS.resolve("cnn.onnx"));
        ModelHandle model = ModelHandle.of(cnn);
        Pruner.prune(model, new PruneSpec(new Criterion.Magnitude(), new Amount.Fraction(0.5), Scope.LAYER, Selection.weights()));
        Quantizer.quantize(model, new QuantizeSpec(WeightFormat.parse("int7"), LayerFormats.none(), Selection.weights()));
        Path file = folder.resolve("cnn.safetensors");

        ModelFile.save(cnn, file);
        ComputationGraph loaded = assertInstanceOf(ComputationGraph.class, ModelFile.load(file));
        ModelHandle again = ModelHandle.of(loaded);

        assertEquals("cnn.onnx (ONNX, opset 13)", GraphOrigin.of(loaded).orElseThrow().describe());
        List<ParamTensor> before = model.parameters();
        List<ParamTensor> after = again.parameters();
        assertEquals(before.stream().map(ParamTensor::qualifiedName).toList(), after.stream().map(ParamTensor::qualifiedName).toList());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(FloatBitsOf.of(before.get(i).values()), FloatBitsOf.of(after.get(i).values()), before.get(i).qualifiedName());
        }
        assertEquals(Masks.of(model), Masks.of(again));
        assertEquals(Quantizations.of(model), Quantizations.of(again));
        INDArray images = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        assertArrayEquals(FloatBitsOf.of(cnn.outputSingle(images)), FloatBitsOf.of(loaded.outputSingle(images)));
        assertArrayEquals(Onnx.export(model, ExportOptions.asIs()).model().toByteArray(),
                Onnx.export(again, ExportOptions.asIs()).model().toByteArray(), "the same ONNX file, QDQ weights and all");
        long weights = before.stream().mapToLong(tensor -> tensor.length() * 4).sum();
        assertTrue(Files.size(file) < weights / 3, "int7 codes, not float weights: " + Files.size(file) + " bytes against " + weights);
    }

    @Test
    void aGraphWhoseLayersDl4jCannotReadBackIsRefusedBeforeAnythingIsWritten() {
        // A plain DL4J clone does not carry the ONNX source, and DL4J cannot read the JSON of slim4j's ONNX vertices.
        ComputationGraph withoutSource = Onnx.load(MODELS.resolve("cnn.onnx")).clone();
        Path file = folder.resolve("clone.safetensors");

        Slim4jException refused = assertThrows(Slim4jException.class, () -> ModelFile.save(withoutSource, file));

        assertTrue(refused.getMessage().startsWith("slim4j cannot save this ComputationGraph: DL4J cannot read its configuration back ("),
                refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count());
        assertTrue(Files.notExists(file));
    }

    @Test
    void aFoldedCopyIsRefusedInOneLine() {
        ComputationGraph resnet = Onnx.load(MODELS.resolve("resnet-bn.onnx"));
        ModelHandle folded = BatchNormFolding.fold(ModelHandle.of(resnet));
        Path file = folder.resolve("folded.safetensors");

        Slim4jException refused = assertThrows(Slim4jException.class, () -> ModelFile.save(folded.unwrap(), file));

        assertEquals("slim4j cannot save this model from resnet-bn.onnx (ONNX, opset 13): it is no longer the graph its ONNX file imports "
                + "(batch normalization folded, or activations simulated); save the model it came from, or %export it", refused.getMessage());
        assertTrue(Files.notExists(file));
    }
}
