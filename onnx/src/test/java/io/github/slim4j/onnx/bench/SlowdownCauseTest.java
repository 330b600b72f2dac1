package io.github.slim4j.onnx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.channels.ChannelRequest;
import io.github.slim4j.core.prune.channels.ChannelScope;
import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.channels.ChannelRemoval;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each cause {@code %benchmark} names, shown by a model made to show it and measured in ONNX
 * Runtime: the rule must find its evidence in the real profile, and a model without that evidence
 * must not trigger it.
 */
class SlowdownCauseTest {
    private static final BenchmarkSettings SETTINGS = new BenchmarkSettings(16, 2, 5, 2);

    @TempDir
    Path folder;

    @Test
    void unstructuredZerosAreNamedWhenTheMacsStayTheSame() {
        Measurement dense = measure(OnnxFile.read(Path.of("..", "models", "cnn.onnx")), "cnn.onnx");
        Measurement sparse = measure(withZeros(OnnxFile.read(Path.of("..", "models", "cnn.onnx")), 0.9), "sparse.onnx");
        String why = new DenseZeros().explain(dense, sparse).orElseThrow();
        assertTrue(why.contains("1,117,056 MACs"), why);
        assertTrue(new DenseZeros().explain(dense, dense).isEmpty());
    }

    @Test
    void floatIslandsBetweenConversionsAreNamedWithTheirNode() {
        Measurement made = measure(MadeModels.flattenBeforeQuantizedGemm(), "island.onnx");
        String why = new UnfusedQdq().explain(made, made).orElseThrow();
        assertTrue(why.contains("Gemm 'y_node'"), why);
        Measurement fused = measure(MadeModels.singleChannelConvQdq(), "fused.onnx");
        assertTrue(new UnfusedQdq().explain(fused, fused).isEmpty(), () -> fused.profile().nodes().toString());
    }

    @Test
    void signedActivationsAreNamed() {
        Measurement made = measure(MadeModels.signedQLinearConv(), "signed.onnx");
        assertTrue(new SignedActivations().explain(made, made).orElseThrow().contains("QLinearConv"));
        Measurement unsigned = measure(MadeModels.singleChannelConvQdq(), "unsigned.onnx");
        assertTrue(new SignedActivations().explain(unsigned, unsigned).isEmpty());
    }

    @Test
    void poolingThatOutweighsTheMatrixProductsIsMemoryBound() {
        Measurement made = measure(MadeModels.poolingHeavy(), "pooling.onnx");
        assertTrue(new MemoryBound().explain(made, made).orElseThrow().contains("MaxPool"));
        Measurement conv = measure(MadeModels.singleChannelConv(), "conv.onnx");
        assertTrue(new MemoryBound().explain(conv, conv).isEmpty(), () -> conv.profile().nodes().toString());
    }

    @Test
    void aTransposeBeforeAFlattenIsALayoutChange() {
        Measurement plain = measure(MadeModels.flattenedGemm(), "plain.onnx");
        Measurement transposed = measure(MadeModels.transposedFlattenedGemm(), "transposed.onnx");
        assertTrue(new LayoutChanges().explain(plain, transposed).orElseThrow(() -> new AssertionError(plain.profile().nodes() + " / "
                + transposed.profile().nodes().stream().map(n -> n.op() + " " + n.micros()).toList())).contains("Transpose"));
        assertTrue(new LayoutChanges().explain(plain, plain).isEmpty());
    }

    /**
     * Removal at round-to 16 halves the first convolution and keeps the second's 16 channels whole
     * (8 rounded up), so the last, costly convolution reads and writes as many channels as before:
     * the model does 11,872 / 17,344 = 0.68× the MACs per pixel, and that layer takes about half of
     * its time, unchanged. Each model is measured three times, alternately, and each node keeps its
     * fastest time, so that a busy moment on a shared machine does not pass for a slow layer.
     */
    @Test
    void layersThatRemovalLeftWholeAreNamedWhenTheyHoldTheTime() {
        ModelProto chain = MadeModels.narrowingChain();
        ModelProto removed = ChannelRemoval.remove(chain, new ChannelRequest(new Amount.Fraction(0.5), ChannelScope.LAYER, 1, 16)).model();
        List<Measurement> befores = new ArrayList<>();
        List<Measurement> afters = new ArrayList<>();
        for (int repeat = 0; repeat < 3; repeat++) {
            befores.add(measure(chain, "chain.onnx"));
            afters.add(measure(removed, "removed.onnx"));
        }
        Measurement before = leastTimes(befores);
        Measurement after = leastTimes(afters);
        String why = new UnchangedLayers().explain(before, after).orElseThrow(() -> new AssertionError(after.profile().nodes().stream()
                .map(n -> n.name() + " " + n.op() + " " + n.micros()).toList() + " / " + before.profile().nodes().stream()
                .map(n -> n.name() + " " + n.op() + " " + n.micros()).toList()));
        assertTrue(why.startsWith("0.68× the MACs of chain.onnx"), why);
        assertTrue(new UnchangedLayers().explain(before, before).isEmpty(), "the same MACs");
    }

