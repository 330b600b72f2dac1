package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.calib.inference.PointNetwork.InFloat;
import io.github.slim4j.core.calib.inference.PointNetwork.Point;
import io.github.slim4j.core.calib.inference.PointNetwork.Site;
import io.github.slim4j.core.model.ModelHandle;
import java.util.List;
import java.util.Optional;

/**
 * The quantization points of a DL4J network: its input, then, in network order, each output where
 * integer inference would hold new quantized values. In a MultiLayerNetwork that is each supported
 * layer's output after its activation function; in a ComputationGraph each vertex that computes
 * new values (see {@link VertexGraph}). Unsupported layers are listed with the reason, and their
 * outputs stay in float.
 */
public final class QuantizationPoints {
    private final PointNetwork network;
    private final List<Site> sites;
    private final List<QuantizationPoint> points;
    private final List<FloatOutput> unsupported;

    QuantizationPoints(PointNetwork network, List<Site> sites) {
        this.network = network;
        this.sites = List.copyOf(sites);
        this.points = sites.stream().filter(Point.class::isInstance).map(site -> ((Point) site).point()).toList();
        this.unsupported = sites.stream().filter(InFloat.class::isInstance).map(site -> ((InFloat) site).output()).toList();
    }

    /**
     * The points of the model's network.
     *
     * @throws Slim4jException when the model is not a DL4J network
     */
    public static QuantizationPoints of(ModelHandle model) {
        PointNetwork network = PointNetwork.of(model);
        return new QuantizationPoints(network, network.sites());
    }

    /** The input's point first, then the others in network order. */
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

    /** The point at the output of the layer (MultiLayerNetwork) or vertex (ComputationGraph) with that index, if it has one. */
    public Optional<QuantizationPoint> atLayer(int layerIndex) {
        return points.stream().filter(point -> point.layerIndex() == layerIndex).findFirst();
    }

    PointNetwork network() {
        return network;
    }

    /** Points and outputs left in float, in network order. */
    List<Site> sites() {
        return sites;
    }

    /** The point names, for messages: "input, fc1, fc2". */
    String names() {
        return String.join(", ", points.stream().map(QuantizationPoint::name).toList());
    }
}
