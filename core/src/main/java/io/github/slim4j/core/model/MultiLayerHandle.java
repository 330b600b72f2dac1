package io.github.slim4j.core.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** A DL4J {@link MultiLayerNetwork}; its layers are named by their configured name, else their index. */
public final class MultiLayerHandle implements ModelHandle {
    private final MultiLayerNetwork network;

    MultiLayerHandle(MultiLayerNetwork network) {
        if (network.getLayers() == null) {
            throw Dl4jLayers.notInitialized("MultiLayerNetwork");
        }
        this.network = network;
    }

    public MultiLayerNetwork network() {
        return network;
    }

    @Override
    public Object unwrap() {
        return network;
    }

    @Override
    public String kind() {
        return "MultiLayerNetwork";
    }

    @Override
    public String javaType() {
        return MultiLayerNetwork.class.getName();
    }

    @Override
    public List<LayerInfo> layers() {
        Layer[] layers = network.getLayers();
        List<LayerInfo> infos = new ArrayList<>(layers.length);
        for (int i = 0; i < layers.length; i++) {
            infos.add(Dl4jLayers.info(i, name(i, layers[i]), layers[i]));
        }
        return List.copyOf(infos);
    }

    @Override
    public List<ParamTensor> parameters() {
        Layer[] layers = network.getLayers();
        List<ParamTensor> params = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            Dl4jLayers.addParameters(name(i, layers[i]), layers[i], params);
        }
        return List.copyOf(params);
    }

    /** A clone with its own {@link NetworkBoundListener}s, such as pruning masks; DL4J's clone carries no listeners. */
    @Override
    public ModelHandle deepCopy() {
        MultiLayerNetwork copy = network.clone();
        NetworkListeners.copyTo(network, copy);
        return new MultiLayerHandle(copy);
    }

    @Override
    public boolean isNetwork() {
        return true;
    }

    @Override
    public String toString() {
        return "MultiLayerHandle[" + network.getLayers().length + " layers]";
    }

    /** DL4J fills an unset name with "layer" + index, which we treat as unset. */
    private static String name(int index, Layer layer) {
        String configured = layer.conf().getLayer().getLayerName();
        return configured == null || configured.equals("layer" + index) ? Integer.toString(index) : configured;
    }
}
