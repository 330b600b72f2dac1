package io.github.slim4j.magics.calibrate;

import io.github.slim4j.core.calib.Calibrations;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.magics.InMemoryNotebook;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.RawBits;
import io.github.slim4j.magics.RawBits;
import io.github.slim4j.magics.TestModels;
import io.github.slim4j.magics.spi.MimeBundle;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrateMagicTest {

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final MultiLayerNetwork net = TestModels.mlp(71);
    private final InMemoryNotebook notebook = new InMemoryNotebook().with("net", net)
            .with("train", TestModels.data(200, 20, 5)).with("val", TestModels.data(100, 25, 6));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private Table run(String magic, String line) {
        return catalog.run(magic, List.of(line.split(" ")), notebook);
    }

    private String error(String magic, String line) {
        return assertThrows(MagicException.class, () -> run(magic, line)).getMessage();
    }

    @Test
    void aPassRecordsEveryPointAndTheNetworkKeepsItsStatistics() {
        INDArray params = net.params().dup();
        Table table = run("calibrate", "net --data val");
        assertEquals(List.of("input", "0", "1"), table.stringColumn("point").asList());
        assertEquals("mse", table.stringColumn("method").get(0), "the default method");
        assertTrue(Calibrations.of(ModelHandle.of(net)).isPresent());
        RawBits.assertIdentical(params, net.params(), "calibration reads the network, never changes it");
        List<MimeBundle> shown = notebook.displays();
        MimeBundle grid = shown.get(shown.size() - 1);
        assertTrue(grid.plain().startsWith("[charts: net: input (mse); net: 0 (mse); net: 1 (mse)"), grid.plain());
        assertTrue(grid.data().containsKey(MimeBundle.IMAGE_PNG), "one grid image of the three histograms");
    }

    @Test
    void batchesLimitThePassAndLayerDrawsOnePoint() {
        run("calibrate", "net --data val --batches 2 --layer 0");
        assertEquals(2, Calibrations.of(ModelHandle.of(net)).orElseThrow().batches(), "val has 4 batches of 25");
        MimeBundle chart = notebook.displays().get(notebook.displays().size() - 1);
        assertEquals("[chart: net: 0 (mse)]", chart.plain());
        assertEquals("%calibrate: --layer 'fc9' is not a quantization point of net; points are input, 0, 1",
                error("calibrate", "net --layer fc9"));
    }

    @Test
    void anotherMethodIsChosenFromTheStatisticsWithoutData() {
        String before = error("calibrate", "net --method mse");
        assertEquals("%calibrate: choosing a method without --data needs statistics, and net has not been calibrated; "
                + "run %calibrate net --data ITER first", before);
        run("calibrate", "net --data val");
        Table mse = run("calibrate", "net --method mse --bits 6");
        assertEquals("mse", mse.stringColumn("method").get(1));
        assertTrue(mse.name().contains("uint6"), mse.name());
        assertEquals("mse", Calibrations.of(ModelHandle.of(net)).orElseThrow().method().text());
        Table entropy = run("calibrate", "net --method entropy");
        assertTrue(entropy.name().contains("entropy, uint6"), "what is not given stays as chosen last: " + entropy.name());
        Table symmetric = run("calibrate", "net --scheme symmetric");
        assertTrue(symmetric.name().contains("entropy, int6:tensor"), symmetric.name());
    }

    @Test
    void everyMethodAtEveryPointWithTheBestMarked() {
        run("calibrate", "net --data val");
        Table methods = run("calibrate", "net --methods");
        assertEquals(3 * 6, methods.rowCount());
        for (String point : List.of("input", "0", "1")) {
            assertTrue(methods.where(methods.stringColumn("point").isEqualTo(point)).stringColumn("best").contains("◀ best SQNR"), point);
        }
    }

    @Test
    void asKeepsTheSimulatedNetworkAndQuantizeActivationsMakesItFromTheCache() {
        assertEquals("%quantize: --activations needs net's activation ranges; calibrate it first: %calibrate net --data ITER",
                error("quantize", "net --activations --as w8a8"));
        run("calibrate", "net --data val --as simulated");
        MultiLayerNetwork simulated = assertInstanceOf(MultiLayerNetwork.class, notebook.variable("simulated"));
        assertEquals(net.getnLayers() + 1, simulated.getnLayers(), "one fake-quant layer after the hidden layer; the output stays float");
        Table activations = run("quantize", "net --activations --bits 4 --as w4a4");
        assertEquals(List.of("input", "0", "1"), activations.stringColumn("point").asList());
        assertEquals("uint4:affine:tensor", activations.stringColumn("format").get(0));
        assertInstanceOf(MultiLayerNetwork.class, notebook.variable("w4a4"));
    }

    @Test
    void activationsInHandGetTheirRangeAndComeBackQuantized() {
        INDArray x = Nd4j.linspace(-2, 6, 101).castTo(DataType.FLOAT);
        List<INDArray> batches = List.of(Nd4j.linspace(0, 1, 50).castTo(DataType.FLOAT), Nd4j.linspace(-1, 3, 50).castTo(DataType.FLOAT));
        notebook.with("x", x).with("batches", batches);

        Table one = run("calibrate", "x --method minmax --bits 4 --as xq");
        assertEquals(-2.0, one.doubleColumn("range min").get(0), 1e-6);
        assertEquals(6.0, one.doubleColumn("range max").get(0), 1e-6);
        INDArray quantized = (INDArray) notebook.variable("xq");
        assertEquals(x.length(), quantized.length());
        assertTrue(quantized.sub(x).amaxNumber().doubleValue() <= one.doubleColumn("scale").get(0) / 2 + 1e-6);

        run("calibrate", "batches --method ema --dtype int8 --scheme symmetric --as bq");
        assertEquals(2, ((List<?>) notebook.variable("bq")).size());

        assertEquals("%calibrate: --data works on a network; x holds activations (an INDArray), which take --method, --bits, "
                + "--scheme, --dtype and --as", error("calibrate", "x --data val"));
    }

    @Test
    void equalizationAndTrainingChangeTheNetworkOrACopy() {
        Table equalized = run("calibrate", "net --equalize --as eq");
        assertEquals(List.of("0"), equalized.stringColumn("layer").asList());
        assertInstanceOf(MultiLayerNetwork.class, notebook.variable("eq"));
        assertEquals("%calibrate: quantization-aware training needs quantized weights; the model has none (quantize it first)",
                error("calibrate", "net --qat --train train"));
        run("quantize", "net --bits 4 --chart none");
        Table trained = run("calibrate", "net --qat --train train --epochs 1");
        assertEquals(List.of("0_W", "1_W"), trained.stringColumn("tensor").asList());
        assertEquals("%calibrate: --qat needs --train (see %help calibrate)", error("calibrate", "net --qat"));
    }

    @Test
    void biasCorrectionMovesTheBiasesOfAQuantizedCopyTowardsItsReference() {
        run("quantize", "net --bits 3 --granularity tensor --as q3 --chart none");
        MultiLayerNetwork q3 = (MultiLayerNetwork) notebook.variable("q3");
        INDArray weights = q3.getParam("0_W").dup();
        INDArray bias = q3.getParam("0_b").dup();
        Table table = run("calibrate", "q3 --bias-correction --ref net --data val");
        assertEquals(List.of("0", "1"), table.stringColumn("layer").asList());
        assertTrue(table.doubleColumn("max |correction|").get(0) > 0);
        RawBits.assertIdentical(weights, q3.getParam("0_W"), "only biases move");
        assertTrue(!bias.equals(q3.getParam("0_b")));
        assertEquals("%calibrate: --bias-correction needs --ref (see %help calibrate)", error("calibrate", "q3 --bias-correction --data val"));
    }

}
