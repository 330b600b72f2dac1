package io.github.slim4j.magics.compare;

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

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareMagicTest {

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final MultiLayerNetwork net = TestModels.mlp(5);
    private final InMemoryNotebook notebook = new InMemoryNotebook().with("net", net).with("other", TestModels.mlp(6));

    @Test
    void oneRowPerModelWithSizeFigures() {
        INDArray sparse = Nd4j.createFromArray(new float[] {0, 0, 1, 2});
        notebook.with("sparse", Map.of("w", sparse));
        Table table = catalog.run("compare", List.of("net", "sparse"), notebook);
        assertEquals(List.of("net", "sparse"), table.stringColumn("model").asList());
        assertEquals(net.numParams(), table.longColumn("parameters").get(0));
        assertEquals(2L, table.longColumn("non-zeros").get(1));
        // Half zeros: a 4-bit mask and the two non-zeros (68 bits) beat 4 dense floats (128 bits).
        assertEquals(9L, table.longColumn("storage bytes").get(1));
        assertEquals(17.0, table.doubleColumn("bits/weight").get(1));
        assertFalse(table.columnNames().contains("accuracy"), "no data, no accuracy column");
    }

    @Test
    void withDataEveryNetworkGetsAnAccuracyAndTheChartPlotsIt() {
        notebook.with("test", TestModels.data(100, 25, 2));
        Table table = catalog.run("compare", List.of("net", "other", "--data", "test"), notebook);
        assertEquals(0, table.doubleColumn("accuracy").countMissing());
        List<MimeBundle> shown = notebook.displays();
        assertTrue(shown.get(shown.size() - 1).data().containsKey(MimeBundle.IMAGE_PNG));
    }

    @Test
    void aModelThatIsNotAVariableIsNamed() {
        MagicException error = assertThrows(MagicException.class, () -> catalog.run("compare", List.of("net", "ohter"), notebook));
        assertEquals("%compare: MODEL 'ohter' is not a notebook variable; did you mean 'other'?", error.getMessage());
    }

    @Test
    void theSameModelTwiceIsOneClearError() {
        notebook.with("test", TestModels.data(20, 10, 2));
        MagicException error = assertThrows(MagicException.class, () -> catalog.run("compare", List.of("net", "net", "--data", "test"), notebook));
        assertEquals("%compare: MODEL 'net' is given twice; name each model once", error.getMessage());
    }

    @Test
    void needsAtLeastOneModel() {
        MagicException error = assertThrows(MagicException.class, () -> catalog.run("compare", List.of(), notebook));
        assertTrue(error.getMessage().startsWith("%compare: missing MODEL: "), error.getMessage());
    }
}
