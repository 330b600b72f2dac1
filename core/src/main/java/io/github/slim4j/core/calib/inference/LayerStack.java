package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ValueReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link MultiLayerNetwork}'s points: {@value QuantizationPoint#INPUT} (the network input), then
 * each supported layer's output after its activation function, in network order, named as
 * {@link ModelHandle#layers()} names the layers. Its simulation fake-quantizes the input in the
 * first layer's preprocessor ({@link FakeQuantInput}) and each layer output in an activation layer
 * inserted after it ({@link StackRewrite}).
 */
final class LayerStack implements PointNetwork {
    private final ModelHandle model;
    private final MultiLayerNetwork network;

    LayerStack(ModelHandle model, MultiLayerNetwork network) {
        this.model = model;
        this.network = network;
    }

    @Override
    public List<Site> sites() {
        List<Site> sites = new ArrayList<>(List.of(new Point(QuantizationPoint.input(), false)));
        for (LayerInfo layer : model.layers()) {
            Layer conf = network.getLayerWiseConfigurations().getConf(layer.index()).getLayer();
            Optional<String> reason = layer.name().equals(QuantizationPoint.INPUT)
                    ? Optional.of("its name is the network input's point")
                    : LayerSupport.unsupportedReason(conf);
            sites.add(reason.isPresent()
                    ? new InFloat(new FloatOutput(layer.name(), layer.type(), reason.get()))
                    : new Point(new QuantizationPoint(layer.name(), layer.index(), layer.type()), LayerSupport.isOutput(conf)));
        }
        return sites;
    }

    /** Points only: {@code MultiLayerNetwork.feedForward} gives every layer's output, but the points are all that capture asks for. */
    @Override
    public ValueReader reader(List<String> outputs) {
        QuantizationPoints points = new QuantizationPoints(this, sites());
        Map<String, Integer> indices = new LinkedHashMap<>();
        for (String output : outputs) {
            indices.put(output, points.point(output).orElseThrow(() -> new Slim4jException("the network has no quantization point named "
                    + output + "; its points are " + points.names())).activationIndex());
        }
        return batch -> {
            List<INDArray> activations = network.feedForward(batch.getFeatures(), batch.getFeaturesMaskArray(), batch.getLabelsMaskArray());
            Map<String, INDArray> values = new LinkedHashMap<>();
            indices.forEach((output, index) -> values.put(output, activations.get(index)));
            return values;
        };
    }

    @Override
    public Model withFakeQuantization(Map<String, ActivationQuantization> points) {
        return StackRewrite.build(model, network, points);
    }

    @Override
    public List<FakeQuantLayer> fakeQuantLayers() {
        List<FakeQuantLayer> found = new ArrayList<>();
        for (int i = 0; i < network.getnLayers(); i++) {
            Layer layer = network.getLayerWiseConfigurations().getConf(i).getLayer();
            FakeQuantLayer.of(layer.getLayerName(), i, layer).ifPresent(found::add);
        }
        return List.copyOf(found);
    }

    @Override
    public Optional<ActivationQuantization> fakeQuantInput() {
        return network.getLayerWiseConfigurations().getInputPreProcess(0) instanceof FakeQuantInput input
                ? Optional.of(input.fakeQuant().quantization())
                : Optional.empty();
    }
}
