package io.github.slim4j.core.data;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.tensor.FloatArrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * Batches of labeled examples held in memory as unsigned bytes, scaled to float {@code [0, 1]}
 * one batch at a time (a quarter of the memory of holding floats). Labels are one-hot. Every pass
 * gives the examples in the same order; {@link #reset()} starts a new pass.
 */
public final class InMemoryDataSetIterator implements SizedDataSetIterator {
    private static final long serialVersionUID = 1L;

    private final byte[] features;
    private final byte[] labels;
    private final int columns;
    private final long[] exampleShape;
    private final List<String> classNames;
    private final int batch;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    /**
     * @param features {@code columns} bytes per example, example after example
     * @param labels one class index per example, each below {@code classNames.size()}
     * @param exampleShape the shape each example's features take in a batch, {@code columns} values in all
     */
    InMemoryDataSetIterator(byte[] features, byte[] labels, int columns, long[] exampleShape, List<String> classNames, int batch) {
        this.features = features;
        this.labels = labels;
        this.columns = columns;
        this.exampleShape = exampleShape.clone();
        this.classNames = List.copyOf(classNames);
        this.batch = batch;
    }

    @Override
    public DataSet next(int num) {
        if (num < 1) {
            throw new Slim4jException("a batch must hold at least 1 example, got " + num);
        }
        if (!hasNext()) {
            throw new NoSuchElementException("no examples left in this pass; call reset()");
        }
        int rows = Math.min(num, labels.length - cursor);
        float[] x = new float[rows * columns];
        int from = cursor * columns;
        for (int i = 0; i < x.length; i++) {
            x[i] = (features[from + i] & 0xff) / 255f;
        }
        int classes = classNames.size();
        float[] y = new float[rows * classes];
        for (int r = 0; r < rows; r++) {
            y[r * classes + labels[cursor + r]] = 1f;
        }
        cursor += rows;
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = rows;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        INDArray featureArray = FloatArrays.create(x, shape);
        INDArray labelArray = FloatArrays.create(y, rows, classes);
        DataSet data = new DataSet(featureArray, labelArray);
        if (preProcessor != null) {
            preProcessor.preProcess(data);
        }
        return data;
    }

    @Override
    public DataSet next() {
        return next(batch);
    }

    @Override
    public boolean hasNext() {
        return cursor < labels.length;
    }

    @Override
    public int totalExamples() {
        return labels.length;
    }

    @Override
    public int inputColumns() {
        return columns;
    }

    @Override
    public int totalOutcomes() {
        return classNames.size();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** Batches are cheap to make, so DL4J's prefetching thread would only add overhead. */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** The class names, indexed like the one-hot label columns. */
    @Override
    public List<String> getLabels() {
        return classNames;
    }
}
