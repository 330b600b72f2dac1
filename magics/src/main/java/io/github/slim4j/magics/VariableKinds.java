package io.github.slim4j.magics;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.magics.grammar.NotebookVariable;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.Optional;

/** The kinds of notebook variable that magics take as arguments, declared once for all of them. */
public final class VariableKinds {

    private VariableKinds() {
    }

    /** A model slim4j can read: a DL4J network, named tensors, or one tensor. */
    public static final NotebookVariable<ModelHandle> MODEL = new NotebookVariable<>("MODEL",
            "a model: a MultiLayerNetwork, ComputationGraph, Map<String, INDArray> or INDArray",
            value -> ModelHandle.supports(value) ? Optional.of(ModelHandle.of(value)) : Optional.empty());

    /** A DL4J network, for work that runs data through the model. */
    public static final NotebookVariable<ModelHandle> NETWORK = new NotebookVariable<>("MODEL",
            "a DL4J network: a MultiLayerNetwork or ComputationGraph",
            value -> ModelHandle.supports(value) ? Optional.of(ModelHandle.of(value)).filter(ModelHandle::isNetwork) : Optional.empty());

    /** Labelled examples, batch by batch. */
    public static final NotebookVariable<DataSetIterator> DATA = new NotebookVariable<>("ITER",
            "a DataSetIterator",
            value -> value instanceof DataSetIterator iterator ? Optional.of(iterator) : Optional.empty());
}
