package io.github.slim4j.core.model;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One parameter tensor of a model.
 *
 * @param layer the owning layer's {@link LayerInfo#name()}
 * @param key DL4J's parameter key within the layer ("W", "b", "gamma", ...), or the full map key
 *     for a tensor map ("fc1.weight"), or "tensor" for a single tensor
 * @param qualifiedName the tensor's name in its model, unique within it: what tables show and what
 *     records such as masks and quantizations are kept under (see {@link #named})
 * @param kind what the tensor does in its layer
 * @param values the live tensor: writing to it changes the model
 * @param axes which axes run over the layer's inputs and outputs; (0, 0) for a scalar, which has none
 */
public record ParamTensor(String layer, String key, String qualifiedName, ParamKind kind, INDArray values, WeightAxes axes) {

    public ParamTensor {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(qualifiedName, "qualifiedName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(axes, "axes");
    }

    /**
     * A tensor named as DL4J and tensor maps name them: the key itself when it already starts with
     * its layer name (tensor-map keys such as "fc1.weight", and "tensor"), and otherwise
     * "layer_key" as DL4J spells its parameter-table keys, e.g. "0_W". For a MultiLayerNetwork
     * whose layers carry names this gives "name_W" where DL4J's own table uses the index.
     */
    public static ParamTensor named(String layer, String key, ParamKind kind, INDArray values, WeightAxes axes) {
        boolean keyIsName = key.equals(layer) || startsWithLayer(key, layer, '.') || startsWithLayer(key, layer, '_');
        return new ParamTensor(layer, key, keyIsName ? key : layer + "_" + key, kind, values, axes);
    }

    public long length() {
        return values.length();
    }

    public long[] shape() {
        return values.shape();
    }

    /** The element type in NumPy's spelling, e.g. "float32". */
    public String dtype() {
        return DataTypes.numpyName(values.dataType());
    }

    /** Bits one element takes in dense storage, e.g. 32 for float32. */
    public int bitsPerElement() {
        return DataTypes.bits(values.dataType());
    }

    private static boolean startsWithLayer(String name, String layer, char separator) {
        return name.length() > layer.length() && name.startsWith(layer) && name.charAt(layer.length()) == separator;
    }
}
