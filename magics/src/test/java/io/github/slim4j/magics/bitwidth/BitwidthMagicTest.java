package io.github.slim4j.magics.bitwidth;

import io.github.slim4j.magics.InMemoryNotebook;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.magics.TestModels;
import io.github.slim4j.magics.spi.MimeBundle;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BitwidthMagicTest {

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final MultiLayerNetwork net = TestModels.mlp(71);
    private final InMemoryNotebook notebook = new InMemoryNotebook().with("net", net);

    @Test
    void aFloatModelIsFloat32Throughout() {
        net.getParam("0_b").assign(0.5);
        net.getParam("1_b").assign(0.5);
        Table table = catalog.run("bitwidth", List.of("net"), notebook);
        assertEquals(List.of("float32", "float32", "float32", "float32", ""), table.stringColumn("format").asList());
        assertEquals(1.0, table.doubleColumn("compression").get(4), 1e-12);
        assertEquals(32.0, table.doubleColumn("bits/weight").get(4), 1e-12);
    }

    @Test
    void aMixedModelShowsEachFormatAndItsBytesStackedByFormat() {
        catalog.run("quantize", List.of("net", "--layers", "0=int4,1=fp16", "--chart", "none"), notebook);
        Table table = catalog.run("bitwidth", List.of("net"), notebook);
        assertEquals("int4", table.stringColumn("format").get(0));
        assertEquals(4, table.intColumn("bits").get(0));
        assertEquals("fp16", table.stringColumn("format").get(2));
        long int4Bytes = table.longColumn("bytes").get(0);
        assertTrue(int4Bytes >= 12 * 16 / 2 && int4Bytes < 12 * 16 / 2 + 16 * 8 + 1, "codes at 4 bits plus one scale per channel: " + int4Bytes);
        assertEquals(16L * 8 * 2, table.longColumn("bytes").get(2), "fp16: two bytes a value, no scales");
        assertTrue(table.doubleColumn("compression").get(4) > 2);
        List<MimeBundle> shown = notebook.displays();
        assertTrue(shown.get(shown.size() - 1).data().containsKey(MimeBundle.IMAGE_PNG), "the stacked bar chart");
    }
}
