package io.github.slim4j.core.prune.schedule;

/**
 * One completed step of gradual pruning.
 *
 * @param target    the schedule's sparsity for this step
 * @param achieved  the selected tensors' masked share after the step's prune
 * @param lastLoss  training loss at the end of the step's fine-tuning
 */
public record GradualStep(int step, double target, double achieved, double lastLoss) { }
