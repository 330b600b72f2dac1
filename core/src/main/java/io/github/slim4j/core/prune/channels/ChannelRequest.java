package io.github.slim4j.core.prune.channels;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.prune.Amount;
import java.util.Objects;

/**
 * What channel removal is asked to do.
 *
 * @param amount the share (or count) of channels to remove: of each group's for
 *     {@link ChannelScope#LAYER}, of all removable channels for {@link ChannelScope#GLOBAL}
 * @param norm 1 or 2: channels are ranked by the L1 or L2 norm of the weights that make them
 * @param roundTo each group keeps a multiple of this many channels (1: exactly the amount)
 */
public record ChannelRequest(Amount amount, ChannelScope scope, int norm, int roundTo) {

    public ChannelRequest {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(scope, "scope");
        if (norm != 1 && norm != 2) {
            throw new Slim4jException("the norm that ranks channels must be 1 or 2, got " + norm);
        }
        if (roundTo < 1) {
            throw new Slim4jException("channels are kept in multiples of a whole number from 1 up, got " + roundTo);
        }
    }
}
