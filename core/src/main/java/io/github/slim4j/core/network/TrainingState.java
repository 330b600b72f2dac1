package io.github.slim4j.core.network;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies of what training changes in a network: its weights, its updater's state (Adam's moments,
 * say) and its iteration and epoch counters, which learning-rate schedules read.
 *
 * @param updaterState empty (null) when the network had not made an updater yet
 */
public record TrainingState(INDArray params, INDArray updaterState, int iterations, int epochs) {

    static TrainingState copyOf(INDArray params, INDArray updaterState, int iterations, int epochs) {
        return new TrainingState(params.dup(), updaterState == null ? null : updaterState.dup(), iterations, epochs);
    }

    /** Puts the copies back into the network's own arrays. */
    void restoreInto(INDArray params, INDArray updaterState) {
        params.assign(this.params);
        if (updaterState != null) {
            // An updater made during the failed run starts again from nothing, as a fresh one would.
            if (this.updaterState == null) {
                updaterState.assign(0);
            } else {
                updaterState.assign(this.updaterState);
            }
        }
    }
}
