package io.github.slim4j.core.quant;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.model.TensorBound;
import org.deeplearning4j.nn.api.Model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The quantized form of a model's tensors, kept with the model: for DL4J networks in a listener
 * that {@code ModelHandle.deepCopy()} copies, for named tensors and single tensors alongside the
 * value itself. A record counts only while its tensor still holds exactly its dequantized values
 * ({@link QuantizedTensor#describes}): training or pruning the weights afterwards returns the
 * tensor to float.
 *
 * <pre>{@code
 * Map<String, QuantizedTensor> quantized = Quantizations.of(ModelHandle.of(net));
 * }</pre>
 *
 * <p>Named and single tensors keep their records by the identity of each tensor object, weakly
 * ({@link TensorBound}): putting another array under a map's key leaves that key unquantized, and
 * deep copies carry the records. DL4J's {@code setListeners} replaces a network's listeners, its
 * records among them; add listeners to a quantized network with {@code addListeners}.
 */
public final class Quantizations {

    private static final TensorBound<QuantizedTensor> TENSOR_RECORDS = TensorBound.create();

    private Quantizations() {
    }

    /** The model's quantized tensors that are still current, by {@code ParamTensor.qualifiedName()}, in model order. */
    public static Map<String, QuantizedTensor> of(ModelHandle model) {
        Map<String, QuantizedTensor> stored = networkRecords(model);
        Map<String, QuantizedTensor> current = new LinkedHashMap<>();
        for (ParamTensor tensor : model.parameters()) {
            current(model, tensor, stored).ifPresent(record -> current.put(tensor.qualifiedName(), record));
        }
        return current;
    }

    /** The record of one of the model's tensors, if it has one that is still current. */
    public static Optional<QuantizedTensor> of(ModelHandle model, ParamTensor tensor) {
        return current(model, tensor, networkRecords(model));
    }

    /**
     * Puts back records that {@link #of} returned for this model, replacing all of its records:
     * with the weights saved alongside, this undoes quantizations (as a sweep over bit widths
     * needs). An empty map removes them all.
     *
     * @throws Slim4jException when a record names no tensor of the model or has another shape
     */
    public static void restore(ModelHandle model, Map<String, QuantizedTensor> records) {
        Map<String, ParamTensor> tensors = new LinkedHashMap<>();
        model.parameters().forEach(tensor -> tensors.put(tensor.qualifiedName(), tensor));
        records.forEach((name, record) -> {
            ParamTensor tensor = tensors.get(name);
            if (tensor == null || !Arrays.equals(tensor.shape(), record.shape())) {
                throw new Slim4jException("cannot restore the quantization of " + name + ": " + (tensor == null
                        ? "the model has no such tensor" : "it has shape " + Arrays.toString(record.shape()) + ", the tensor "
                        + Arrays.toString(tensor.shape())));
            }
        });
        if (model.isNetwork()) {
            QuantizedWeights.of(network(model)).ifPresent(QuantizedWeights::detach);
            if (!records.isEmpty()) {
                QuantizedWeights.attach(network(model)).put(records);
            }
        } else {
            tensors.forEach((name, tensor) -> TENSOR_RECORDS.remove(tensor.values()));
            records.forEach((name, record) -> TENSOR_RECORDS.put(tensors.get(name).values(), record));
        }
    }

    /** Keeps the records of tensors the quantizer has just written, keeping the model's others. */
    static void put(ModelHandle model, List<Map.Entry<ParamTensor, QuantizedTensor>> records) {
        if (model.isNetwork()) {
            Map<String, QuantizedTensor> byName = new LinkedHashMap<>();
            records.forEach(record -> byName.put(record.getKey().qualifiedName(), record.getValue()));
            QuantizedWeights.attach(network(model)).put(byName);
        } else {
            records.forEach(record -> TENSOR_RECORDS.put(record.getKey().values(), record.getValue()));
        }
    }

    private static Optional<QuantizedTensor> current(ModelHandle model, ParamTensor tensor, Map<String, QuantizedTensor> networkRecords) {
        Optional<QuantizedTensor> stored = model.isNetwork()
                ? Optional.ofNullable(networkRecords.get(tensor.qualifiedName()))
                : TENSOR_RECORDS.get(tensor.values());
        return stored.filter(record -> record.describes(tensor.values()));
    }

    private static Map<String, QuantizedTensor> networkRecords(ModelHandle model) {
        return model.isNetwork() ? QuantizedWeights.of(network(model)).map(QuantizedWeights::records).orElse(Map.of()) : Map.of();
    }

    private static Model network(ModelHandle model) {
        return (Model) model.unwrap();
    }
}
