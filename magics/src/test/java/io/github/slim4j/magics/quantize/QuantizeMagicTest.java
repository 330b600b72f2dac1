package io.github.slim4j.magics.quantize;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.quant.Quantizations;
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
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantizeMagicTest {

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final MultiLayerNetwork net = TestModels.mlp(61);
    private final InMemoryNotebook notebook = new InMemoryNotebook().with("net", net)
            .with("train", TestModels.data(200, 20, 5)).with("val", TestModels.data(100, 50, 6));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private Table quantize(String line) {
        return catalog.run("quantize", List.of(line.split(" ")), notebook);
    }

    private String error(String line) {
        return assertThrows(MagicException.class, () -> quantize(line)).getMessage();
    }

    @Test
    void int8PerChannelByDefaultWeightsOnly() {
        INDArray weights = net.getParam("0_W").dup();
        INDArray bias = net.getParam("0_b").dup();
        Table table = quantize("net");
        assertEquals(List.of("0_W", "1_W", ""), table.stringColumn("tensor").asList());
        assertEquals("int8", table.stringColumn("format").get(0));
        assertEquals(8, table.intColumn("bits").get(0));
        assertEquals(12L * 16 * 4, table.longColumn("bytes before").get(0));
        assertEquals(12L * 16 + 16 * 4, table.longColumn("bytes after").get(0), "one byte a code and a float32 scale per channel");
        assertTrue(table.doubleColumn("SQNR dB").get(0) > 30, "int8 keeps about 40 dB");
        assertNotEquals(weights, net.getParam("0_W"), "the weights now hold their dequantized values");
        RawBits.assertIdentical(bias, net.getParam("0_b"), "biases stay float32");
        assertEquals(2, Quantizations.of(ModelHandle.of(net)).size());
        List<MimeBundle> shown = notebook.displays();
        assertTrue(shown.get(shown.size() - 1).data().containsKey(MimeBundle.IMAGE_PNG), "SQNR bars");
    }

    @Test
    void asGivesACopyOfTheSameKindHoldingDequantizedValues() {
        Map<String, INDArray> weights = new LinkedHashMap<>();
        weights.put("fc1.weight", Nd4j.linspace(-1, 1, 32).reshape(4, 8));
        notebook.with("weights", weights);
        quantize("weights --bits 4 --granularity group:4 --as q4");
        @SuppressWarnings("unchecked")
        Map<String, INDArray> q4 = (Map<String, INDArray>) notebook.variable("q4");
        assertNotSame(weights, q4);
        RawBits.assertIdentical(Nd4j.linspace(-1, 1, 32).reshape(4, 8), weights.get("fc1.weight"), "the original is untouched");
        assertNotEquals(weights.get("fc1.weight"), q4.get("fc1.weight"));
        assertEquals("int4:group4", Quantizations.of(ModelHandle.of(q4)).get("fc1.weight").format().name());
    }

    @Test
    void floatAndFixedFormatsTakeTheirOwnWidth() {
        assertEquals("fp16", quantize("net --format fp16 --as half --chart none").stringColumn("format").get(0));
        assertEquals(8, quantize("net --format fixed:Q3.4 --as fixed --chart none").intColumn("bits").get(0));
        assertEquals(10, quantize("net --format fixed:Q3.6 --as fixed10 --chart none").intColumn("bits").get(0));
        assertEquals("%quantize: fp16 takes 16 bits; --bits 8 does not go with it", error("net --format fp16 --bits 8"));
        assertEquals("%quantize: fixed:Q3.6 takes 10 bits (a sign bit, 3 integer and 6 fraction bits); --bits 8 does not go with it",
                error("net --format fixed:Q3.6 --bits 8"));
        assertEquals("%quantize: --sweep tries several widths, so it needs --format int, uint or pow2; bf16 has a width of its own",
                error("net --format bf16 --sweep 2..8"));
    }

    @Test
    void rangesClipIntegerFormatsAndShowInTheFormat() {
        Table table = quantize("net --bits 4 --range mse --as q --chart none");
        assertEquals(List.of("int4:mse", "int4:mse", ""), table.stringColumn("format").asList());
        assertEquals("int4:mse", Quantizations.of(ModelHandle.of((MultiLayerNetwork) notebook.variable("q"))).get("0_W").format().name());
        assertEquals("uint4:affine:group4:p99.9", quantize("net --format uint --bits 4 --scheme affine --granularity group:4 "
                + "--range percentile:99.9 --as p --chart none").stringColumn("format").get(0));
        assertEquals("int8", quantize("net --range minmax --as m --chart none").stringColumn("format").get(0));
    }

    @Test
    void badRangesAreOneLineAndChangeNothing() {
        INDArray before = net.params().dup();
        assertEquals("%quantize: --range 'l2': unknown weight range 'l2'; ranges are minmax, mse or percentile:P with 0 < P ≤ 100",
                error("net --range l2"));
        assertEquals("%quantize: --range 'percentile:0': a range percentile is more than 0 and at most 100, got 0",
                error("net --range percentile:0"));
        assertEquals("%quantize: --range mse chooses integer ranges, so it needs --format int or uint (or a range in the format itself, "
                + "as int4:mse); fp16 has no range to choose", error("net --format fp16 --range mse"));
        RawBits.assertIdentical(before, net.params());
    }

    @Test
    void layersGetTheirOwnFormats() {
        Table table = quantize("net --layers 0=int4,1=fp16 --chart none");
        assertEquals(List.of("int4", "fp16", ""), table.stringColumn("format").asList());
        String noMatch = error("net --layers conv.*=int8");
        assertTrue(noMatch.startsWith("%quantize: ") && noMatch.contains("conv.*"), noMatch);
    }

    @Test
    void badFormatsWidthsAndGroupsAreOneLineAndChangeNothing() {
        INDArray before = net.params().dup();
        assertTrue(error("net --format int9x").startsWith("%quantize: --format 'int9x': unknown format 'int9x'; formats are "));
        assertEquals("%quantize: --format 'mantissa:30': a reduced mantissa keeps 1 to 22 bits, got 30", error("net --format mantissa:30"));
        assertEquals("%quantize: --bits must be an integer from 2 to 16, got '17'", error("net --bits 17"));
        String group = error("net --bits 4 --granularity group:5");
        assertTrue(group.startsWith("%quantize: ") && group.contains("5"), group);
        assertEquals("%quantize: --axis picks the channel axis, so it needs --granularity channel", error("net --granularity tensor --axis 1"));
        RawBits.assertIdentical(before, net.params());
    }

    @Test
    void nanWeightsAreRefusedNamingTheTensorAndTheCount() {
        net.getParam("1_W").putScalar(0, 0, Float.NaN);
        INDArray before = net.params().dup();
        String message = error("net");
        assertTrue(message.startsWith("%quantize: ") && message.contains("1_W") && message.contains("1 NaN"), message);
        RawBits.assertIdentical(before, net.params());
    }

    @Test
    void aBudgetChoosesWidthsThatFit() {
        Table table = quantize("net --budget 5 --data val --chart none");
        double average = table.doubleColumn("bits").get(table.rowCount() - 1);
        assertTrue(average <= 5.0, "average " + average);
        String path = notebook.displays().stream().map(MimeBundle::plain).filter(plain -> plain.contains("allocation path of net"))
                .findFirst().orElseThrow();
        assertTrue(path.contains("int8") && path.contains("average bits") && path.contains("accuracy"), path);
        assertTrue(error("net --budget 1.5 --data val").startsWith("%quantize: "));
        assertEquals("%quantize: --budget needs --data (see %help quantize)", error("net --budget 4"));
        assertEquals("%quantize: --budget and --bits cannot go together; give one of --budget, --bits (see %help quantize)",
                error("net --budget 4 --bits 4 --data val"));
    }

    @Test
    void aSweepMeasuresEveryWidthAndLeavesTheModelAlone() {
        INDArray before = net.params().dup();
        Table table = quantize("net --sweep 2..4 --data val");
        assertEquals(List.of(2, 3, 4), table.intColumn("bits").asList());
        assertTrue(table.doubleColumn("SQNR dB").get(2) > table.doubleColumn("SQNR dB").get(0));
        RawBits.assertIdentical(before, net.params());
        assertEquals(0, Quantizations.of(ModelHandle.of(net)).size());
    }

    @Test
    void dataNeedsAMode() {
        assertEquals("%quantize: --data goes with --budget or --sweep (see %help quantize)", error("net --data val"));
    }
}
