package io.github.slim4j.magics.sensitivity;

import io.github.slim4j.magics.InMemoryNotebook;
import io.github.slim4j.magics.InterruptingIterator;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.RawBits;
import io.github.slim4j.magics.TestModels;
import io.github.slim4j.magics.spi.MimeBundle;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SensitivityMagicTest {

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final MultiLayerNetwork net = TestModels.mlp(41);
    private final InMemoryNotebook notebook = new InMemoryNotebook().with("net", net).with("val", TestModels.data(100, 50, 8));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void oneRowPerTensorAndLevelAndALineChartAndTheModelUnchanged() {
        INDArray before = net.params().dup();
        Table table = catalog.run("sensitivity", List.of("net", "--data", "val", "--prune", "0:0.9:0.3"), notebook);
        assertEquals(2 * 4, table.rowCount());
        assertEquals(List.of(0.0, 0.3, 0.6, 0.9), table.doubleColumn("sparsity").asList().subList(0, 4));
        assertEquals(0.0, table.doubleColumn("accuracy drop").get(0), 1e-12);
        RawBits.assertIdentical(before, net.params());
        List<MimeBundle> shown = notebook.displays();
        assertTrue(shown.get(shown.size() - 1).data().containsKey(MimeBundle.IMAGE_PNG));
    }

    @Test
    void layersNarrowTheSweep() {
        Table table = catalog.run("sensitivity", List.of("net", "--data", "val", "--prune", "0.5:0.5:0.1", "--layers", "1"), notebook);
        assertEquals(List.of("1"), table.stringColumn("layer").unique().asList());
    }

    @Test
    void anInterruptShowsThePointsSoFarAndLeavesTheModelAsItWas() {
        INDArray before = net.params().dup();
        notebook.with("slow", new InterruptingIterator(TestModels.data(100, 50, 8), 5));
        MagicException error = assertThrows(MagicException.class,
                () -> catalog.run("sensitivity", List.of("net", "--data", "slow", "--prune", "0:0.9:0.1"), notebook));
        assertTrue(error.getMessage().startsWith("%sensitivity: interrupted after "), error.getMessage());
        RawBits.assertIdentical(before, net.params());
    }

    @Test
    void badLevelsAreOneLine() {
        MagicException error = assertThrows(MagicException.class,
                () -> catalog.run("sensitivity", List.of("net", "--data", "val", "--prune", "0:2:0.5"), notebook));
        assertEquals("%sensitivity: --prune must be sparsities FROM:TO:STEP, each from 0 to 1, such as 0:0.9:0.1 (TO included), got '0:2:0.5'",
                error.getMessage());
    }
}
