package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.calib.inference.PointNetwork.InFloat;
import io.github.slim4j.core.calib.inference.PointNetwork.Point;
import io.github.slim4j.core.calib.inference.PointNetwork.Site;
import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.network.GraphWiring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.graph.StackVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.graph.UnstackVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;

/**
 * The quantization points of a ComputationGraph: each network input, named as the graph names it,
 * then, in topological order, the output of every vertex that computes new values: supported
 * layers, element-wise, merge, scale and shift vertices, and any vertex not known to only move
 * values. Three kinds of vertex have no point of their own:
 *
 * <ul>
 *   <li>vertices whose output holds exactly their input's values, rearranged or copied (DL4J's
 *       preprocessor, subset, stack, unstack and reshape vertices, dropout, and any
 *       {@link ValuePreserving} vertex): their values are on the grid they came on;</li>
 *   <li>unsupported layers, listed with the reason, whose outputs stay float;</li>
 *   <li>a vertex whose output goes only to one ReLU or ReLU6 activation layer: ONNX Runtime removes
 *       a Relu or Clip(0, 6) between an operation and its QuantizeLinear, since clamping to the code
 *       range does their work, so integer inference never holds the values before the activation.
 *       The activation's output carries the point.</li>
 * </ul>
 *
 * A merge (concatenation) only moves values too, but has a point: integer inference puts its
 * inputs on one shared grid, the output's.
 */
final class GraphPoints {
    private static final List<Class<? extends GraphVertex>> MOVING_VERTICES = List.of(PreprocessorVertex.class, SubsetVertex.class,
            StackVertex.class, UnstackVertex.class, ReshapeVertex.class);

    private GraphPoints() {
    }

    static List<Site> of(ModelHandle model, GraphWiring wiring) {
        Map<String, String> layerTypes = model.layers().stream().collect(Collectors.toMap(LayerInfo::name, LayerInfo::type, (a, b) -> a));
        List<Site> sites = new ArrayList<>();
        for (String input : wiring.networkInputs()) {
            sites.add(new Point(new QuantizationPoint(input, -1, QuantizationPoint.INPUT), false));
        }
        for (String name : wiring.order()) {
            if (wiring.isNetworkInput(name)) {
                continue;
            }
            GraphVertex vertex = wiring.vertex(name).orElseThrow();
            Optional<Layer> layer = wiring.layer(name);
            if (movesValuesOnly(vertex, layer)) {
                continue;
            }
            // The model's own name for a layer's type (an imported graph's operator), else DL4J's class.
            String dl4jType = layer.isPresent() ? layer.get().getClass().getSimpleName() : vertex.getClass().getSimpleName();
            String type = layerTypes.getOrDefault(name, dl4jType);
            Optional<String> reason = layer.flatMap(LayerSupport::unsupportedReason);
            if (reason.isPresent()) {
                sites.add(new InFloat(new FloatOutput(name, type, reason.get())));
            } else if (!carriedByActivation(wiring, name)) {
                sites.add(new Point(new QuantizationPoint(name, wiring.index(name), type), layer.map(LayerSupport::isOutput).orElse(false)));
            }
        }
        return sites;
    }

    private static boolean movesValuesOnly(GraphVertex vertex, Optional<Layer> layer) {
        return vertex instanceof ValuePreserving
                || MOVING_VERTICES.stream().anyMatch(type -> type.isInstance(vertex))
                || layer.map(LayerSupport::unfrozen).filter(DropoutLayer.class::isInstance).isPresent();
    }

    private static boolean carriedByActivation(GraphWiring wiring, String name) {
        List<String> consumers = wiring.consumers(name);
        return consumers.size() == 1 && !wiring.isNetworkOutput(name)
                && wiring.layer(consumers.get(0)).map(LayerSupport::unfrozen).filter(ActivationLayer.class::isInstance)
                        .map(layer -> clampsAtZero(((ActivationLayer) layer).getActivationFn())).orElse(false);
    }

    private static boolean clampsAtZero(IActivation activation) {
        return activation instanceof ActivationReLU || activation instanceof ActivationReLU6;
    }
}
