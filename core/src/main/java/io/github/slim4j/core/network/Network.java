package io.github.slim4j.core.network;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.GraphHandle;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.MultiLayerHandle;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A DL4J network reduced to what slim4j's data loops need: inference, loss and one training step
 * on a batch. Every step turns DL4J's own failures into a one-line {@link Slim4jException} that keeps
 * the cause, and {@link #checkWidths} catches the common mismatch between data and network first,
 * with a message that says which numbers differ.
 */
public sealed interface Network permits MultiLayerRunner, GraphRunner {

    /**
     * The network inside a model.
     *
     * @param task what needs the network, for messages, e.g. "evaluation"
     * @throws Slim4jException when the model holds only tensors, or is a graph with more than one
     *     input or output
     */
    static Network of(ModelHandle model, String task) {
        if (model instanceof MultiLayerHandle m) {
            return new MultiLayerRunner(m.network(), task);
        }
        if (model instanceof GraphHandle g) {
            return GraphRunner.of(g.graph(), task);
        }
        String kind = model.kind();
        String article = "AEIOU".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ";
        throw new Slim4jException(task + " needs a DL4J network (MultiLayerNetwork or ComputationGraph), not " + article + kind);
    }

    /** The network's predictions for the batch, in inference mode (no dropout, no listeners). */
    INDArray output(DataSet batch);

    /** The network's loss on the batch, mean per example, in inference mode. */
    double score(DataSet batch);

    /** One training step on the batch. */
    void fit(DataSet batch);

    /** The loss the last {@link #fit} step reported. */
    double lastFitScore();

    /** A copy of everything {@link #fit} changes, to undo a run that failed. */
    TrainingState save();

    /** Puts back a state {@link #save} took from this network. */
    void restore(TrainingState state);

    /** The feature columns the first layer takes, when it is a dense layer that declares nIn. */
    OptionalLong inputWidth();

    /** The label columns the output layer produces, when it declares nOut. */
    OptionalLong outputWidth();

    /** The shape of one example of the input, for a network that declares it whole (an imported one). */
    default Optional<long[]> inputShape() {
        return Optional.empty();
    }

    /** Checks that the batch's feature and label columns fit the network, as far as it declares them. */
    default void checkWidths(DataSet batch) {
        INDArray features = batch.getFeatures();
        Optional<long[]> example = inputShape();
        if (example.isPresent() && !Arrays.equals(Arrays.copyOfRange(features.shape(), 1, features.rank()), example.get())) {
            StringBuilder expected = new StringBuilder("[batch");
            Arrays.stream(example.get()).forEach(dim -> expected.append(", ").append(dim));
            throw new Slim4jException("the data's features have shape " + Arrays.toString(features.shape())
                    + " but the model's input takes " + expected + "]");
        }
        OptionalLong nIn = inputWidth();
        if (nIn.isPresent() && features.rank() == 2 && features.size(1) != nIn.getAsLong()) {
            throw new Slim4jException("the data's features have " + features.size(1)
                    + " columns but the network's first layer expects nIn=" + nIn.getAsLong());
        }
        INDArray labels = batch.getLabels();
        OptionalLong nOut = outputWidth();
        if (nOut.isPresent() && labels != null && labels.rank() == 2 && labels.size(1) != nOut.getAsLong()) {
            throw new Slim4jException("the data's labels have " + labels.size(1)
                    + " columns but the network's output layer has nOut=" + nOut.getAsLong());
        }
    }
}
