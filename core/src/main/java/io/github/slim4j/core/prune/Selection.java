package io.github.slim4j.core.prune;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The tensors a prune works on.
 *
 * @param layers  keep layers whose name matches this whole (as {@code %model}'s layer column
 *                shows them); empty keeps every layer
 * @param exclude then drop layers whose name matches this whole
 * @param kinds   weights only, or every parameter tensor
 */
public record Selection(Optional<Pattern> layers, Optional<Pattern> exclude, TensorKinds kinds) {

    /** Every weight tensor of the model. */
    public static Selection weights() {
        return new Selection(Optional.empty(), Optional.empty(), TensorKinds.WEIGHTS);
    }

    /**
     * The selected tensors, in model order.
     *
     * @throws io.github.slim4j.core.Slim4jException when the model has no weights to work on, or the
     *     patterns leave nothing (naming the patterns and the layers there are)
     */
    public List<ParamTensor> apply(ModelHandle model) {
        String what = kinds == TensorKinds.WEIGHTS ? "weights" : "parameters";
        List<ParamTensor> tensors = model.parameters().stream()
                .filter(tensor -> kinds == TensorKinds.ALL || tensor.kind().isWeight())
                .toList();
        if (tensors.isEmpty()) {
            String others = model.parameters().isEmpty()
                    ? "it has no parameters at all"
                    : "it has only biases and normalization parameters, which are taken only when asked for ("
                            + model.parameters().stream().map(ParamTensor::qualifiedName).collect(Collectors.joining(", ")) + ")";
            throw new Slim4jException("the model has no " + what + " to work on: " + others);
        }
        if (layers.isPresent()) {
            List<ParamTensor> matching = keep(tensors, layers.get(), true);
            if (matching.isEmpty()) {
                throw new Slim4jException("layers pattern '" + layers.get() + "' matches no layer with " + what
                        + "; layers are " + layerNames(tensors));
            }
            tensors = matching;
        }
        if (exclude.isPresent()) {
            List<ParamTensor> left = keep(tensors, exclude.get(), false);
            if (left.isEmpty()) {
                throw new Slim4jException("exclude pattern '" + exclude.get() + "' leaves no layer with " + what
                        + "; it would exclude all of " + layerNames(tensors));
            }
            tensors = left;
        }
        return tensors;
    }

    private static List<ParamTensor> keep(List<ParamTensor> tensors, Pattern pattern, boolean matching) {
        return tensors.stream().filter(tensor -> pattern.matcher(tensor.layer()).matches() == matching).toList();
    }

    private static String layerNames(List<ParamTensor> tensors) {
        return String.join(", ", tensors.stream().map(ParamTensor::layer).distinct().toList());
    }
}
