package io.github.slim4j.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One parameter tensor of a model.
 *
 * @param layer the owning layer's {@link LayerInfo#name()}
 * @param key DL4J's parameter key within the layer ("W", "b", "gamma", ...), or the full map key
 *     for a tensor map ("fc1.weight"), or "tensor" for a single tensor
 * @param kind what the tensor does in its layer
 * @param values the live tensor: writing to it changes the model
 */
public record ParamTensor(String layer, String key, ParamKind kind, INDArray values) {

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

    /**
     * The tensor's name in its model. That is the key itself when the key already starts with its
     * layer name (tensor-map keys such as "fc1.weight", and "tensor"), and otherwise "layer_key" as
     * DL4J spells its parameter-table keys, e.g. "0_W". For a MultiLayerNetwork whose layers carry
     * names this gives "name_W" where DL4J's own table uses the index.
     */
    public String qualifiedName() {
        return key.equals(layer) || startsWithLayer(key, '.') || startsWithLayer(key, '_') ? key : layer + "_" + key;
    }

    private boolean startsWithLayer(String name, char separator) {
        return name.length() > layer.length() && name.startsWith(layer) && name.charAt(layer.length()) == separator;
    }
}
