package io.github.slim4j.magics;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;

/**
 * Data that interrupts the thread reading it after some batches, counted over every pass (a reset
 * does not start the count again), as a user's interrupt would.
 */
public final class InterruptingIterator implements DataSetIterator {

    private final DataSetIterator data;
    private final int batchesBeforeInterrupt;
    private int served;

    public InterruptingIterator(DataSetIterator data, int batchesBeforeInterrupt) {
        this.data = data;
        this.batchesBeforeInterrupt = batchesBeforeInterrupt;
    }

    @Override
    public DataSet next(int num) {
        return next();
    }

    @Override
    public DataSet next() {
        DataSet batch = data.next();
        if (++served == batchesBeforeInterrupt) {
            Thread.currentThread().interrupt();
        }
        return batch;
    }

    @Override
    public boolean hasNext() {
        return data.hasNext();
    }

    @Override
    public int inputColumns() {
        return data.inputColumns();
    }

    @Override
    public int totalOutcomes() {
        return data.totalOutcomes();
    }

    @Override
    public boolean resetSupported() {
        return data.resetSupported();
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        data.reset();
    }

    @Override
    public int batch() {
        return data.batch();
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        data.setPreProcessor(preProcessor);
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return data.getPreProcessor();
    }

    @Override
    public List<String> getLabels() {
        return data.getLabels();
    }
}
