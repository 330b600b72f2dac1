package io.github.slim4j.magics.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.data.FashionMnist;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.magics.InMemoryNotebook;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.TestModels;
import io.github.slim4j.magics.spi.MimeBundle;
import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** %load, %export and %parity on the CNN exported from PyTorch, as a notebook uses them. */
class OnnxMagicsTest {
    private static final Path CNN = Path.of("..", "models", "cnn.onnx");

    @TempDir
    Path folder;

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final InMemoryNotebook notebook = new InMemoryNotebook().with("net", TestModels.mlp(3))
            .with("calib", FashionMnist.train().images().subset(300).batchSize(100).iterator())
            .with("test", FashionMnist.test().images().subset(500).batchSize(250).iterator())
            .with("flat", FashionMnist.test().subset(100).batchSize(50).iterator());

    private Table run(String magic, String line) {
        return catalog.run(magic, List.of(line.split(" ")), notebook);
    }

    private String error(String magic, String line) {
        return assertThrows(MagicException.class, () -> run(magic, line)).getMessage();
    }

    @Test
    void loadDefinesAGraphNamedAsTheOnnxFileAndExportWritesItBackUnchanged() throws Exception {
        Table layers = run("load", "cnn " + CNN.toAbsolutePath());

        ComputationGraph graph = assertInstanceOf(ComputationGraph.class, notebook.variable("cnn"));
        assertEquals(Optional.of(ComputationGraph.class.getName()), notebook.declaredType("cnn"));
        assertEquals(List.of("/conv1/Conv", "/MaxPool", "/conv2/Conv", "/MaxPool_1", "/fc1/Gemm", "/fc2/Gemm"),
                layers.stringColumn("layer").asList());
        assertEquals(List.of("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"),
                ModelHandle.of(graph).parameters().stream().map(p -> p.qualifiedName()).toList());

        Path written = folder.resolve("same.onnx");
        run("export", "cnn " + written);
        assertArrayEquals(Files.readAllBytes(CNN), Files.readAllBytes(written));
    }

    @Test
    void theDefaultW8A8ExportRunsInOnnxRuntimeAsSimulated() throws Exception {
        run("load", "cnn " + CNN.toAbsolutePath());
        Table quantized = run("quantize", "cnn --bits 8 --as q");
        assertEquals("int7", quantized.stringColumn("format").get(0), "8-bit weights of an imported model keep to 7 bits by default");
        run("calibrate", "q --data calib --chart none");
        Path file = folder.resolve("q.onnx");
        Table exported = run("export", "q " + file);
        assertTrue(exported.stringColumn("stored as").asList().contains("uint8 QDQ"));
        ModelProto model = OnnxFile.read(file);
        assertTrue(model.getGraph().getNodeList().stream().map(NodeProto::getOpType).anyMatch("QuantizeLinear"::equals));

        assertEquals(7, parityWithinOneStep("q", file), "the input and the six layer outputs (the loss layer's stays float)");
    }

    /** int4 weights raise the file to opset 21, which %parity reads back although %load would not. */
    @Test
    void aW4A8ExportAtOpset21RunsInOnnxRuntimeAsSimulated() throws Exception {
        run("load", "cnn " + CNN.toAbsolutePath());
        run("quantize", "cnn --bits 4 --range mse --scheme affine --as q4");
        run("calibrate", "q4 --data calib --chart none");
        Path file = folder.resolve("q4a8.onnx");
        Table exported = run("export", "q4 " + file);
        assertTrue(exported.stringColumn("stored as").asList().contains("int4 per channel (axis 0)"), exported.print());
        assertEquals(21, OnnxFile.opset(OnnxFile.readExported(file)));

        assertEquals(7, parityWithinOneStep("q4", file));
    }

    /**
     * Runs %parity and checks its targets: no activation more than one step off, top-1 agreement
     * of at least 99.5 %. Returns the number of activations compared.
     */
    private int parityWithinOneStep(String model, Path file) {
        Table parity = run("parity", model + " " + file + " --data test --chart none");
        for (int row = 0; row < parity.rowCount(); row++) {
            assertTrue(parity.longColumn("max Δ, layer alone").get(row) <= 1, parity.print());
        }
        String summary = notebook.displays().stream().map(MimeBundle::plain).filter(text -> text.contains("parity summary"))
                .reduce((first, last) -> last).orElseThrow();
        assertTrue(summary.matches("(?s).*top-1 agreement  \\|  (99\\.[5-9]\\d|100\\.00)%.*"), summary);
        return parity.rowCount();
    }

    @Test
    void badLinesGetOneClearLineAndChangeNothing() throws Exception {
        assertEquals("%load: ONNX file " + folder.resolve("missing.onnx") + " does not exist",
                error("load", "m " + folder.resolve("missing.onnx")));
        assertFalse(notebook.variableNames().contains("m"));
        run("export", "net " + folder.resolve("net.onnx"));
        assertTrue(Files.size(folder.resolve("net.onnx")) > 0, "a MultiLayerNetwork is written layer by layer");
        run("load", "cnn " + CNN.toAbsolutePath());
        assertTrue(error("parity", "cnn --data test").startsWith("%parity: cnn quantizes no activations; calibrate it first"));
        run("quantize", "cnn --format pow2 --bits 4 --as p");
        String refused = error("export", "p " + folder.resolve("p.onnx"));
        assertTrue(refused.startsWith("%export: cannot export conv1.weight as pow2"), refused);
        assertFalse(Files.exists(folder.resolve("p.onnx")), "a refused export writes nothing");
        assertTrue(error("evaluate", "cnn --data flat").contains("the data's features have shape [50, 784] but the model's input takes [batch, 1, 28, 28]"));
    }
}
