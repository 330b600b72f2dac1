package io.github.slim4j.core.model;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Reads a network's values at named places, batch by batch, in inference mode, as calibration
 * passes need them. Holds what it runs on (a session, a twin network) until closed.
 */
public interface ValueReader extends AutoCloseable {

    /** The batch's values at each name, detached from any workspace. */
    Map<String, INDArray> read(DataSet batch);

    @Override
    default void close() {
    }
}
