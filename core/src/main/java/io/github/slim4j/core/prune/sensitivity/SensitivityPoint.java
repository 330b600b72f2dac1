package io.github.slim4j.core.prune.sensitivity;

/** The network's accuracy and loss with one tensor ({@code layer}'s {@code tensor}) pruned to {@code sparsity}. */
public record SensitivityPoint(String layer, String tensor, double sparsity, double accuracy, double loss) { }
