package io.github.slim4j.core;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/** Synthetic labeled data for tests that need a shape rather than a meaning. */
public final class TestData {
    private TestData() {
    }

    /** Random features in [0, 1) and one-hot labels of random classes, in a resettable iterator. */
    public static DataSetIterator random(int examples, int columns, int classes, int batch) {
        Nd4j.getRandom().setSeed(examples * 31L + columns);
        float[] labels = new float[examples * classes];
        java.util.Random random = new java.util.Random(examples);
        for (int i = 0; i < examples; i++) {
            labels[i * classes + random.nextInt(classes)] = 1;
        }
        DataSet all = new DataSet(Nd4j.rand(DataType.FLOAT, examples, columns),
                Nd4j.create(labels, new long[] {examples, classes}, 'c'));
        return new ListDataSetIterator<>(all.asList(), batch);
    }
}
