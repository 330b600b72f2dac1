package io.github.slim4j.core.quant.mixed;

import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.quant.WeightFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the allocation chooses among: the units that get one format each (the selected layers, each
 * with its selected tensors, as a {@code LayerFormats} rule quantizes a layer), their sizes, the
 * candidate formats, and the budget in bits per weight.
 *
 * <p>The average is {@code Σ(parameters × format bits) / Σ parameters} over the selected tensors:
 * the bits of the codes only, what the formats themselves cost per weight. Scales and zero points
 * are left out: per channel they add 32 bits per output channel, 0.04 bits per weight for a layer
 * of 784 inputs and 0.07 over the tests' whole MLP; per group of G they add 32/G, a whole bit at
 * G = 32, which a storage estimate shows and a budget of code bits does not pretend to.
 */
final class AllocationSpace {

    /** One layer's selected tensors, quantized to one format together. */
    record Unit(String layer, List<String> tensors, long parameters) {

        Unit {
            tensors = List.copyOf(tensors);
        }
    }

    private final List<Unit> units;
    private final List<WeightFormat> candidates;
    private final double budget;
    private final long parameters;

    AllocationSpace(List<Unit> units, List<WeightFormat> candidates, double budget) {
        this.units = List.copyOf(units);
        this.candidates = List.copyOf(candidates);
        this.budget = budget;
        this.parameters = units.stream().mapToLong(Unit::parameters).sum();
    }

    /** The units of the selected tensors, grouped by layer in model order. */
    static AllocationSpace of(List<ParamTensor> tensors, List<WeightFormat> candidates, double budget) {
        Map<String, List<ParamTensor>> byLayer = new LinkedHashMap<>();
        tensors.forEach(tensor -> byLayer.computeIfAbsent(tensor.layer(), layer -> new ArrayList<>()).add(tensor));
        List<Unit> units = byLayer.entrySet().stream()
                .map(layer -> new Unit(layer.getKey(), layer.getValue().stream().map(ParamTensor::qualifiedName).toList(),
                        layer.getValue().stream().mapToLong(ParamTensor::length).sum()))
                .toList();
        return new AllocationSpace(units, candidates, budget);
    }

    int units() {
        return units.size();
    }

    Unit unit(int unit) {
        return units.get(unit);
    }

    int candidates() {
        return candidates.size();
    }

    WeightFormat candidate(int candidate) {
        return candidates.get(candidate);
    }

    int bits(int candidate) {
        return candidates.get(candidate).bits();
    }

    /** Bits per weight over all the units, each at its format; the assignment must be complete. */
    double averageBits(Assignment assignment) {
        return (double) totalBits(assignment) / parameters;
    }

    boolean fits(Assignment assignment) {
        return totalBits(assignment) <= budget * parameters;
    }

    /** Bits a unit saves moving from one candidate to another. */
    long bitsSaved(int unit, int from, int to) {
        return units.get(unit).parameters() * (bits(from) - bits(to));
    }

    private long totalBits(Assignment assignment) {
        long bits = 0;
        for (int unit = 0; unit < units.size(); unit++) {
            bits += units.get(unit).parameters() * bits(assignment.choice(unit));
        }
        return bits;
    }

    /** The format of every tensor of the quantized units, in model order. */
    Map<String, WeightFormat> formats(Assignment assignment) {
        Map<String, WeightFormat> formats = new LinkedHashMap<>();
        for (int unit = 0; unit < units.size(); unit++) {
            if (assignment.choice(unit) != Assignment.FLOAT) {
                WeightFormat format = candidate(assignment.choice(unit));
                units.get(unit).tensors().forEach(tensor -> formats.put(tensor, format));
            }
        }
        return formats;
    }
}
