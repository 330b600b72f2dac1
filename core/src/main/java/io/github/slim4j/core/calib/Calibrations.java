package io.github.slim4j.core.calib;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.NetworkBoundListener;
import io.github.slim4j.core.model.NetworkListeners;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.util.Optional;

/**
 * The calibration kept with each network, so that a later cell re-chooses ranges, compares methods
 * or quantizes activations without another pass over the data. It lives in a listener bound to the
 * network, as pruning masks and quantization records do: a deep copy carries it, and the network's
 * own training leaves it alone (train, then calibrate again, for ranges that describe the new
 * weights).
 */
public final class Calibrations {

    private Calibrations() {
    }

    /** The network's calibration, if it has one. */
    public static Optional<Calibration> of(ModelHandle model) {
        return model.isNetwork() ? NetworkListeners.bound(network(model), Holder.class).map(holder -> holder.calibration) : Optional.empty();
    }

    /**
     * Keeps a calibration with the network, replacing the one it had.
     *
     * @throws Slim4jException when the model is not a DL4J network
     */
    public static void put(ModelHandle model, Calibration calibration) {
        if (!model.isNetwork()) {
            throw new Slim4jException("only a DL4J network keeps a calibration, not " + model.kind());
        }
        Model network = network(model);
        NetworkListeners.bound(network, Holder.class).ifPresentOrElse(holder -> holder.calibration = calibration,
                () -> network.addListeners(new Holder(network, calibration)));
    }

    private static Model network(ModelHandle model) {
        return (Model) model.unwrap();
    }

    /** Holds the calibration; does nothing in training. */
    static final class Holder extends BaseTrainingListener implements NetworkBoundListener {
        private final Model network;
        private Calibration calibration;

        Holder(Model network, Calibration calibration) {
            this.network = network;
            this.calibration = calibration;
        }

        @Override
        public boolean isBoundTo(Model other) {
            return network == other;
        }

        @Override
        public NetworkBoundListener copyFor(Model copy) {
            return new Holder(copy, calibration);
        }

        @Override
        public String toString() {
            return "Calibration[" + calibration.method().text() + ", " + calibration.format().name() + "]";
        }
    }
}
