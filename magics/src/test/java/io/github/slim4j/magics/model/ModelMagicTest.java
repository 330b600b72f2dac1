package io.github.slim4j.magics.model;

import io.github.slim4j.core.stats.TensorStats;
import io.github.slim4j.magics.InMemoryNotebook;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.TestModels;
import io.github.slim4j.magics.spi.MimeBundle;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelMagicTest {

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final MultiLayerNetwork net = TestModels.mlp(1);
    private final InMemoryNotebook notebook = new InMemoryNotebook().with("net", net);

    @Test
    void oneRowPerTensorAndOneForTheWholeModel() {
        net.getParam("0_b").assign(0.5);
        net.getParam("1_b").assign(0.5);
        Table table = catalog.run("model", List.of("net"), notebook);
        assertEquals(4 + 1, table.rowCount());
        assertEquals(List.of("0", "0", "1", "1", ParameterTable.WHOLE_MODEL), table.stringColumn("layer").asList());
        assertEquals(List.of("weight", "bias", "weight", "bias", "all"), table.stringColumn("kind").asList());
        assertEquals("[12 × 16]", table.stringColumn("shape").get(0));
        long total = net.numParams();
        assertEquals(total, table.longColumn("parameters").get(4));
        assertEquals(total * 4, table.longColumn("bytes").get(4));
        assertEquals(32.0, table.doubleColumn("bits/weight").get(4));
        assertEquals("dense", table.stringColumn("storage").get(0));
    }

    @Test
    void sparseTensorsAreCountedInTheirSmallestEncoding() {
        Table table = catalog.run("model", List.of("net", "--chart", "none"), notebook);
        assertEquals("bitmask", table.stringColumn("storage").get(1), "all-zero biases store as a bitmask");
        assertEquals(2L, table.longColumn("bytes").get(1), "16 bits of mask, no values");
        assertEquals(1.0, table.doubleColumn("bits/weight").get(1));
        notebook.with("mostlyZero", Nd4j.zeros(100, 100).putScalar(0, 0, 1f));
        assertEquals("csr", catalog.run("model", List.of("mostlyZero", "--chart", "none"), notebook).stringColumn("storage").get(0));
    }

    @Test
    void statisticsAreThoseOfTheLiveWeights() {
        Table table = catalog.run("model", List.of("net"), notebook);
        TensorStats weights = TensorStats.of(net.getParam("0_W"));
        assertEquals(weights.min(), table.doubleColumn("min").get(0), 1e-12);
        assertEquals(weights.std(), table.doubleColumn("std").get(0), 1e-12);
        assertEquals(1.0, table.doubleColumn("sparsity").get(1), 1e-12, "DL4J initialises biases to zero");
    }

    @Test
    void showsTheTableThenADecodablePngHistogram() throws IOException {
        catalog.run("model", List.of("net"), notebook);
        List<MimeBundle> shown = notebook.displays();
        assertEquals(2, shown.size());
        assertTrue(shown.get(0).data().get(MimeBundle.TEXT_HTML).contains("<table"));
        assertTrue(shown.get(0).plain().contains("(whole model)"));
        byte[] png = Base64.getDecoder().decode(shown.get(1).data().get(MimeBundle.IMAGE_PNG));
        assertNotNull(ImageIO.read(new ByteArrayInputStream(png)), "the chart must decode as an image");
    }

    @Test
    void svgOnRequestAndNoChartWithNone() {
        catalog.run("model", List.of("net", "--chart", "svg"), notebook);
        assertTrue(notebook.displays().get(1).data().get(MimeBundle.IMAGE_SVG).contains("<svg"));
        InMemoryNotebook quiet = new InMemoryNotebook().with("net", net);
        catalog.run("model", List.of("net", "--chart", "none"), quiet);
        assertEquals(1, quiet.displays().size());
    }

    @Test
    void oneLayerHistogram() {
        catalog.run("model", List.of("net", "--layer", "1", "--bins", "10"), notebook);
        assertEquals(2, notebook.displays().size());
    }

    @Test
    void unknownLayerIsOneClearError() {
        MagicException error = assertThrows(MagicException.class, () -> catalog.run("model", List.of("net", "--layer", "7"), notebook));
        assertEquals("%model: --layer '7' is not a layer of net with parameters; layers are 0, 1", error.getMessage());
    }

    @Test
    void namedTensorsAndASingleTensor() {
        Map<String, INDArray> weights = new LinkedHashMap<>();
        weights.put("fc1.weight", Nd4j.rand(4, 3));
        weights.put("fc1.bias", Nd4j.zeros(4));
        notebook.with("weights", weights).with("w", Nd4j.linspace(-1, 1, 11));
        assertEquals(3, catalog.run("model", List.of("weights"), notebook).rowCount());
        Table single = catalog.run("model", List.of("w"), notebook);
        assertEquals(2, single.rowCount());
        assertEquals(1.0 / 11, single.doubleColumn("sparsity").get(0), 1e-12);
    }

    @Test
    void computationGraphsShowTheirLayerVertices() {
        notebook.with("graph", TestModels.graph(2));
        Table table = catalog.run("model", List.of("graph", "--chart", "none"), notebook);
        assertEquals(List.of("hidden", "hidden", "out", "out", ParameterTable.WHOLE_MODEL), table.stringColumn("layer").asList());
        assertTrue(table.name().contains("ComputationGraph"), table.name());
    }

    @Test
    void unsupportedVariableNamesItsType() {
        notebook.with("name", "not a model");
        MagicException error = assertThrows(MagicException.class, () -> catalog.run("model", List.of("name"), notebook));
        assertEquals("%model: MODEL 'name' holds a String; expected a model: a MultiLayerNetwork, ComputationGraph, "
                + "Map<String, INDArray> or INDArray", error.getMessage());
    }
}
