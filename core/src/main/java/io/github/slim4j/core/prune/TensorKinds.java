package io.github.slim4j.core.prune;

/** Which parameter tensors may be pruned: weights only (the default), or biases and normalization too. */
public enum TensorKinds { WEIGHTS, ALL }
