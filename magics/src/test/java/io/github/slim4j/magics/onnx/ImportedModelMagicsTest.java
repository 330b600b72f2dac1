package io.github.slim4j.magics.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.data.FashionMnist;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamKind;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.magics.InMemoryNotebook;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import tech.tablesaw.api.Table;

/**
 * Every magic the ONNX issue names, on models PyTorch exported: the small ResNet (Conv, BN, Add,
 * GlobalAveragePool, Gemm) and, where BatchNormalization would stop a rewrite, the same ResNet with
 * BN folded by PyTorch. Checks are against rules worked out independently of the code under test:
 * PyTorch's pruning counts, the number of levels a grid has, functions that a rewrite must keep.
 */
class ImportedModelMagicsTest {
    private static final Path RESNET_BN = Path.of("..", "models", "resnet-bn.onnx").toAbsolutePath();
    private static final Path RESNET = Path.of("..", "models", "resnet.onnx").toAbsolutePath();
    private static final Path MLP = Path.of("..", "models", "mlp.onnx").toAbsolutePath();

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final InMemoryNotebook notebook = new InMemoryNotebook()
            .with("train", FashionMnist.train().seed(3).subset(200).batchSize(50).images().iterator())
            .with("val", FashionMnist.test().seed(4).subset(100).batchSize(100).images().iterator())
            .with("vectors", FashionMnist.test().seed(4).subset(200).batchSize(200).iterator());

    @BeforeEach
    void load() {
        run("load", "r " + RESNET_BN);
    }

    private Table run(String magic, String line) {
        return catalog.run(magic, List.of(line.split(" ")), notebook);
    }

    private ComputationGraph graph(String name) {
        return assertInstanceOf(ComputationGraph.class, notebook.variable(name));
    }

    private static List<ParamTensor> weights(ComputationGraph graph) {
        return ModelHandle.of(graph).parameters().stream().filter(p -> p.kind() == ParamKind.WEIGHT).toList();
    }

    private static long zeros(INDArray values) {
        long count = 0;
        for (float v : floats(values)) {
            count += v == 0f ? 1 : 0;
        }
        return count;
    }

    /** The values in C order, copied out; DL4J's parameter views cannot hand out their buffer. */
    private static float[] floats(INDArray values) {
        return values.dup('c').reshape(values.length()).toFloatVector();
    }

    private INDArray outputs(ComputationGraph graph) {
        DataSetIterator val = (DataSetIterator) notebook.variable("val");
        val.reset();
        return graph.outputSingle(val.next().getFeatures());
    }

    @Test
    void viewsNameLayersAndTensorsAsTheOnnxFileDoes() {
        var file = OnnxFile.read(RESNET_BN).getGraph();
        Set<String> initializers = file.getInitializerList().stream().map(TensorProto::getName).collect(Collectors.toSet());
        // PyTorch writes a tensor equal to another once, and names the copy by an Identity node's output.
        file.getNodeList().stream().filter(n -> n.getOpType().equals("Identity") && initializers.contains(n.getInput(0)))
                .forEach(n -> initializers.add(n.getOutput(0)));
        Set<String> nodes = file.getNodeList().stream().map(NodeProto::getName).collect(Collectors.toSet());

        Table model = run("model", "r --chart none");
        Set<String> tensors = new LinkedHashSet<>(model.stringColumn("tensor").asList());
        tensors.remove("");
        for (String tensor : tensors) {
            assertTrue(initializers.contains(tensor.replaceAll("@.*", "")), tensor + " is not an initializer of the file");
        }
        for (String layer : new HashSet<>(model.stringColumn("layer").asList())) {
            assertTrue(layer.equals("(whole model)") || nodes.contains(layer), layer + " is not a node of the file");
        }
        assertTrue(tensors.containsAll(List.of("conv1.weight", "layer1.conv1.weight", "fc.weight", "fc.bias")), tensors.toString());

        Table evaluated = run("evaluate", "r --data val");
        assertEquals(100L, evaluated.longColumn("examples").get(0));
    }

    @Test
    void pruningCountsFollowPyTorchOnEveryImportedTensor() {
        run("prune", "r --sparsity 0.5 --as p --chart none");
        for (ParamTensor w : weights(graph("p"))) {
            // torch.nn.utils.prune: round(amount × n), half to even.
            assertEquals((long) Math.rint(0.5 * w.length()), zeros(w.values()), w.qualifiedName());
        }
        run("prune", "r --sparsity 0.7 --scope global --as g --chart none");
        List<ParamTensor> global = weights(graph("g"));
        long total = global.stream().mapToLong(ParamTensor::length).sum();
        assertEquals((long) Math.rint(0.7 * total), global.stream().mapToLong(w -> zeros(w.values())).sum());

        run("prune", "r --method l1-structured --sparsity 0.25 --as s --chart none");
        ParamTensor conv = weights(graph("s")).stream().filter(w -> w.qualifiedName().equals("layer1.conv1.weight")).findFirst().orElseThrow();
        int out = conv.axes().output();
        long channels = conv.shape()[out];
        long emptyChannels = 0;
        for (int c = 0; c < channels; c++) {
            emptyChannels += zeros(conv.values().slice(c, out)) == conv.length() / channels ? 1 : 0;
        }
        assertEquals((long) Math.rint(0.25 * channels), emptyChannels, "whole output channels go");

        Table sparsity = run("sparsity", "p");
        assertTrue(sparsity.stringColumn("tensor").asList().contains("layer2.downsample.0.weight"), sparsity.print());

        // Fine-tuning keeps pruned weights at zero.
        run("train", "p --data train");
        for (ParamTensor w : weights(graph("p"))) {
            assertEquals((long) Math.rint(0.5 * w.length()), zeros(w.values()), w.qualifiedName() + " after training");
        }
    }

