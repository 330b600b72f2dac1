package io.github.slim4j.core.prune.channels;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import java.util.List;
import java.util.OptionalLong;

/**
 * A model with channels removed, and what removal did.
 *
 * @param model the new, smaller model, of the same kind as the one it was made from
 * @param groups every group of channels that stand or fall together, removable or not
 * @param macsBefore multiply-accumulates per example of the whole model before removal; empty when
 *     the model does not declare the shape of its input
 * @param macsAfter the same after removal
 * @param parametersBefore parameters of the model before removal
 * @param parametersAfter parameters of the new model
 */
public record ChannelCut(ModelHandle model, List<ChannelGroup> groups, OptionalLong macsBefore, OptionalLong macsAfter,
        long parametersBefore, long parametersAfter) {

    public ChannelCut {
        groups = List.copyOf(groups);
    }

    /** What removal made of {@code before}: {@code after}, with both models' parameters counted. */
    public static ChannelCut between(ModelHandle before, ModelHandle after, List<ChannelGroup> groups, OptionalLong macsBefore,
            OptionalLong macsAfter) {
        return new ChannelCut(after, groups, macsBefore, macsAfter, parameters(before), parameters(after));
    }

    private static long parameters(ModelHandle model) {
        return model.parameters().stream().mapToLong(ParamTensor::length).sum();
    }
}
