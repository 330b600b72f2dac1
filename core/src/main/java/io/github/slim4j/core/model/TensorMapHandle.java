package io.github.slim4j.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Named tensors, for example a PyTorch state dict, as a model whose layers are the key prefixes.
 * Layers and parameters follow the map's own iteration order.
 */
public final class TensorMapHandle implements ModelHandle {
    private final Map<String, INDArray> tensors;

    TensorMapHandle(Map<String, INDArray> tensors) {
        this.tensors = tensors;
    }

    /** The live map. */
    public Map<String, INDArray> tensors() {
        return tensors;
    }

    @Override
    public Object unwrap() {
        return tensors;
    }

    @Override
    public String kind() {
        return "Map<String, INDArray>";
    }

    @Override
    public String javaType() {
        return "java.util.Map<String, " + INDArray.class.getName() + ">";
    }

    @Override
    public List<LayerInfo> layers() {
        Set<String> names = new LinkedHashSet<>();
        tensors.keySet().forEach(key -> names.add(ParamNames.ofTensorKey(key).layer()));
        List<LayerInfo> layers = new ArrayList<>(names.size());
        for (String name : names) {
            layers.add(LayerInfo.tensor(layers.size(), name));
        }
        return List.copyOf(layers);
    }

    /** Grouped by layer in first-appearance order, so that a layer's tensors stay together. */
    @Override
    public List<ParamTensor> parameters() {
        Map<String, List<ParamTensor>> byLayer = new LinkedHashMap<>();
        tensors.forEach((key, values) -> {
            ParamNames.Split split = ParamNames.ofTensorKey(key);
            byLayer.computeIfAbsent(split.layer(), layer -> new ArrayList<>())
                    .add(ParamTensor.named(split.layer(), key, split.kind(), values, WeightAxes.raw(values.rank())));
        });
        return byLayer.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public ModelHandle deepCopy() {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        tensors.forEach((key, values) -> {
            INDArray duplicate = values.dup();
            TensorBound.copyAll(values, duplicate);
            copy.put(key, duplicate);
        });
        return new TensorMapHandle(copy);
    }

    @Override
    public boolean isNetwork() {
        return false;
    }

    @Override
    public String toString() {
        return "TensorMapHandle" + tensors.keySet();
    }

    @SuppressWarnings("unchecked")
    static Map<String, INDArray> checked(Map<?, ?> map) {
        Optional<String> problem = problem(map);
        if (problem.isPresent()) {
            throw UnsupportedModelException.because(problem.get());
        }
        return (Map<String, INDArray>) map;
    }

    /** Why the map is not a non-empty {@code Map<String, INDArray>}, phrased to follow "cannot use". */
    static Optional<String> problem(Map<?, ?> map) {
        String type = map.getClass().getName();
        if (map.isEmpty()) {
            return Optional.of("an empty " + type);
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                return Optional.of("a " + type + " with key " + describe(entry.getKey()));
            }
            if (!(entry.getValue() instanceof INDArray)) {
                return Optional.of("a " + type + " whose value for \"" + oneLine(key) + "\" is "
                        + describe(entry.getValue()));
            }
        }
        return Optional.empty();
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }

    private static String oneLine(String key) {
        return key.replaceAll("\\R", " ");
    }
}
