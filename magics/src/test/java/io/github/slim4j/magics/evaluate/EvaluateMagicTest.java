package io.github.slim4j.magics.evaluate;

import io.github.slim4j.magics.InMemoryNotebook;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.RawBits;
import io.github.slim4j.magics.TestModels;
import io.github.slim4j.magics.spi.MimeBundle;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluateMagicTest {

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final MultiLayerNetwork net = TestModels.mlp(3);
    private final InMemoryNotebook notebook = new InMemoryNotebook().with("net", net).with("test", TestModels.data(200, 32, 9));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void reportsAccuracyTop5LossAndSpeedOfEveryExample() {
        Table table = catalog.run("evaluate", List.of("net", "--data", "test"), notebook);
        assertEquals(1, table.rowCount());
        assertEquals(200L, table.longColumn("examples").get(0));
        double accuracy = table.doubleColumn("accuracy").get(0);
        assertTrue(accuracy >= 0 && accuracy <= 1);
        assertTrue(table.doubleColumn("top-5 accuracy").get(0) >= accuracy, "8 classes give a top-5 column");
        assertTrue(table.doubleColumn("loss").get(0) > 0);
        assertTrue(table.doubleColumn("examples/s").get(0) > 0);
        assertEquals("complete", table.stringColumn("status").get(0));
    }

    @Test
    void showsAProgressBarUpdatedInPlaceThatEndsInTheFigure() {
        catalog.run("evaluate", List.of("net", "--data", "test"), notebook);
        List<InMemoryNotebook.Shown> bar = notebook.shown().stream().filter(shown -> shown.displayId().isPresent()).toList();
        assertTrue(bar.size() >= 2);
        assertTrue(bar.stream().allMatch(shown -> shown.displayId().equals(bar.get(0).displayId())));
        String last = bar.get(bar.size() - 1).bundle().plain();
        assertTrue(last.contains("100%") && last.contains("200 examples"), last);
    }

    @Test
    void doesNotChangeTheModel() {
        INDArray before = net.params().dup();
        catalog.run("evaluate", List.of("net", "--data", "test"), notebook);
        RawBits.assertIdentical(before, net.params());
    }

    @Test
    void anInterruptStopsCleanlyWithThePartialFigures() {
        DataSetIterator data = TestModels.data(200, 10, 9);
        notebook.with("slow", new io.github.slim4j.magics.InterruptingIterator(data, 3));
        MagicException error = assertThrows(MagicException.class, () -> catalog.run("evaluate", List.of("net", "--data", "slow"), notebook));
        assertTrue(error.getMessage().startsWith("%evaluate: interrupted after 30 examples"), error.getMessage());
        MimeBundle table = notebook.displays().get(notebook.displays().size() - 1);
        assertTrue(table.plain().contains("interrupted"), table.plain());
    }

    @Test
    void needsADl4jNetwork() {
        notebook.with("w", org.nd4j.linalg.factory.Nd4j.ones(3));
        MagicException error = assertThrows(MagicException.class, () -> catalog.run("evaluate", List.of("w", "--data", "test"), notebook));
        assertEquals("%evaluate: MODEL 'w' holds an INDArray; expected a DL4J network: a MultiLayerNetwork or ComputationGraph", error.getMessage());
    }

    @Test
    void dataMustBeAnIterator() {
        MagicException error = assertThrows(MagicException.class, () -> catalog.run("evaluate", List.of("net", "--data", "net"), notebook));
        assertEquals("%evaluate: --data 'net' holds a MultiLayerNetwork; expected a DataSetIterator", error.getMessage());
    }

    @Test
    void dataOfTheWrongWidthIsOneClearEngineError() {
        notebook.with("wide", TestModels.dataOfWidth(20, 5, 30));
        MagicException error = assertThrows(MagicException.class, () -> catalog.run("evaluate", List.of("net", "--data", "wide"), notebook));
        assertTrue(error.getMessage().startsWith("%evaluate: "), error.getMessage());
        assertTrue(error.getMessage().contains("30"), error.getMessage());
        assertTrue(!error.getMessage().contains("\n"), error.getMessage());
    }
}