    @Test
    void gradualPruningSensitivityAndSearchRunOnImportedGraphs() {
        run("prune", "r --schedule agp --final 0.6 --steps 2 --train train --as agp --chart none");
        for (ParamTensor w : weights(graph("agp"))) {
            assertEquals((long) Math.rint(0.6 * w.length()), zeros(w.values()), w.qualifiedName());
        }
        // Global AGP at a rate of its own, on a graph with BatchNormalization (where DL4J's own
        // setLearningRate fails); the imported rate, Adam's 0.001, is back afterwards.
        run("prune", "r --schedule agp --final 0.9 --steps 2 --train train --lr 0.0005 --scope global --as global --chart none");
        List<ParamTensor> global = weights(graph("global"));
        assertEquals(Math.rint(0.9 * global.stream().mapToLong(ParamTensor::length).sum()),
                global.stream().mapToLong(w -> zeros(w.values())).sum(), 1, "90 % of all weights");
        assertEquals(1e-3, graph("global").getLearningRate("/conv1/Conv"), 0);
        Table sensitivity = run("sensitivity", "r --data val --prune 0.5:0.9:0.4 --layers /layer1/.* --chart none");
        assertTrue(sensitivity.rowCount() >= 2, sensitivity.print());

        // The search measures up to 60 points: on the MLP, whose passes are quick.
        run("load", "mlp " + MLP);
        run("prune", "mlp --search --data vectors --target 0.5 --as searched --chart none");
        List<ParamTensor> searched = weights(graph("searched"));
        double sparsity = searched.stream().mapToLong(w -> zeros(w.values())).sum()
                / (double) searched.stream().mapToLong(ParamTensor::length).sum();
        assertEquals(0.5, sparsity, 0.02, "the search reaches its target overall sparsity");
    }

    @Test
    void quantizationFormatsBudgetAndSweepOnTheImportedGraph() {
        run("quantize", "r --bits 4 --as q4 --chart none");
        for (ParamTensor w : weights(graph("q4"))) {
            // Per output channel, a 4-bit grid has at most 16 levels.
            int out = w.axes().output();
            for (int c = 0; c < w.shape()[out]; c++) {
                float[] values = floats(w.values().slice(c, out));
                Set<Float> levels = new HashSet<>();
                for (float v : values) {
                    levels.add(v);
                }
                assertTrue(levels.size() <= 16, w.qualifiedName() + " channel " + c + " has " + levels.size() + " levels");
            }
        }
        Table bitwidth = run("bitwidth", "q4 --chart none");
        assertTrue(bitwidth.stringColumn("format").asList().contains("int4"), bitwidth.print());
        Table error = run("error", "q4 --ref r --chart none");
        assertTrue(error.rowCount() > 0);

        // The budget measures every layer at every width: on the MLP, whose passes are quick.
        run("load", "mlp " + MLP);
        Table mixed = run("quantize", "mlp --budget 6 --data vectors --as mixed --chart none");
        assertInstanceOf(ComputationGraph.class, notebook.variable("mixed"));
        assertTrue(mixed.rowCount() > 0, mixed.print());
        float[] before = graph("r").params().toFloatVector();
        Table sweep = run("quantize", "r --sweep 4..8 --chart none");
        assertEquals(5, sweep.rowCount(), sweep.print());
        assertArrayEquals(before, graph("r").params().toFloatVector(), "a sweep leaves the model as it was");
    }

    @Test
    void calibrationRechoosingActivationsAndBiasCorrectionOnTheImportedGraph() {
        run("quantize", "r --bits 8 --as q --chart none");
        Table calibrated = run("calibrate", "q --data train --chart none");
        assertTrue(calibrated.rowCount() > 5);
        run("calibrate", "q --method mse --chart none");
        Table methods = run("calibrate", "q --methods --chart none");
        assertTrue(methods.rowCount() >= 6 * calibrated.rowCount() - 6, methods.print());
        run("quantize", "q --activations --as w8a8");
        INDArray simulated = outputs(graph("w8a8"));
        INDArray weightOnly = outputs(graph("q"));
        assertNotEquals(0.0, simulated.sub(weightOnly).amaxNumber().doubleValue(), "activations are quantized in w8a8");

        run("quantize", "r --bits 4 --granularity tensor --as q4 --chart none");
        double errorBefore = outputs(graph("q4")).sub(outputs(graph("r"))).meanNumber().doubleValue();
        run("calibrate", "q4 --bias-correction --ref r --data train --as corrected --chart none");
        double errorAfter = outputs(graph("corrected")).sub(outputs(graph("r"))).meanNumber().doubleValue();
        assertTrue(Math.abs(errorAfter) <= Math.abs(errorBefore) + 1e-6,
                "bias correction moves the mean output error towards zero: " + errorBefore + " → " + errorAfter);

        float[] masters = graph("q4").params().toFloatVector();
        run("calibrate", "q4 --qat --train train --epochs 1 --as tuned --chart none");
        assertTrue(!java.util.Arrays.equals(masters, graph("tuned").params().toFloatVector()), "QAT trained");
    }

    @Test
    void equalizationKeepsTheFunctionOfAResNetWithoutBatchNormalization() {
        run("load", "plain " + RESNET);
        INDArray before = outputs(graph("plain"));
        run("calibrate", "plain --equalize --as eq --chart none");
        INDArray after = outputs(graph("eq"));
        double relative = before.sub(after).norm2Number().doubleValue() / before.norm2Number().doubleValue();
        assertTrue(relative < 1e-4, "equalization rescales channels without changing outputs: " + relative);
    }
}
