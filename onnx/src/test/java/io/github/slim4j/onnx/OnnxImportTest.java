package io.github.slim4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.data.FashionMnist;
import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.onnx.convert.OnnxImporter;
import io.github.slim4j.onnx.export.ExportOptions;
import io.github.slim4j.onnx.export.OnnxExport;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorShapeProto;
import io.github.slim4j.onnx.runtime.OrtModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Import, judged from outside: ONNX Runtime runs the same file on the same inputs, protobuf reads
 * the names the file gives, and PyTorch's test accuracy (models/reference.json) is what both forms
 * must reach on the 10,000 Fashion-MNIST test images.
 */
class OnnxImportTest {
    /** Float32 with different summation orders (im2col and GEMM against ONNX Runtime's kernels) stays well inside this. */
    private static final double TOLERANCE = 1e-4;
    /** One test image in 10,000 is 0.01 point: the accuracies must agree to the image. */
    private static final double ACCURACY_TOLERANCE = 0.01;
    /** The machine that runs the tests has two cores. */
    private static final int ORT_THREADS = 2;
    private static final int JVM_SAMPLE = 1_000;

    static List<String> smallModels() {
        return Fixtures.SMALL;
    }

    @ParameterizedTest
    @MethodSource("smallModels")
    void jvmFormComputesWhatOnnxRuntimeComputes(String name) {
        assertAgreesWithOnnxRuntime(Fixtures.small(name), true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18.onnx", "mobilenetv2.onnx", "grouped.onnx"})
    void bigModelsComputeWhatOnnxRuntimeComputes(String name) {
        assertAgreesWithOnnxRuntime(Fixtures.big(name), false);
    }

    @ParameterizedTest
    @MethodSource("smallModels")
    void layersAndTensorsAreNamedAsTheOnnxFileNamesThem(String name) {
        assertNamedAsTheFile(Fixtures.small(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18.onnx", "mobilenetv2.onnx", "grouped.onnx"})
    void bigModelsAreNamedAsTheOnnxFileNamesThem(String name) {
        assertNamedAsTheFile(Fixtures.big(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp.onnx", "cnn.onnx", "cnn-tf.onnx"})
    void testAccuracyIsPyTorchsInOnnxRuntimeAndOnTheJvm(String name) {
        ModelProto model = OnnxFile.read(Fixtures.small(name));
        ComputationGraph jvm = OnnxImporter.convert(model, name);
        FashionMnist test = Inputs.fashionMnist(Inputs.exampleShape(model));
        Predictions ort = inOnnxRuntime(model, test);
        Predictions onJvm = Predictions.of(x -> jvm.output(x)[0], test);
        report(name, ort, onJvm);
        assertEquals(10_000, ort.labels().length);
        assertEquals(Reference.floatAccuracy(name), ort.accuracy(), ACCURACY_TOLERANCE, name + " in ONNX Runtime");
        assertEquals(Reference.floatAccuracy(name), onJvm.accuracy(), ACCURACY_TOLERANCE, name + " on the JVM");
    }

    /**
     * The ResNets on the JVM take 196 s and 208 s for the 10,000 test images on two cores (measured),
     * too long for every build: ONNX Runtime's accuracy on all of them is checked against PyTorch's,
     * and the JVM must predict ONNX Runtime's class on every one of a 1,000-image sample.
     */
    @ParameterizedTest
    @ValueSource(strings = {"resnet.onnx", "resnet-bn.onnx"})
    void resNetTestAccuracyIsPyTorchsInOnnxRuntimeAndTheJvmPredictsAsOnnxRuntimeDoes(String name) {
        ModelProto model = OnnxFile.read(Fixtures.small(name));
        ComputationGraph jvm = OnnxImporter.convert(model, name);
        FashionMnist test = Inputs.fashionMnist(Inputs.exampleShape(model));
        Predictions ort = inOnnxRuntime(model, test);
        assertEquals(10_000, ort.labels().length);
        assertEquals(Reference.floatAccuracy(name), ort.accuracy(), ACCURACY_TOLERANCE, name + " in ONNX Runtime");
        FashionMnist sample = test.subset(JVM_SAMPLE);
        Predictions ortOnSample = inOnnxRuntime(model, sample);
        Predictions jvmOnSample = Predictions.of(x -> jvm.output(x)[0], sample);
        report(name + " (JVM on " + JVM_SAMPLE + " images)", ortOnSample, jvmOnSample);
        assertEquals(0, jvmOnSample.disagreements(ortOnSample), name + ": images the JVM classifies otherwise than ONNX Runtime");
    }

    /**
     * Exporters leave nodes nothing reads. The JVM form leaves them out (DL4J refuses vertices that
     * lead nowhere) and still computes what ONNX Runtime computes; export keeps them, as it keeps
     * everything it did not touch.
     */
    @Test
    void aNodeNothingReadsIsLeftOutOfTheJvmFormAndKeptInTheExport() {
        ModelProto original = OnnxFile.read(Fixtures.small("cnn.onnx"));
        NodeProto firstNode = original.getGraph().getNode(0);
        NodeProto dead = NodeProto.newBuilder().setName("unused_relu").setOpType("Relu").addInput(firstNode.getOutput(0))
                .addOutput("unused_output").build();
        ModelProto model = original.toBuilder().setGraph(original.getGraph().toBuilder().addNode(dead)).build();
        ComputationGraph jvm = OnnxImporter.convert(model, "cnn-with-a-dead-node.onnx");
        INDArray input = Inputs.uniform(Inputs.exampleShape(model), 8, 3);
        try (OrtModel runtime = OrtModel.of(model, ORT_THREADS)) {
            assertTrue(Difference.relative(jvm.output(input)[0], runtime.output(input)) < TOLERANCE);
        }
        ModelProto exported = OnnxExport.export(jvm, ExportOptions.asIs()).model();
        assertEquals(model.getGraph().getNodeList(), exported.getGraph().getNodeList());
    }

    private static Predictions inOnnxRuntime(ModelProto model, FashionMnist test) {
        try (OrtModel runtime = OrtModel.of(model, ORT_THREADS)) {
            return Predictions.of(runtime::output, test);
        }
    }

    private static void report(String name, Predictions ort, Predictions onJvm) {
        System.out.printf("%s: test accuracy ONNX Runtime %.2f%% (%.1f s), JVM %.2f%% (%.1f s)%n", name, ort.accuracy(), ort.seconds(),
                onJvm.accuracy(), onJvm.seconds());
    }

    private static void assertAgreesWithOnnxRuntime(Path file, boolean fashionMnist) {
        ModelProto model = OnnxFile.read(file);
        String name = file.getFileName().toString();
        ComputationGraph jvm = OnnxImporter.convert(model, name);
        long[] example = Inputs.exampleShape(model);
        TensorShapeProto.Dimension batchAxis = model.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0);
        // A fixed batch size is the only one the file accepts; a dynamic one is tried alone and in a batch.
        List<Long> batches = batchAxis.hasDimValue() ? List.of(batchAxis.getDimValue()) : List.of(1L, 16L);
        List<String> worst = new ArrayList<>();
        try (OrtModel runtime = OrtModel.of(model, ORT_THREADS)) {
            for (long batch : batches) {
                List<INDArray> inputs = new ArrayList<>(List.of(Inputs.uniform(example, batch, 1), Inputs.normal(example, batch, 2)));
                if (fashionMnist) {
                    inputs.add(Inputs.fashionMnist(example).subset((int) batch).batchSize((int) batch).iterator().next().getFeatures());
                }
                for (INDArray input : inputs) {
                    double relative = Difference.relative(jvm.output(input)[0], runtime.output(input));
                    worst.add(String.format("%.2e", relative));
                    assertTrue(relative < TOLERANCE, name + ", batch " + batch + ": relative difference " + relative);
                }
            }
        }
        System.out.println(name + ": relative differences to ONNX Runtime " + worst);
    }

    /**
     * Every parameter sits in a layer named after an ONNX node and is named after the initializer
     * (or Constant output) it holds, {@code initializer@vertex} for a second reader of a shared one;
     * every Conv, Gemm, MatMul and BatchNormalization node is a layer; and a parameter holds its
     * initializer's very values, in whatever layout (compared as sorted raw bits).
     */
    private static void assertNamedAsTheFile(Path file) {
        ModelProto model = OnnxFile.read(file);
        String name = file.getFileName().toString();
        Set<String> nodes = model.getGraph().getNodeList().stream().map(NodeProto::getName).collect(Collectors.toSet());
        Set<String> tensors = InitializerValues.floatTensors(model).keySet();
        ModelHandle jvm = ModelHandle.of(OnnxImporter.convert(model, name));
        Set<String> layers = jvm.layers().stream().map(LayerInfo::name).collect(Collectors.toSet());
        for (NodeProto node : model.getGraph().getNodeList()) {
            if (Set.of("Conv", "Gemm", "MatMul", "BatchNormalization").contains(node.getOpType())) {
                assertTrue(layers.contains(node.getName()), name + ": no layer is named after " + node.getOpType() + " node " + node.getName());
            }
        }
        assertTrue(!jvm.parameters().isEmpty(), name + " has no parameters");
        for (ParamTensor parameter : jvm.parameters()) {
            assertTrue(nodes.contains(parameter.layer()), name + ": layer " + parameter.layer() + " is named after no node");
            String tensor = parameter.qualifiedName().endsWith("@" + parameter.layer())
                    ? parameter.qualifiedName().substring(0, parameter.qualifiedName().length() - parameter.layer().length() - 1)
                    : parameter.qualifiedName();
            assertTrue(tensors.contains(tensor), name + ": parameter " + parameter.qualifiedName() + " is named after no initializer");
        }
        InitializerValues.assertHeldAsIs(model, jvm.parameters(), name);
    }

}
