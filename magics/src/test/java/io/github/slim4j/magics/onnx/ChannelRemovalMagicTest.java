package io.github.slim4j.magics.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.data.FashionMnist;
import io.github.slim4j.magics.InMemoryNotebook;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.RawBits;
import io.github.slim4j.magics.TestModels;
import io.github.slim4j.onnx.export.ExportOptions;
import io.github.slim4j.onnx.export.OnnxExport;
import io.github.slim4j.onnx.runtime.OrtModel;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

/** %prune --remove on the small ResNet exported from PyTorch, as a notebook uses it. */
class ChannelRemovalMagicTest {
    private static final Path RESNET = Path.of("..", "models", "resnet-bn.onnx");

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final InMemoryNotebook notebook = new InMemoryNotebook().with("net", TestModels.mlp(3)).with("graph", TestModels.graph(3))
            .with("train", FashionMnist.train().images().subset(200).batchSize(100).iterator())
            .with("test", FashionMnist.test().images().subset(300).batchSize(150).iterator());

    private Table run(String magic, String line) {
        return catalog.run(magic, List.of(line.split(" ")), notebook);
    }

    private String error(String magic, String line) {
        return assertThrows(MagicException.class, () -> run(magic, line)).getMessage();
    }

    @Test
    void removalMakesASmallerTrainableModelWhoseJvmFormMatchesOnnxRuntime() {
        run("load", "resnet " + RESNET.toAbsolutePath());
        ComputationGraph original = (ComputationGraph) notebook.variable("resnet");
        INDArray before = original.params().dup();
        Table groups = run("prune", "resnet --method l1-structured --sparsity 0.5 --scope global --remove --as small --chart none");

        assertTrue(groups.name().startsWith("small: channels removed, 9,345,920 → "), groups.name());
        assertEquals(List.of("/conv1/Conv, /layer1/conv2/Conv", "/layer1/conv1/Conv"), groups.stringColumn("layers").asList().subList(0, 2));
        assertEquals("the model's output", groups.stringColumn("kept because").get(groups.rowCount() - 1));
        ComputationGraph small = assertInstanceOf(ComputationGraph.class, notebook.variable("small"));
        assertTrue(small.numParams() < original.numParams() / 2, small.numParams() + " parameters");
        assertSame(original, notebook.variable("resnet"));
        RawBits.assertIdentical(before, original.params(), "the original is unchanged");

        INDArray images = FashionMnist.test().images().subset(16).batchSize(16).iterator().next().getFeatures();
        try (OrtModel runtime = OrtModel.of(OnnxExport.export(small, ExportOptions.asIs()).model(), 2)) {
            INDArray expected = runtime.output(images);
            INDArray actual = small.outputSingle(images);
            assertTrue(actual.sub(expected).amaxNumber().doubleValue() <= 1e-4 * expected.amaxNumber().doubleValue());
        }
        run("train", "small --data train --epochs 1");
        Table accuracy = run("evaluate", "small --data test");
        assertTrue(accuracy.rowCount() > 0);
    }

    @Test
    void removalInPlaceRebindsTheName() {
        run("load", "resnet " + RESNET.toAbsolutePath());
        Object original = notebook.variable("resnet");
        run("prune", "resnet --method l2-structured --sparsity 0.25 --remove --chart none");
        assertTrue(((ComputationGraph) notebook.variable("resnet")).numParams() < ((ComputationGraph) original).numParams());
    }

    @Test
    void badRemovalsAreRefusedAndChangeNothing() {
        run("load", "resnet " + RESNET.toAbsolutePath());
        Object original = notebook.variable("resnet");
        assertEquals("%prune: --remove needs --method l1-structured or l2-structured (see %help prune)", error("prune", "resnet --sparsity 0.5 --remove"));
        assertEquals("%prune: channels can be removed from a MultiLayerNetwork or a model loaded from ONNX, not from a ComputationGraph built "
                + "on the JVM", error("prune", "graph --method l1-structured --sparsity 0.5 --remove"));
        run("quantize", "resnet --bits 8 --as q --chart none");
        assertEquals("%prune: the model is quantized; remove channels first, then quantize the smaller model",
                error("prune", "q --method l1-structured --sparsity 0.5 --remove"));
        assertSame(original, notebook.variable("resnet"));
    }
}
