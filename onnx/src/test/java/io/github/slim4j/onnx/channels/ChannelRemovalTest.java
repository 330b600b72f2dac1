package io.github.slim4j.onnx.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.channels.ChannelChoice;
import io.github.slim4j.core.prune.channels.ChannelGroup;
import io.github.slim4j.core.prune.channels.ChannelRequest;
import io.github.slim4j.core.prune.channels.ChannelScope;
import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.bench.BenchmarkSettings;
import io.github.slim4j.onnx.bench.MadeModels;
import io.github.slim4j.onnx.bench.OrtBenchmark;
import io.github.slim4j.onnx.proto.OnnxProto.GraphProto;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import io.github.slim4j.onnx.runtime.OrtModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Channels removed for real compute what the original computes with those channels silenced. The
 * reference is the original graph, run by ONNX Runtime, with a Mul by a 0/1 mask inserted after
 * every node whose output holds a removed channel's values: it relies on which channels are
 * coupled, but not on any of the slicing (offsets behind a Concat, blocks behind a Flatten,
 * depthwise groups, copied constants), which ONNX Runtime's own Concat and Flatten do there.
 */
class ChannelRemovalTest {
    private static final Path MODELS = Path.of("..", "models");
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path folder;

    static Stream<Arguments> fixtures() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : List.of("concatenated.onnx", "mlp.onnx", "mlp-ext.onnx", "cnn.onnx", "cnn-tf.onnx", "resnet.onnx", "resnet-bn.onnx", "resnet18.onnx",
                "mobilenetv2.onnx")) {
            for (ChannelScope scope : ChannelScope.values()) {
                cases.add(Arguments.of(name, scope));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("fixtures")
    void theSmallerModelComputesWhatTheMaskedOneDoes(String name, ChannelScope scope) throws IOException {
        ModelProto model = OnnxFile.read(fixture(name));
        Map<String, long[]> shapes = ValueShapes.of(model);
        ChannelGraph graph = ChannelGraph.of(model, shapes);
        Map<Integer, int[]> kept = ChannelChoice.choose(ChannelImportance.of(graph, 1), new Amount.Fraction(0.5), scope, 1);
        assertFalse(kept.isEmpty(), "some group loses channels");
        ModelProto removed = ChannelRemoval.apply(model, graph, kept);
        ModelProto masked = masked(model, graph, kept, shapes);
        assertTrue(removed.getSerializedSize() < 0.75 * model.getSerializedSize(), removed.getSerializedSize() + " bytes");

        long[] input = model.getGraph().getInput(0).getType().getTensorType().getShape().getDimList().stream()
                .mapToLong(dim -> dim.getDimValue() > 0 ? dim.getDimValue() : 3).toArray();
        Nd4j.getRandom().setSeed(11);
        INDArray batch = Nd4j.rand(DataType.FLOAT, input);
        INDArray expected;
        INDArray actual;
        try (OrtModel reference = OrtModel.of(masked, 2); OrtModel smaller = OrtModel.of(removed, 2)) {
            expected = reference.output(batch);
            actual = smaller.output(batch);
        }
        assertTrue(Arrays.equals(expected.shape(), actual.shape()));
        double scale = expected.amaxNumber().doubleValue();
        double difference = actual.sub(expected).amaxNumber().doubleValue();
        assertTrue(difference <= TOLERANCE * scale, name + ": max difference " + difference + " against outputs up to " + scale);
        try (OrtModel original = OrtModel.of(model, 2)) {
            assertTrue(expected.sub(original.output(batch)).amaxNumber().doubleValue() > TOLERANCE * scale, "the removed channels mattered");
        }
    }

    /** The ResNet's stem and its first block's second convolution feed one Add: their channels are one group. */
    @Test
    void residualAdditionsJoinTheirLayersIntoOneGroup() {
        ChannelRemoval.Result result = ChannelRemoval.remove(OnnxFile.read(MODELS.resolve("resnet-bn.onnx")), new ChannelRequest(new Amount.Fraction(0.5), ChannelScope.LAYER, 1, 1));
        List<List<String>> layers = result.groups().stream().map(ChannelGroup::layers).toList();
        assertTrue(layers.contains(List.of("/conv1/Conv", "/layer1/conv2/Conv")), layers.toString());
        assertTrue(layers.contains(List.of("/layer2/downsample/downsample.0/Conv", "/layer2/conv2/Conv")), layers.toString());
        ChannelGroup output = result.groups().get(result.groups().size() - 1);
        assertEquals(List.of("/fc/Gemm"), output.layers());
        assertEquals("the model's output", output.pinned().orElseThrow());
        assertEquals(output.total(), output.kept());
        ChannelGroup stem = result.groups().get(0);
        assertEquals(16, stem.total());
        assertEquals(8, stem.kept());
    }

    /** The MACs removal reports are ONNX Runtime's own count of the file it wrote (OrtBenchmark, from the shapes it ran). */
    @Test
    void theReportedMacsAreThoseOnnxRuntimeCounts() throws IOException {
        ModelProto model = OnnxFile.read(MODELS.resolve("cnn.onnx"));
        ChannelRemoval.Result result = ChannelRemoval.remove(model, new ChannelRequest(new Amount.Fraction(0.5), ChannelScope.GLOBAL, 2, 1));
        Path file = folder.resolve("smaller.onnx");
        OnnxFile.write(result.model(), file);
        BenchmarkSettings quick = new BenchmarkSettings(2, 1, 2, 0);
        assertEquals(1_117_056, result.macsBefore());
        assertEquals(OrtBenchmark.measure("smaller", file, quick, ProgressListener.NONE).orElseThrow().macs(), result.macsAfter());
        assertTrue(result.macsAfter() < result.macsBefore() / 2);
    }

    /** A model whose only layer makes its outputs has nothing to remove, and the refusal names the node and why. */
    @Test
    void aModelWithNothingRemovableIsRefusedNamingTheNode() {
        var refused = org.junit.jupiter.api.Assertions.assertThrows(io.github.slim4j.core.Slim4jException.class,
                () -> ChannelRemoval.remove(MadeModels.poolingHeavy(), new ChannelRequest(new Amount.Fraction(0.5), ChannelScope.LAYER, 1, 1)));
        assertEquals("no channel of the model can be removed: y_node: the model's output", refused.getMessage());
    }

    @Test
    void theSmallerModelPassesOnnxChecker() throws Exception {
        ModelProto model = OnnxFile.read(MODELS.resolve("resnet-bn.onnx"));
        Path file = folder.resolve("resnet-bn-smaller.onnx");
        OnnxFile.write(ChannelRemoval.remove(model, new ChannelRequest(new Amount.Fraction(0.3), ChannelScope.GLOBAL, 1, 8)).model(), file);
        Process checker = new ProcessBuilder("/usr/bin/python3", "-c", "import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)",
                file.toString()).redirectErrorStream(true).start();
        String said = new String(checker.getInputStream().readAllBytes());
        assertEquals(0, checker.waitFor(), said);
    }

    private Path fixture(String name) {
        if (name.equals("concatenated.onnx")) {
            Path file = folder.resolve(name);
            OnnxFile.write(MadeModels.concatenated(), file);
            return file;
        }
        if (!name.startsWith("resnet18") && !name.startsWith("mobilenet")) {
            return MODELS.resolve(name);
        }
        String big = System.getProperty("slim4j.bigModels");
        assumeTrue(big != null && !big.isBlank(), "slim4j.bigModels is not set; scripts/test.sh sets it");
        Path file = Path.of(big).resolve(name);
        assertTrue(Files.isRegularFile(file), file + " is missing");
        return file;
    }

    /** The model with a Mul by 0 or 1 per channel after every node that outputs a space losing channels. */
    private static ModelProto masked(ModelProto model, ChannelGraph graph, Map<Integer, int[]> kept, Map<String, long[]> shapes) {
        GraphProto.Builder builder = model.getGraph().toBuilder().clearNode();
        for (NodeProto node : model.getGraph().getNodeList()) {
            String output = node.getOutputCount() > 0 ? node.getOutput(0) : "";
            SpaceRef space = graph.spaceOf(output);
            if (!(space instanceof SpaceRef.Base base) || !kept.containsKey(graph.spaces.root(base.id())) || node.getOpType().equals("Constant")) {
                builder.addNode(node);
                continue;
            }
            int channels = graph.spaces.size(base.id());
            float[] mask = new float[channels];
            for (int channel : kept.get(graph.spaces.root(base.id()))) {
                mask[channel] = 1f;
            }
            long[] shape = new long[shapes.get(output).length];
            Arrays.fill(shape, 1);
            shape[1] = channels;
            String maskName = output + "_mask";
            ByteBuffer bytes = ByteBuffer.allocate(4 * channels).order(ByteOrder.LITTLE_ENDIAN);
            for (float value : mask) {
                bytes.putFloat(value);
            }
            builder.addInitializer(TensorProto.newBuilder().setName(maskName).setDataType(TensorProto.DataType.FLOAT_VALUE)
                    .addAllDims(Arrays.stream(shape).boxed().toList()).setRawData(ByteString.copyFrom(bytes.array())));
            builder.addNode(node.toBuilder().setOutput(0, output + "_unmasked"));
            builder.addNode(NodeProto.newBuilder().setName(node.getName() + "_mask").setOpType("Mul").addInput(output + "_unmasked")
                    .addInput(maskName).addOutput(output));
        }
        return model.toBuilder().setGraph(builder).build();
    }
}
