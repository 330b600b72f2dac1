package io.github.slim4j.core.prune.search;

/** A point with the validation accuracy the network had there. */
record Measured(Point point, double accuracy) {
}
