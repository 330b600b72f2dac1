package io.github.slim4j.core.prune.schedule;

import io.github.slim4j.core.Slim4jException;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Automated gradual pruning (Zhu &amp; Gupta, 2017): sparsity rises from {@code initial} to
 * {@code finalSparsity} over {@code steps} steps as {@code s_t = s_f + (s_i − s_f)(1 − t/n)^3},
 * fast at first, while there are many redundant weights, and slowly at the end.
 */
public record AgpSchedule(double initial, double finalSparsity, int steps) {

    public AgpSchedule {
        if (!(initial >= 0 && initial <= finalSparsity && finalSparsity <= 1)) {
            throw new Slim4jException("AGP needs 0 <= initial <= final <= 1, got initial " + initial + ", final " + finalSparsity);
        }
        if (steps < 1) {
            throw new Slim4jException("AGP needs at least 1 step, got " + steps);
        }
    }

    /** Sparsity after step {@code t}, for t from 0 (the start) to {@code steps}. */
    public double at(int t) {
        double remaining = 1.0 - (double) t / steps;
        return finalSparsity + (initial - finalSparsity) * remaining * remaining * remaining;
    }

    /** The targets of steps 1 to {@code steps}. */
    public List<Double> targets() {
        return IntStream.rangeClosed(1, steps).mapToObj(this::at).toList();
    }
}
