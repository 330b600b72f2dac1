package io.github.slim4j.core.prune.channels;

import java.util.OptionalLong;

/**
 * One completed step of gradual channel removal.
 *
 * @param target the schedule's share of removable channels gone after this step
 * @param removed the share actually gone (each group keeps whole multiples of the rounding)
 * @param macs multiply-accumulates per example of the model after this step, when known
 * @param lastLoss training loss at the end of the step's fine-tuning
 */
public record GradualRemovalStep(int step, double target, double removed, OptionalLong macs, double lastLoss) {
}
