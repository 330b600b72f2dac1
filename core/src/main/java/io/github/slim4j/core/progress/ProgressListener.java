package io.github.slim4j.core.progress;

/** Hears how far long work (training, evaluation, calibration, sweeps) has come. */
@FunctionalInterface
public interface ProgressListener {

    /**
     * Reports progress; called at most once per batch, from the thread doing the work.
     *
     * @param done units finished so far
     * @param total units in all, or -1 when unknown
     * @param detail a short human text such as "batch 3/10, loss 0.41"
     */
    void progress(long done, long total, String detail);

    /** A listener that ignores progress. */
    ProgressListener NONE = (done, total, detail) -> { };
}
