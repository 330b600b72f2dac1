package io.github.slim4j.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Bitwise;
import io.github.slim4j.core.TestNetworks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class FloatReaderTest {

    static Stream<Arguments> tensors() {
        Nd4j.getRandom().setSeed(11);
        INDArray big = Nd4j.rand(DataType.FLOAT, 3, 5000);
        INDArray cube = Nd4j.rand(DataType.FLOAT, 4, 5, 6);
        INDArray matrix = Nd4j.rand(DataType.FLOAT, 6, 7);
        MultiLayerNetwork net = TestNetworks.mlp();
        return Stream.of(
                named("c-order matrix", matrix),
                named("f-order matrix", Nd4j.rand(DataType.FLOAT, 6, 7).dup('f')),
                named("transpose", matrix.transpose()),
                named("row slice", matrix.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all())),
                named("column slice (strided)", matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3))),
                named("every other row (strided)", matrix.get(NDArrayIndex.interval(0, 2, 6), NDArrayIndex.all())),
                named("slice of a 3d tensor", cube.get(NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.all())),
                named("view of a view", cube.get(NDArrayIndex.point(3), NDArrayIndex.all(), NDArrayIndex.all())
                        .get(NDArrayIndex.interval(1, 4), NDArrayIndex.all())),
                named("row of a big tensor, several chunks at an offset", big.getRow(2)),
                named("DL4J weight view", net.getParam("1_W")),
                named("DL4J bias view", net.getParam("0_b")),
                named("double", Nd4j.rand(DataType.DOUBLE, 9000)),
                named("double strided view", Nd4j.rand(DataType.DOUBLE, 5, 4).get(NDArrayIndex.all(), NDArrayIndex.point(1))),
                named("half", Nd4j.rand(DataType.FLOAT, 100).castTo(DataType.FLOAT16)),
                named("int", Nd4j.arange(20).castTo(DataType.INT32)),
                named("scalar", Nd4j.scalar(3.5f)),
                named("single element view", matrix.get(NDArrayIndex.point(4), NDArrayIndex.point(5))));
    }

    private static Arguments named(String name, INDArray tensor) {
        return Arguments.of(Named.of(name, tensor));
    }

    // INDArray is AutoCloseable, and closing one frees the buffer its views share.
    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("tensors")
    void readsExactlyTheTensorsValues(INDArray tensor) {
        float[] expected = new float[(int) tensor.length()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) tensor.getDouble(i);
        }
        assertArrayEquals(sorted(expected), sorted(read(tensor)));
    }

    @Test
    void emptyTensorGivesNoChunks() {
        assertEquals(0, read(Nd4j.create(DataType.FLOAT, 0)).length);
    }

    @Test
    void denseMeansOneUnbrokenRangeInAnyDimensionOrder() {
        INDArray matrix = Nd4j.rand(DataType.FLOAT, 6, 7);
        assertTrue(FloatReader.isDense(matrix));
        assertTrue(FloatReader.isDense(matrix.transpose()));
        assertTrue(FloatReader.isDense(matrix.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all())));
        assertTrue(FloatReader.isDense(matrix.get(NDArrayIndex.point(1), NDArrayIndex.all())));
        assertFalse(FloatReader.isDense(matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3))));
        assertFalse(FloatReader.isDense(matrix.get(NDArrayIndex.all(), NDArrayIndex.point(1))));
        assertFalse(FloatReader.isDense(matrix.get(NDArrayIndex.interval(0, 2, 6), NDArrayIndex.all())));
    }

    @Test
    void readingDoesNotChangeTheTensor() {
        INDArray matrix = Nd4j.rand(DataType.FLOAT, 6, 7);
        INDArray before = matrix.dup();
        FloatReader.forEachChunk(matrix, (chunk, length) -> Arrays.fill(chunk, 0, length, -1f));
        Bitwise.assertIdentical(before, matrix);
    }

    /*
     * A tensor made for the call is referenced by nothing but the reader while it is read: a
     * collection mid-read once let ND4J free its memory under the reader, and another tensor reuse
     * it (a flaky statistics test showed it). The consumer forces that collection and reuse.
     */
    @Test
    void aTensorOnlyTheReaderHoldsStaysReadableThroughACollection() {
        int length = 4 * FloatReader.CHUNK;
        float[] ones = new float[length];
        Arrays.fill(ones, 1f);
        List<INDArray> reusers = new ArrayList<>();
        // Compiled code, unlike the interpreter, treats a local as dead after its last use.
        INDArray one = Nd4j.ones(DataType.FLOAT, 1);
        for (int call = 0; call < 50_000; call++) {
            FloatReader.forEachChunk(one, (chunk, n) -> { });
        }
        double[] sum = {0};
        FloatReader.forEachChunk(FloatArrays.create(ones, length), (chunk, n) -> {
            if (reusers.isEmpty()) {
                collectAndReuseFreedMemory(length, reusers);
            }
            for (int i = 0; i < n; i++) {
                sum[0] += chunk[i];
            }
        });
        assertEquals(length, sum[0]);
    }

    private static void collectAndReuseFreedMemory(int length, List<INDArray> reusers) {
        for (int round = 0; round < 5; round++) {
            System.gc();
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reusers.add(Nd4j.valueArrayOf(new long[] {length}, -7f, DataType.FLOAT));
        }
    }

    @Test
    void partsAreContiguousRangesInBufferOrderEachReadIntoItsOwnConsumer() {
        INDArray big = Nd4j.rand(DataType.FLOAT, 3, (int) (2 * FloatReader.MIN_PART + 17));
        for (INDArray tensor : new INDArray[] {big, big.getRow(1), big.castTo(DataType.DOUBLE)}) {
            List<Collector> parts = FloatReader.forEachChunkInParts(tensor, Collector::new);
            // The common pool has at least one thread besides the caller.
            assertTrue(parts.size() >= 2, "a tensor of " + tensor.length() + " values is read in parts, got " + parts.size());
            float[] joined = new float[0];
            for (Collector part : parts) {
                int at = joined.length;
                joined = Arrays.copyOf(joined, at + part.values.length);
                System.arraycopy(part.values, 0, joined, at, part.values.length);
            }
            assertArrayEquals(tensor.dup('c').castTo(DataType.FLOAT).data().asFloat(), joined);
        }
    }

    @Test
    void aSmallTensorIsOnePartAndAnEmptyOneIsAnUnreadPart() {
        INDArray small = Nd4j.rand(DataType.FLOAT, 2 * FloatReader.MIN_PART - 1);
        List<Collector> parts = FloatReader.forEachChunkInParts(small, Collector::new);
        assertEquals(1, parts.size());
        assertArrayEquals(small.data().asFloat(), parts.get(0).values);
        List<Collector> empty = FloatReader.forEachChunkInParts(Nd4j.create(DataType.FLOAT, 0), Collector::new);
        assertEquals(1, empty.size());
        assertEquals(0, empty.get(0).values.length);
    }

    private static final class Collector implements FloatReader.ChunkConsumer {
        float[] values = new float[0];

        @Override
        public void accept(float[] chunk, int length) {
            int at = values.length;
            values = Arrays.copyOf(values, at + length);
            System.arraycopy(chunk, 0, values, at, length);
        }
    }

    private static float[] read(INDArray tensor) {
        float[][] out = {new float[0]};
        FloatReader.forEachChunk(tensor, (chunk, length) -> {
            assertTrue(length > 0 && length <= FloatReader.CHUNK);
            int at = out[0].length;
            out[0] = Arrays.copyOf(out[0], at + length);
            System.arraycopy(chunk, 0, out[0], at, length);
        });
        return out[0];
    }

    private static float[] sorted(float[] values) {
        float[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
