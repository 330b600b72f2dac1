package io.github.slim4j.magics.train;

import io.github.slim4j.magics.InMemoryNotebook;
import io.github.slim4j.magics.InterruptingIterator;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.RawBits;
import io.github.slim4j.magics.TestModels;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainMagicTest {

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final MultiLayerNetwork net = TestModels.mlp(11);
    private final InMemoryNotebook notebook = new InMemoryNotebook().with("net", net).with("train", TestModels.data(300, 30, 4));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void trainsInPlaceAndReportsOneRow() {
        INDArray before = net.params().dup();
        Table table = catalog.run("train", List.of("net", "--data", "train", "--epochs", "2"), notebook);
        assertNotEquals(before, net.params());
        assertEquals(1, table.rowCount());
        assertEquals(2, table.intColumn("epochs").get(0));
        assertEquals(20L, table.longColumn("batches").get(0));
        assertEquals("complete", table.stringColumn("status").get(0));
        assertTrue(table.doubleColumn("final loss").get(0) > 0);
    }

    @Test
    void withAsItTrainsACopyKeptInANewVariableOfTheModelsType() {
        INDArray before = net.params().dup();
        Table table = catalog.run("train", List.of("net", "--data", "train", "--as", "trained"), notebook);
        RawBits.assertIdentical(before, net.params(), "the original is left as it was");
        MultiLayerNetwork trained = (MultiLayerNetwork) notebook.variable("trained");
        assertNotEquals(before, trained.params());
        assertEquals(Optional.of("org.deeplearning4j.nn.multilayer.MultiLayerNetwork"), notebook.declaredType("trained"));
        assertEquals("trained", table.stringColumn("model").get(0));
    }

    @Test
    void aFailedRunDefinesNothing() {
        notebook.with("wide", TestModels.dataOfWidth(20, 5, 30));
        assertThrows(MagicException.class, () -> catalog.run("train", List.of("net", "--data", "wide", "--as", "trained"), notebook));
        assertEquals(null, notebook.variable("trained"));
        assertFalse(notebook.variableNames().contains("trained"));
    }

    @Test
    void interruptKeepsTheWeightsAndSaysHowFarItGot() {
        notebook.with("slow", new InterruptingIterator(TestModels.data(300, 30, 4), 4));
        MagicException error = assertThrows(MagicException.class,
                () -> catalog.run("train", List.of("net", "--data", "slow", "--epochs", "3"), notebook));
        assertEquals("%train: interrupted after 4 batches; net keeps the weights of the last finished batch", error.getMessage());
        String table = notebook.displays().get(notebook.displays().size() - 1).plain();
        assertTrue(table.contains("interrupted"), table);
    }

    @Test
    void withLrTheRunTrainsAtThatRateAndTheNetworkKeepsItsOwn() {
        double own = net.getLearningRate(0);
        MultiLayerNetwork copy = net.clone();
        INDArray before = net.params().dup();
        catalog.run("train", List.of("net", "--data", "train", "--lr", "0.00001"), notebook);
        catalog.run("train", List.of("copy", "--data", "train"), notebook.with("copy", copy));

        // An Adam step moves a weight by at most rate·(1 − β1)/√(1 − β2) ≈ 3.2 × rate: 10 steps at 1e-5 stay within 3.2e-4.
        double largestMove = net.params().sub(before).amaxNumber().doubleValue();
        assertTrue(largestMove > 0 && largestMove <= 10 * 3.2e-5, "largest move " + largestMove);
        assertTrue(copy.params().sub(before).amaxNumber().doubleValue() > 10 * largestMove, "at its own rate " + own);
        assertEquals(own, net.getLearningRate(0), 0);
    }

    @Test
    void lrMustBeAPositiveRateUpToOne() {
        MagicException error = assertThrows(MagicException.class,
                () -> catalog.run("train", List.of("net", "--data", "train", "--lr", "0"), notebook));
        assertEquals("%train: --lr must be a number from 0.0000001 to 1, got '0'", error.getMessage());
    }

    @Test
    void epochsMustBePositive() {
        MagicException error = assertThrows(MagicException.class,
                () -> catalog.run("train", List.of("net", "--data", "train", "--epochs", "0"), notebook));
        assertEquals("%train: --epochs must be an integer from 1 to 10000, got '0'", error.getMessage());
    }
}
