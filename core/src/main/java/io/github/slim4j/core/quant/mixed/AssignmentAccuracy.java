package io.github.slim4j.core.quant.mixed;

import java.util.OptionalDouble;

/** Measures the accuracy on the data with an assignment applied; what the allocation needs of a network, so tests can stand in for one. */
@FunctionalInterface
interface AssignmentAccuracy {

    /** The accuracy with the assignment's units quantized and the rest as they are; empty when an interrupt stopped the measurement. */
    OptionalDouble at(Assignment assignment);
}