    /**
     * Thirty layers of a few microseconds each gain little from a second thread, where the chain's
     * three large convolutions (280M MACs per batch) nearly halve. Each model is measured three
     * times, alternately, and keeps its least time on each thread count, so that a busy moment does
     * not pass for poor scaling; the test needs a second core free, which the chain shows.
     */
    @Test
    void layersTooSmallToSplitBetweenThreadsAreNamed() {
        BenchmarkSettings settings = new BenchmarkSettings(16, 2, 20, 3);
        List<Measurement> larges = new ArrayList<>();
        List<Measurement> smalls = new ArrayList<>();
        for (int repeat = 0; repeat < 3; repeat++) {
            larges.add(measure(MadeModels.narrowingChain(), "chain.onnx", settings));
            smalls.add(measure(MadeModels.manySmallLayers(), "small.onnx", settings));
        }
        Measurement large = leastTimes(larges);
        Measurement small = leastTimes(smalls);
        assumeTrue(large.threadSpeedup() > 1.3, () -> "no second core free: two threads made the chain only " + large.threadSpeedup() + "× faster");
        String why = new ThreadScaling().explain(large, small).orElseThrow(() -> new AssertionError(
                "speed-ups " + small.threadSpeedup() + " against " + large.threadSpeedup()));
        assertTrue(why.startsWith("threads gain less here: they make small.onnx "), why);
        assertTrue(new ThreadScaling().explain(large, large).isEmpty());
    }

    /**
     * The first measurement with the least time any of them gave for each of its profiled nodes,
     * for the median run and for the median on one thread.
     */
    private static Measurement leastTimes(List<Measurement> measurements) {
        Map<String, Double> least = new HashMap<>();
        measurements.forEach(m -> m.profile().nodes().forEach(node -> least.merge(node.name(), node.micros(), Math::min)));
        Measurement first = measurements.get(0);
        List<ProfiledNode> nodes = first.profile().nodes().stream().map(node -> new ProfiledNode(node.name(), node.op(), least.get(node.name()),
                node.inputTypes(), node.inputShapes(), node.outputShapes())).toList();
        double p50 = measurements.stream().mapToDouble(m -> m.latencies().p50()).min().orElseThrow();
        double oneThread = measurements.stream().mapToDouble(Measurement::oneThreadP50).min().orElseThrow();
        return new Measurement(first.name(), first.fileBytes(), first.facts(), first.macs(), first.batch(),
                new Latencies(p50, first.latencies().p95(), first.latencies().mean()), first.throughput(), first.peakMemoryBytes(),
                new OrtProfile(nodes, first.profile().peakArenaBytes()), oneThread);
    }

    @Test
    void conversionsAroundATinyLayerAreOverhead() {
        Measurement made = measure(MadeModels.conversionsAroundATinyGemm(), "conversions.onnx");
        String why = new QdqOverhead().explain(made, made).orElseThrow();
        assertTrue(why.contains("QuantizeLinear") && why.contains("DequantizeLinear"), why);
        Measurement plain = measure(MadeModels.singleChannelConv(), "conv.onnx");
        assertTrue(new QdqOverhead().explain(plain, plain).isEmpty());
    }

    /** ONNX Runtime's QLinearConv with one input channel has been 4–6× slower than the float Conv on every x86 machine we measured. */
    @Test
    void integerKernelsSlowerThanFloatAreNamedWithBothTimes() {
        Measurement floats = measure(MadeModels.singleChannelConv(), "float.onnx");
        Measurement integers = measure(MadeModels.singleChannelConvQdq(), "int8.onnx");
        assertTrue(integers.profile().nodes().stream().anyMatch(node -> node.op().equals("QLinearConv")), () -> integers.profile().nodes().toString());
        String why = new SlowIntegerKernels().explain(floats, integers).orElseThrow();
        assertTrue(why.contains("QLinearConv") && why.contains("float.onnx's Conv"), why);
        assertTrue(new SlowIntegerKernels().explain(floats, floats).isEmpty());
    }

    @Test
    void explainAllListsTheRulesInOrder() {
        Measurement dense = measure(OnnxFile.read(Path.of("..", "models", "cnn.onnx")), "cnn.onnx");
        Measurement sparse = measure(withZeros(OnnxFile.read(Path.of("..", "models", "cnn.onnx")), 0.9), "sparse.onnx");
        assertEquals(Optional.of(SlowdownCause.explainAll(dense, sparse).get(0)), new DenseZeros().explain(dense, sparse));
    }

    private Measurement measure(ModelProto model, String name) {
        return measure(model, name, SETTINGS);
    }

    private Measurement measure(ModelProto model, String name, BenchmarkSettings settings) {
        return OrtBenchmark.measure(name, MadeModels.write(model, folder, name), settings, ProgressListener.NONE).orElseThrow();
    }

    /** The model with the first {@code share} of every float weight of rank 2 or more set to zero. */
    private static ModelProto withZeros(ModelProto model, double share) {
        var graph = model.getGraph().toBuilder();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            TensorProto tensor = graph.getInitializer(i);
            if (tensor.getDimsCount() >= 2) {
                byte[] raw = tensor.getRawData().toByteArray();
                java.util.Arrays.fill(raw, 0, 4 * (int) (share * raw.length / 4), (byte) 0);
                graph.setInitializer(i, tensor.toBuilder().setRawData(ByteString.copyFrom(raw)));
            }
        }
        return model.toBuilder().setGraph(graph).build();
    }
}
