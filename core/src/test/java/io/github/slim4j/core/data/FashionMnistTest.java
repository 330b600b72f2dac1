package io.github.slim4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Reads the Fashion-MNIST files Debian's dataset-fashion-mnist package installs. */
class FashionMnistTest {

    @Test
    void subsetHasTheRightShapesAndValues() {
        DataSetIterator it = FashionMnist.test().subset(100).batchSize(32).iterator();

        assertEquals(784, it.inputColumns());
        assertEquals(10, it.totalOutcomes());
        assertEquals(32, it.batch());
        assertEquals(100, ((SizedDataSetIterator) it).totalExamples());
        assertEquals(100, ((SizedDataSetIterator) it).numExamples());
        assertEquals(FashionMnist.classNames(), it.getLabels());
        assertTrue(it.resetSupported());

        List<Integer> batchSizes = new ArrayList<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            INDArray x = batch.getFeatures();
            INDArray y = batch.getLabels();
            batchSizes.add((int) x.size(0));
            assertEquals(org.nd4j.linalg.api.buffer.DataType.FLOAT, x.dataType());
            assertEquals(784, x.size(1));
            assertEquals(10, y.size(1));
            assertTrue(x.minNumber().doubleValue() >= 0 && x.maxNumber().doubleValue() <= 1);
            assertEquals(1.0, x.maxNumber().doubleValue(), 1e-6, "some pixel is full white");
            assertEquals(Nd4j.ones(x.size(0)), y.sum(1).castTo(Nd4j.ones(1).dataType()), "one-hot rows");
            assertEquals((double) x.size(0), y.sumNumber().doubleValue(), 0);
        }
        assertEquals(List.of(32, 32, 32, 4), batchSizes);
    }

    @Test
    void sameSeedSameExamplesOtherSeedOthers() {
        INDArray first = features(FashionMnist.test().subset(100).iterator());
        INDArray again = features(FashionMnist.test().subset(100).iterator());
        INDArray other = features(FashionMnist.test().subset(100).seed(7).iterator());

        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void skipContinuesTheSameOrderSoSubsetsDoNotOverlap() {
        DataSet first300 = FashionMnist.test().seed(7).subset(300).batchSize(300).iterator().next();
        DataSet after100 = FashionMnist.test().seed(7).skip(100).subset(200).batchSize(200).iterator().next();
        assertEquals(first300.getFeatures().get(NDArrayIndex.interval(100, 300), NDArrayIndex.all()), after100.getFeatures());
        assertEquals(first300.getLabels().get(NDArrayIndex.interval(100, 300), NDArrayIndex.all()), after100.getLabels());
        Slim4jException tooFar = assertThrows(Slim4jException.class,
                () -> FashionMnist.test().skip(9_900).subset(200).iterator());
        assertTrue(tooFar.getMessage().contains("at most 100") && tooFar.getMessage().contains("after skipping 9900"), tooFar.getMessage());
    }

    @Test
    void resetGivesTheSamePassAgain() {
        DataSetIterator it = FashionMnist.test().subset(70).batchSize(70).iterator();
        DataSet first = it.next();
        assertFalse(it.hasNext());
        it.reset();
        assertEquals(first, it.next());
    }

    @Test
    void subsetKeepsTheClassBalanceRoughly() {
        INDArray labels = FashionMnist.train().subset(2000).batchSize(2000).iterator().next().getLabels();
        double[] perClass = labels.sum(0).toDoubleVector();
        for (double count : perClass) {
            assertTrue(count > 140 && count < 260, java.util.Arrays.toString(perClass));
        }
    }

    @Test
    void fullTestSetAndSize() {
        FashionMnist test = FashionMnist.test();
        assertEquals(10_000, test.size());
        assertEquals(60_000, FashionMnist.train().size());
        SizedDataSetIterator it = (SizedDataSetIterator) test.batchSize(1000).iterator();
        assertEquals(10_000, it.totalExamples());
        double[] perClass = it.next().getLabels().sum(0).toDoubleVector();
        assertEquals(1000, java.util.Arrays.stream(perClass).sum());
    }

    @Test
    void badSettingsAreRejected() {
        assertEquals("subset must be at least 1 example, got 0",
                assertThrows(Slim4jException.class, () -> FashionMnist.test().subset(0)).getMessage());
        assertEquals("batchSize must be at least 1, got -3",
                assertThrows(Slim4jException.class, () -> FashionMnist.test().batchSize(-3)).getMessage());
        Slim4jException tooMany = assertThrows(Slim4jException.class, () -> FashionMnist.test().subset(10_001).iterator());
        assertTrue(tooMany.getMessage().startsWith("subset must be at most 10000 (the examples in "), tooMany.getMessage());
    }

    @Test
    void missingFilesNameThePathTheAptPackageAndTheVariable(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere");
        Slim4jException e = assertThrows(Slim4jException.class, () -> FashionMnist.train().directory(missing).iterator());
        assertEquals("Fashion-MNIST file " + missing.resolve("train-images-idx3-ubyte.gz")
                + " not found; install it with `sudo apt-get install dataset-fashion-mnist`"
                + " or set SLIM4J_FASHION_MNIST to the directory that holds it", e.getMessage());
    }

    @Test
    void badMagicNumberNamesTheFileAndWhatWasExpected(@TempDir Path dir) throws IOException {
        writeIdx(dir.resolve("t10k-images-idx3-ubyte.gz"), 0x00000801, 2);
        writeIdx(dir.resolve("t10k-labels-idx1-ubyte.gz"), 0x00000801, 2);
        Slim4jException e = assertThrows(Slim4jException.class, () -> FashionMnist.test().directory(dir).iterator());
        assertEquals(dir.resolve("t10k-images-idx3-ubyte.gz") + " is not an IDX image file: its magic number is 0x00000801,"
                + " expected 0x00000803", e.getMessage());
    }

    @Test
    void notGzipNamesTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("t10k-images-idx3-ubyte.gz"), "not gzip at all");
        Files.writeString(dir.resolve("t10k-labels-idx1-ubyte.gz"), "not gzip at all");
        Slim4jException e = assertThrows(Slim4jException.class, () -> FashionMnist.test().directory(dir).iterator());
        assertEquals(dir.resolve("t10k-images-idx3-ubyte.gz") + " is not a gzip file (expected gzip-compressed IDX):"
                + " Not in GZIP format", e.getMessage());
    }

    @Test
    void truncatedFileSaysWhereItEnds(@TempDir Path dir) throws IOException {
        try (DataOutputStream out = gzip(dir.resolve("t10k-images-idx3-ubyte.gz"))) {
            out.writeInt(0x00000803);
            out.writeInt(3);
            out.writeInt(2);
            out.writeInt(2);
            out.write(new byte[4 * 2]);
        }
        try (DataOutputStream out = gzip(dir.resolve("t10k-labels-idx1-ubyte.gz"))) {
            out.writeInt(0x00000801);
            out.writeInt(3);
            out.write(new byte[] {1, 2, 3});
        }
        Slim4jException e = assertThrows(Slim4jException.class, () -> FashionMnist.test().directory(dir).iterator());
        assertTrue(e.getMessage().endsWith("-images-idx3-ubyte.gz ends after 2 of the 3 items its header announces;"
                + " the file is truncated"), e.getMessage());
    }

    @Test
    void smallWellFormedFilesReadExactly(@TempDir Path dir) throws IOException {
        try (DataOutputStream out = gzip(dir.resolve("t10k-images-idx3-ubyte.gz"))) {
            out.writeInt(0x00000803);
            out.writeInt(2);
            out.writeInt(1);
            out.writeInt(2);
            out.write(new byte[] {0, (byte) 255, (byte) 51, 102});
        }
        try (DataOutputStream out = gzip(dir.resolve("t10k-labels-idx1-ubyte.gz"))) {
            out.writeInt(0x00000801);
            out.writeInt(2);
            out.write(new byte[] {9, 0});
        }
        DataSet all = FashionMnist.test().directory(dir).batchSize(2).iterator().next();
        float[] pixels = all.getFeatures().data().asFloat();
        java.util.Arrays.sort(pixels);
        assertArrayEquals(new float[] {0, 0.2f, 0.4f, 1}, pixels, 1e-7f);
        assertEquals(2, all.getFeatures().size(1));
        assertEquals(1.0, all.getLabels().getDouble(0, 9) + all.getLabels().getDouble(1, 9), 0);

        // Images of 1 row by 2 columns: the same values in the same order, shaped for image models.
        INDArray flat = FashionMnist.test().directory(dir).batchSize(2).iterator().next().getFeatures();
        INDArray nchw = FashionMnist.test().directory(dir).images().batchSize(2).iterator().next().getFeatures();
        INDArray nhwc = FashionMnist.test().directory(dir).imagesChannelsLast().batchSize(2).iterator().next().getFeatures();
        assertArrayEquals(new long[] {2, 1, 1, 2}, nchw.shape());
        assertArrayEquals(new long[] {2, 1, 2, 1}, nhwc.shape());
        assertArrayEquals(flat.data().asFloat(), nchw.data().asFloat(), 0f);
        assertArrayEquals(flat.data().asFloat(), nhwc.data().asFloat(), 0f);
    }

    private static INDArray features(DataSetIterator it) {
        List<INDArray> batches = new ArrayList<>();
        it.forEachRemaining(batch -> batches.add(batch.getFeatures()));
        return Nd4j.vstack(batches);
    }

    private static void writeIdx(Path file, int magic, int count) throws IOException {
        try (DataOutputStream out = gzip(file)) {
            out.writeInt(magic);
            out.writeInt(count);
            out.write(new byte[count]);
        }
    }

    private static DataOutputStream gzip(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        return new DataOutputStream(new GZIPOutputStream(raw));
    }
}
