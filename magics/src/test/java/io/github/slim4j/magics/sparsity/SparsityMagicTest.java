package io.github.slim4j.magics.sparsity;

import io.github.slim4j.magics.InMemoryNotebook;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.magics.TestModels;
import io.github.slim4j.magics.spi.MimeBundle;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparsityMagicTest {

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final MultiLayerNetwork net = TestModels.mlp(51);
    private final InMemoryNotebook notebook = new InMemoryNotebook().with("net", net);

    @Test
    void aPrunedNetworkShowsItsMasksAndTheStorageTheyFree() {
        catalog.run("prune", List.of("net", "--sparsity", "0.9"), notebook);
        Table table = catalog.run("sparsity", List.of("net"), notebook);
        assertEquals(List.of("0_W", "0_b", "1_W", "1_b", ""), table.stringColumn("tensor").asList());
        assertEquals(0.9, table.doubleColumn("sparsity").get(0), 0.005);
        assertEquals(173L, table.longColumn("masked").get(0), "round(0.9 × 192) entries masked");
        assertTrue(table.longColumn("masked").isMissing(1), "biases carry no mask");
        assertEquals("bitmask", table.stringColumn("storage").get(0));
        assertTrue(table.longColumn("stored bytes").get(4) < table.longColumn("dense bytes").get(4));
        List<MimeBundle> shown = notebook.displays();
        assertTrue(shown.get(shown.size() - 1).data().containsKey(MimeBundle.IMAGE_PNG));
    }

    @Test
    void aTensorModelHasNoMasksButItsZerosCount() {
        notebook.with("w", Map.of("fc.weight", Nd4j.createFromArray(new float[][] {{0, 0, 0, 1}})));
        Table table = catalog.run("sparsity", List.of("w"), notebook);
        assertEquals(0.75, table.doubleColumn("sparsity").get(0));
        assertTrue(table.longColumn("masked").isMissing(0));
        assertEquals(1L, table.longColumn("non-zeros").get(1));
    }
}
