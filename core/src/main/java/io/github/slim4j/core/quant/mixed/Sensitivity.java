package io.github.slim4j.core.quant.mixed;

/**
 * The accuracy measured with one unit alone quantized, for every unit and candidate: what the
 * allocation knows of each unit before it combines them.
 */
final class Sensitivity {
    private final double[][] accuracy;

    /** @param accuracy by unit, then by candidate */
    Sensitivity(double[][] accuracy) {
        this.accuracy = accuracy.clone();
    }

    double alone(int unit, int candidate) {
        return accuracy[unit][candidate];
    }

    /**
     * The estimated change in accuracy from one complete assignment to another: the changes each unit
     * alone measured, added up. Units that keep their format add exactly nothing.
     */
    double gain(Assignment from, Assignment to) {
        double gain = 0;
        for (int unit = 0; unit < accuracy.length; unit++) {
            if (from.choice(unit) != to.choice(unit)) {
                gain += accuracy[unit][to.choice(unit)] - accuracy[unit][from.choice(unit)];
            }
        }
        return gain;
    }
}
