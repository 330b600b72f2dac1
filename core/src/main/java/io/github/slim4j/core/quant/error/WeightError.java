package io.github.slim4j.core.quant.error;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The error of a model's weights against a reference model's, tensor by tensor. Each tensor is read
 * once, straight from the ND4J buffers of both models, with double-precision sums ({@link ErrorSums}).
 */
public final class WeightError {

    private WeightError() {
    }

    /**
     * Compares every parameter tensor of {@code model} with the tensor of the same qualified name
     * in {@code reference}.
     *
     * @return one error per tensor, in the model's order
     * @throws io.github.slim4j.core.Slim4jException when the two do not have the same tensor names
     *     and shapes, naming the first difference
     */
    public static List<TensorError> compare(ModelHandle model, ModelHandle reference) {
        List<ParamTensor> tensors = model.parameters();
        Map<String, ParamTensor> references = reference.parameters().stream()
                .collect(Collectors.toMap(ParamTensor::qualifiedName, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        requireSameTensors(tensors, references);
        return tensors.stream()
                .map(tensor -> of(tensor.layer(), tensor.qualifiedName(), tensor.values(),
                        references.get(tensor.qualifiedName()).values()))
                .toList();
    }

    /** The error of {@code approximation} against {@code reference}, which must have the same shape. */
    public static TensorError of(String layer, String tensor, INDArray approximation, INDArray reference) {
        ErrorSums sums = ErrorSums.of(approximation, reference);
        return new TensorError(layer, tensor, sums.count(), sums.mse(), sums.sqnrDb(), sums.maxAbsError(), sums.cosine());
    }

    private static void requireSameTensors(List<ParamTensor> tensors, Map<String, ParamTensor> references) {
        for (ParamTensor tensor : tensors) {
            ParamTensor counterpart = references.get(tensor.qualifiedName());
            if (counterpart == null) {
                throw new Slim4jException("the model's tensor " + tensor.qualifiedName() + " is not in the reference, whose tensors are "
                        + String.join(", ", references.keySet()));
            }
            if (!Arrays.equals(tensor.shape(), counterpart.shape())) {
                throw new Slim4jException("tensor " + tensor.qualifiedName() + " has shape " + Arrays.toString(tensor.shape())
                        + " in the model but " + Arrays.toString(counterpart.shape()) + " in the reference");
            }
        }
        Set<String> names = tensors.stream().map(ParamTensor::qualifiedName).collect(Collectors.toSet());
        references.keySet().stream().filter(name -> !names.contains(name)).findFirst().ifPresent(name -> {
            throw new Slim4jException("the reference's tensor " + name + " is not in the model, whose tensors are "
                    + String.join(", ", tensors.stream().map(ParamTensor::qualifiedName).toList()));
        });
    }
}
