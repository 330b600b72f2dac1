package io.github.slim4j.core.prune.search;

import java.util.OptionalDouble;

/** Measures the validation accuracy at a point; what the climb needs of a network, so tests can stand in for one. */
@FunctionalInterface
interface PointAccuracy {

    /** The accuracy with the point's pruning applied; empty when an interrupt stopped the measurement. */
    OptionalDouble at(Point point);
}
