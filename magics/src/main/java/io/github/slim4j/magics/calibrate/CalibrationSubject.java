package io.github.slim4j.magics.calibrate;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.magics.grammar.NotebookVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Optional;

/**
 * What {@code %calibrate} works on: a DL4J network, whose activations are calibrated on data, or
 * activations the user already holds, one {@code INDArray} or a {@code List<INDArray>} of batches,
 * whose range a method chooses directly.
 */
sealed interface CalibrationSubject {

    /** A DL4J network. */
    record Network(ModelHandle model) implements CalibrationSubject {
    }

    /**
     * Activations in hand.
     *
     * @param batches the batches, in order
     * @param single  whether the variable was one INDArray rather than a list
     */
    record Activations(List<INDArray> batches, boolean single) implements CalibrationSubject {
    }

    NotebookVariable<CalibrationSubject> VARIABLE = new NotebookVariable<>("MODEL",
            "a DL4J network (MultiLayerNetwork or ComputationGraph), an INDArray, or a List<INDArray> of batches",
            CalibrationSubject::accept);

    private static Optional<CalibrationSubject> accept(Object value) {
        if (value instanceof INDArray array) {
            return Optional.of(new Activations(List.of(array), true));
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(INDArray.class::isInstance)) {
            return Optional.of(new Activations(list.stream().map(INDArray.class::cast).toList(), false));
        }
        if (ModelHandle.supports(value) && ModelHandle.of(value).isNetwork()) {
            return Optional.of(new Network(ModelHandle.of(value)));
        }
        return Optional.empty();
    }
}
