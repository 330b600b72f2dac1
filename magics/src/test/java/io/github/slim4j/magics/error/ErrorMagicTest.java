package io.github.slim4j.magics.error;

import io.github.slim4j.magics.InMemoryNotebook;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.TestModels;
import io.github.slim4j.magics.spi.MimeBundle;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorMagicTest {

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final MultiLayerNetwork net = TestModels.mlp(81);
    private final InMemoryNotebook notebook = new InMemoryNotebook().with("net", net).with("val", TestModels.data(100, 50, 6));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void perTensorErrorOfAQuantizedCopy() {
        catalog.run("quantize", List.of("net", "--bits", "4", "--as", "q4", "--chart", "none"), notebook);
        Table table = catalog.run("error", List.of("q4", "--ref", "net"), notebook);
        assertEquals(List.of("0_W", "0_b", "1_W", "1_b"), table.stringColumn("tensor").asList());
        double sqnr = table.doubleColumn("SQNR dB").get(0);
        assertTrue(sqnr > 10 && sqnr < 40, "int4 lands between 10 and 40 dB: " + sqnr);
        assertTrue(Double.isInfinite(table.doubleColumn("SQNR dB").get(1)), "biases are not quantized");
        assertTrue(table.doubleColumn("cosine").get(0) > 0.9);
    }

    @Test
    void withDataTheOutputsAreCompared() {
        catalog.run("quantize", List.of("net", "--bits", "2", "--as", "q2", "--chart", "none"), notebook);
        catalog.run("error", List.of("q2", "--ref", "net", "--data", "val"), notebook);
        String agreement = notebook.displays().stream().map(MimeBundle::plain).filter(plain -> plain.contains("top-1 agreement"))
                .findFirst().orElseThrow();
        assertTrue(agreement.contains("q2"), agreement);
    }

    @Test
    void aLayerGetsItsHistogramWithTheGrid() {
        catalog.run("quantize", List.of("net", "--bits", "3", "--granularity", "tensor", "--as", "q3", "--chart", "none"), notebook);
        catalog.run("error", List.of("q3", "--ref", "net", "--layer", "0"), notebook);
        List<MimeBundle> shown = notebook.displays();
        assertTrue(shown.get(shown.size() - 1).plain().contains("grid"), shown.get(shown.size() - 1).plain());
    }

    @Test
    void modelsOfDifferentShapesAreNamed() {
        notebook.with("other", TestModels.graph(3));
        MagicException error = assertThrows(MagicException.class, () -> catalog.run("error", List.of("other", "--ref", "net"), notebook));
        assertTrue(error.getMessage().startsWith("%error: "), error.getMessage());
    }

    @Test
    void anUnknownLayerIsNamed() {
        MagicException error = assertThrows(MagicException.class,
                () -> catalog.run("error", List.of("net", "--ref", "net", "--layer", "9"), notebook));
        assertEquals("%error: --layer '9' is not a layer of net with weights; layers are 0, 1", error.getMessage());
    }
}
