package io.github.slim4j.core.network;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.data.SizedDataSetIterator;
import java.util.function.Consumer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** One pass over a data iterator that stops cleanly when the thread is interrupted. */
public final class BatchLoop {
    private BatchLoop() {
    }

    /**
     * Rewinds the iterator when it can, so that work always sees the whole data.
     *
     * @throws Slim4jException when there is no example to work on
     */
    public static void start(DataSetIterator data) {
        if (data.resetSupported()) {
            data.reset();
        }
        if (!data.hasNext()) {
            throw new Slim4jException(data.resetSupported()
                    ? "the data iterator has no examples"
                    : "the data iterator has no examples left, and it cannot reset; make a new one");
        }
    }

    /**
     * Checks that work passing over the data several times (training epochs, a schedule, a
     * sensitivity sweep, a search) can rewind it, before the work changes anything rather than
     * failing after the first pass.
     *
     * @param why what needs the passes, starting the message, e.g. "training passes over the data 3 times"
     * @throws Slim4jException when the iterator cannot reset
     */
    public static void requireReset(DataSetIterator data, String why) {
        if (!data.resetSupported()) {
            throw new Slim4jException(why + ", so it needs a data iterator that can reset; "
                    + data.getClass().getSimpleName() + " cannot");
        }
    }

    /**
     * Feeds every remaining batch to {@code step}, checking for an interrupt before each one.
     *
     * @return true when the iterator ran out, false when an interrupt stopped the pass (the
     *     interrupt flag stays set, so callers further up see it too)
     */
    public static boolean run(DataSetIterator data, Consumer<DataSet> step) {
        return run(data, Long.MAX_VALUE, step);
    }

    /**
     * Feeds at most {@code maxBatches} of the remaining batches to {@code step}, checking for an
     * interrupt before each one.
     *
     * @return true when the iterator ran out or {@code maxBatches} were done, false when an
     *     interrupt stopped the pass (the interrupt flag stays set)
     */
    public static boolean run(DataSetIterator data, long maxBatches, Consumer<DataSet> step) {
        for (long done = 0; done < maxBatches && data.hasNext(); done++) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            step.accept(data.next());
        }
        return true;
    }

    /** Batches in one pass, or -1 when the iterator does not say how many examples it holds. */
    public static long batchesPerPass(DataSetIterator data) {
        if (data instanceof SizedDataSetIterator sized && data.batch() > 0) {
            return (sized.totalExamples() + data.batch() - 1) / data.batch();
        }
        return -1;
    }

    /** Examples in one pass, or -1 when the iterator does not say. */
    public static long examplesPerPass(DataSetIterator data) {
        return data instanceof SizedDataSetIterator sized ? sized.totalExamples() : -1;
    }
}
