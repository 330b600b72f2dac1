package io.github.slim4j.core.prune;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import org.deeplearning4j.nn.api.Model;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The masks that live with a model. A pruned DL4J network carries them in a training listener
 * that zeroes the pruned entries again after every update, so they stay pruned through
 * fine-tuning; {@code ModelHandle.deepCopy()} gives the copy masks of its own. Named tensors and
 * single tensors carry no listener: their pruned entries are their zeros.
 *
 * <p>DL4J's {@code setListeners} replaces every listener of a network, the masks' too; add
 * listeners to a pruned network with {@code addListeners}.
 */
public final class Masks {

    private Masks() {
    }

    /**
     * The network's masks by {@code ParamTensor.qualifiedName()}; empty for tensor models and unpruned networks.
     * The map is a snapshot in model order: later prunes do not change it.
     */
    public static Map<String, Mask> of(ModelHandle model) {
        return enforcer(model).map(MaskEnforcer::masks).orElse(Map.of());
    }

    /** Forgets the network's masks, so training may grow pruned entries back; the zeros stay until then. */
    public static void remove(ModelHandle model) {
        enforcer(model).ifPresent(MaskEnforcer::detach);
    }

    /**
     * Puts back masks that {@link #of} returned for this model, replacing its masks, and zeroes their
     * pruned entries: with the weights saved alongside, this undoes prunes (as gradual pruning and
     * sensitivity analysis need). An empty map removes the masks.
     *
     * @throws Slim4jException when the model is not a network, or a mask names no tensor of the
     *     model or has a different size
     */
    public static void restore(ModelHandle model, Map<String, Mask> masks) {
        if (!model.isNetwork()) {
            if (masks.isEmpty()) {
                return;
            }
            throw new Slim4jException("only DL4J networks keep masks; this model is a " + model.kind());
        }
        Map<String, ParamTensor> tensors = model.parameters().stream()
                .collect(Collectors.toMap(ParamTensor::qualifiedName, Function.identity()));
        masks.forEach((name, mask) -> {
            ParamTensor tensor = tensors.get(name);
            if (tensor == null || tensor.length() != mask.size()) {
                throw new Slim4jException("cannot restore the mask of " + name + " (" + mask.size() + " entries): "
                        + (tensor == null ? "the model has no such tensor" : "the tensor has " + tensor.length()));
            }
        });
        remove(model);
        if (!masks.isEmpty()) {
            MaskEnforcer.attach(network(model)).put(masks);
        }
    }

    private static Optional<MaskEnforcer> enforcer(ModelHandle model) {
        return model.isNetwork() ? MaskEnforcer.of(network(model)) : Optional.empty();
    }

    private static Model network(ModelHandle model) {
        return (Model) model.unwrap();
    }
}
