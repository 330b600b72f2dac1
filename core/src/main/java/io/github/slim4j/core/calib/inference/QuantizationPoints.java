package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.MultiLayerHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The quantization points of a {@link MultiLayerNetwork}: {@value QuantizationPoint#INPUT} (the
 * network input), then each supported layer's output after its activation function, in network
 * order, named as {@link ModelHandle#layers()} names the layers. Unsupported layers are listed with
 * the reason, and their outputs stay in float.
 *
 * <p>ComputationGraphs are not supported yet: their vertices merge and split tensors, so a point is
 * not simply a layer's output.
 */
public final class QuantizationPoints {
    private final MultiLayerNetwork network;
    private final List<QuantizationPoint> points;
    private final List<FloatOutput> unsupported;

    private QuantizationPoints(MultiLayerNetwork network, List<QuantizationPoint> points, List<FloatOutput> unsupported) {
        this.network = network;
        this.points = List.copyOf(points);
        this.unsupported = List.copyOf(unsupported);
    }

    /**
     * The points of the model's network.
     *
     * @throws Slim4jException when the model is not a MultiLayerNetwork
     */
    public static QuantizationPoints of(ModelHandle model) {
        if (!(model instanceof MultiLayerHandle multiLayer)) {
            throw new Slim4jException("quantization points need a DL4J MultiLayerNetwork; "
                    + (model.isNetwork() ? "ComputationGraphs are not supported yet" : "this model is of kind " + model.kind()));
        }
        MultiLayerNetwork network = multiLayer.network();
        List<QuantizationPoint> points = new ArrayList<>(List.of(QuantizationPoint.input()));
        List<FloatOutput> unsupported = new ArrayList<>();
        for (LayerInfo layer : model.layers()) {
            Layer conf = network.getLayerWiseConfigurations().getConf(layer.index()).getLayer();
            Optional<String> reason = layer.name().equals(QuantizationPoint.INPUT)
                    ? Optional.of("its name is the network input's point")
                    : LayerSupport.unsupportedReason(conf);
            if (reason.isPresent()) {
                unsupported.add(new FloatOutput(layer.name(), layer.type(), reason.get()));
            } else {
                points.add(new QuantizationPoint(layer.name(), layer.index(), layer.type()));
            }
        }
        return new QuantizationPoints(network, points, unsupported);
    }

    /** The network the points belong to, itself, not a copy. */
    public MultiLayerNetwork network() {
        return network;
    }

    /** The input's point first, then the supported layers' in network order. */
    public List<QuantizationPoint> points() {
        return points;
    }

    /** The layers without a point, in network order, each with the reason. */
    public List<FloatOutput> unsupported() {
        return unsupported;
    }

    /** The point of that name. */
    public Optional<QuantizationPoint> point(String name) {
        return points.stream().filter(point -> point.name().equals(name)).findFirst();
    }

    /** The point at the output of the layer with that index, if the layer has one. */
    public Optional<QuantizationPoint> atLayer(int layerIndex) {
        return points.stream().filter(point -> point.layerIndex() == layerIndex).findFirst();
    }

    /** The point names, for messages: "input, fc1, fc2". */
    String names() {
        return String.join(", ", points.stream().map(QuantizationPoint::name).toList());
    }
}
