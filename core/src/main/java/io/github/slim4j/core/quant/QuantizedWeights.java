package io.github.slim4j.core.quant;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.NetworkBoundListener;
import io.github.slim4j.core.model.NetworkListeners;
import io.github.slim4j.core.model.ParamTensor;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a DL4J network keeps its quantization records: a training listener, so that
 * {@code ModelHandle.deepCopy()} gives the copy records of its own ({@link #copyFor}). It does
 * nothing during training; a record whose tensor training changed is simply no longer current
 * ({@link QuantizedTensor#describes}).
 */
final class QuantizedWeights extends BaseTrainingListener implements NetworkBoundListener {
    private final Model network;
    /** By qualified tensor name in model order; replaced, never changed, and its records immutable, so copies share them. */
    private Map<String, QuantizedTensor> records;

    private QuantizedWeights(Model network, Map<String, QuantizedTensor> records) {
        this.network = network;
        this.records = Collections.unmodifiableMap(new LinkedHashMap<>(records));
    }

    static Optional<QuantizedWeights> of(Model network) {
        return NetworkListeners.bound(network, QuantizedWeights.class);
    }

    /** The network's records, added to its listeners when it has none yet. */
    static QuantizedWeights attach(Model network) {
        return of(network).orElseGet(() -> {
            QuantizedWeights weights = new QuantizedWeights(network, Map.of());
            network.addListeners(weights);
            return weights;
        });
    }

    void detach() {
        NetworkListeners.remove(network, this);
    }

    Map<String, QuantizedTensor> records() {
        return records;
    }

    /** Sets these tensors' records, keeping the others'. */
    void put(Map<String, QuantizedTensor> changed) {
        Map<String, QuantizedTensor> merged = new LinkedHashMap<>();
        for (ParamTensor tensor : ModelHandle.of(network).parameters()) {
            String name = tensor.qualifiedName();
            QuantizedTensor record = changed.containsKey(name) ? changed.get(name) : records.get(name);
            if (record != null) {
                merged.put(name, record);
            }
        }
        records = Collections.unmodifiableMap(merged);
    }

    @Override
    public boolean isBoundTo(Model network) {
        return this.network == network;
    }

    @Override
    public NetworkBoundListener copyFor(Model copy) {
        return new QuantizedWeights(copy, records);
    }

    @Override
    public String toString() {
        return "QuantizedWeights[" + records.size() + " quantized tensors]";
    }
}
