package io.github.slim4j.onnx.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.fold.BatchNormFolding;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.PruneSpec;
import io.github.slim4j.core.prune.Pruner;
import io.github.slim4j.core.prune.Scope;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.TensorFormat;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.onnx.Onnx;
import io.github.slim4j.onnx.OnnxException;
import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.convert.OnnxImporter;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.runtime.OrtModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Export, judged from outside: ONNX Runtime runs every exported file and computes what the JVM form
 * computes, and onnx.checker passes every file at opset 17 or less.
 */
class OnnxExportTest {
    private static final Path MODELS = Path.of("..", "models");

    @TempDir
    Path folder;

    @Test
    void loadThenExportGivesTheSameBytes() throws Exception {
        for (String name : List.of("mlp.onnx", "cnn.onnx", "resnet.onnx", "resnet-bn.onnx", "cnn-tf.onnx")) {
            byte[] original = Files.readAllBytes(MODELS.resolve(name));
            ModelProto exported = OnnxExport.export(Onnx.load(MODELS.resolve(name)), ExportOptions.asIs()).model();
            assertArrayEquals(original, exported.toByteArray(), name);
        }
    }

    @Test
    void everyExportRunsInOnnxRuntimeAsOnTheJvmAndPassesTheChecker() throws Exception {
        Map<Path, ComputationGraph> written = new LinkedHashMap<>();
        for (String name : List.of("mlp.onnx", "cnn.onnx", "resnet-bn.onnx")) {
            ComputationGraph original = Onnx.load(MODELS.resolve(name));
            written.put(write(name, "pruned", pruned(original)), pruned(original));
            for (String format : List.of("int8", "int7", "uint8:affine:tensor", "int4", "int16", "int8:tensor")) {
                ComputationGraph quantized = quantized(BatchNormFolding.pairs(ModelHandle.of(original)).isEmpty()
                        ? copy(original) : BatchNormFolding.fold(original), format);
                written.put(write(name, format, quantized), quantized);
            }
        }
        List<Path> checkable = new ArrayList<>();
        for (Map.Entry<Path, ComputationGraph> file : written.entrySet()) {
            // Read as bytes: slim4j imports opsets to 17, and int4 and int16 files are opset 21.
            ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file.getKey()));
            assertAgrees(file.getValue(), model, file.getKey().getFileName().toString());
            if (OnnxFile.opset(model) <= 17) {
                checkable.add(file.getKey());
            }
        }
        assertTrue(checkable.size() >= 9, "files at opset 17 or less: " + checkable);
        for (String verdict : OnnxChecker.check(checkable)) {
            assertTrue(verdict.startsWith("ok "), verdict);
        }
    }

    @Test
    void formatsOnnxRuntimeCannotRunAreRefusedNamingTheTensorAndWhatToDoInstead() {
        ComputationGraph graph = Onnx.load(MODELS.resolve("cnn.onnx"));
        for (String format : List.of("pow2", "fixed:Q1.6", "fp8-e4m3", "mantissa:3", "int3", "fp16")) {
            ComputationGraph quantized = quantized(copy(graph), format);
            OnnxException refused = assertThrows(OnnxException.class,
                    () -> OnnxExport.export(quantized, ExportOptions.asIs()));
            assertTrue(refused.getMessage().startsWith("cannot export conv1.weight as "), refused.getMessage());
            assertTrue(refused.getMessage().contains("--float"), refused.getMessage());
            ComputationGraph asFloat = OnnxImporter.convert(OnnxExport.export(quantized, new ExportOptions(true)).model(), "float");
            assertEquals(0, asFloat.output(input(quantized))[0].sub(quantized.output(input(quantized))[0]).amaxNumber().doubleValue(),
                    1e-5, format + " written as float32 computes the dequantized model");
        }
    }

    private static void assertAgrees(ComputationGraph jvm, ModelProto model, String what) {
        INDArray x = input(jvm);
        try (OrtModel runtime = OrtModel.of(model, 1)) {
            INDArray expected = runtime.output(x);
            INDArray actual = jvm.output(x)[0];
            double relative = actual.sub(expected).amaxNumber().doubleValue() / expected.amaxNumber().doubleValue();
            assertTrue(relative < 1e-4, what + ": relative difference " + relative);
        }
    }

    private Path write(String model, String variant, ComputationGraph graph) {
        Path file = folder.resolve(model.replace(".onnx", "") + "-" + variant.replace(':', '_') + ".onnx");
        OnnxFile.write(OnnxExport.export(graph, ExportOptions.asIs()).model(), file);
        return file;
    }

    private static ComputationGraph copy(ComputationGraph graph) {
        return (ComputationGraph) ModelHandle.of(graph).deepCopy().unwrap();
    }

    private static ComputationGraph pruned(ComputationGraph graph) {
        ComputationGraph copy = copy(graph);
        Pruner.prune(ModelHandle.of(copy), new PruneSpec(new Criterion.Magnitude(), new Amount.Fraction(0.5), Scope.LAYER,
                Selection.weights()));
        return copy;
    }

    private static ComputationGraph quantized(ComputationGraph graph, String format) {
        ModelHandle model = ModelHandle.of(graph);
        List<TensorFormat> formats = new ArrayList<>();
        for (ParamTensor tensor : model.parameters()) {
            if (tensor.kind().isWeight()) {
                formats.add(new TensorFormat(tensor, WeightFormat.parse(format)));
            }
        }
        Quantizer.quantize(model, formats);
        return graph;
    }

    private static INDArray input(ComputationGraph graph) {
        long[] example = ModelHandle.of(graph).origin().orElseThrow().inputShape();
        long[] shape = new long[example.length + 1];
        shape[0] = 16;
        System.arraycopy(example, 0, shape, 1, example.length);
        Nd4j.getRandom().setSeed(7);
        return Nd4j.rand(DataType.FLOAT, shape);
    }
}
