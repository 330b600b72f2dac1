package io.github.slim4j.core.train;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.network.BatchLoop;
import io.github.slim4j.core.network.Network;
import io.github.slim4j.core.network.TrainingState;
import io.github.slim4j.core.progress.ProgressListener;
import java.util.Locale;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Trains a DL4J network in place, one batch at a time, with the network's own configuration
 * (updater, loss, regularization) and listeners.
 */
public final class Trainer {
    private Trainer() {
    }

    /**
     * Trains for {@code epochs} full passes, rewinding the iterator before each. Progress counts
     * batches over all epochs. An interrupt stops the run between batches with
     * {@code complete == false}: the network keeps the weights of the last finished batch, and the
     * thread's interrupt flag stays set. A failure is all-or-nothing: the network gets back the
     * weights, updater state and counters it had before the call, and the exception is rethrown.
     *
     * @throws Slim4jException when epochs is below 1, the model is not a DL4J network, the iterator
     *     has no examples or cannot rewind for a second epoch, or the data does not fit the network
     */
    public static TrainingResult fit(ModelHandle model, DataSetIterator data, int epochs, ProgressListener progress) {
        if (epochs < 1) {
            throw new Slim4jException("epochs must be at least 1, got " + epochs);
        }
        Network network = Network.of(model, "training");
        if (epochs > 1) {
            BatchLoop.requireReset(data, "training passes over the data " + epochs + " times");
        }
        TrainingState before = network.save();
        try {
            return train(network, data, epochs, progress);
        } catch (RuntimeException failure) {
            network.restore(before);
            throw failure;
        }
    }

    private static TrainingResult train(Network network, DataSetIterator data, int epochs, ProgressListener progress) {
        long start = System.nanoTime();
        Run run = new Run(network, epochs, BatchLoop.batchesPerPass(data), progress);
        BatchLoop.start(data);
        int completed = 0;
        boolean complete = true;
        while (completed < epochs) {
            if (completed > 0) {
                data.reset();
            }
            if (!BatchLoop.run(data, run::step)) {
                complete = false;
                break;
            }
            completed++;
            run.endEpoch();
        }
        return new TrainingResult(completed, epochs, run.batches, run.lastLoss, (System.nanoTime() - start) / 1e9, complete);
    }

    /** The counters of one run. */
    private static final class Run {
        private final Network network;
        private final int epochs;
        private final ProgressListener progress;
        private long batchesPerEpoch;
        private int epoch = 1;
        private long batchInEpoch;
        private long batches;
        private double lastLoss = Double.NaN;

        Run(Network network, int epochs, long batchesPerEpoch, ProgressListener progress) {
            this.network = network;
            this.epochs = epochs;
            this.batchesPerEpoch = batchesPerEpoch;
            this.progress = progress;
        }

        void step(DataSet batch) {
            network.checkWidths(batch);
            network.fit(batch);
            lastLoss = network.lastFitScore();
            batches++;
            batchInEpoch++;
            long total = batchesPerEpoch < 0 ? -1 : batchesPerEpoch * epochs;
            String ofBatches = batchesPerEpoch < 0 ? "" : "/" + batchesPerEpoch;
            progress.progress(batches, total, String.format(Locale.ROOT, "epoch %d/%d, batch %d%s, loss %.3g",
                    epoch, epochs, batchInEpoch, ofBatches, lastLoss));
        }

        /** After a first pass the batch count is known even when the iterator did not say. */
        void endEpoch() {
            if (batchesPerEpoch < 0) {
                batchesPerEpoch = batchInEpoch;
            }
            epoch++;
            batchInEpoch = 0;
        }
    }
}
