package io.github.slim4j.core.quant.error;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.prune.Selection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A deep copy of a model to try quantizations on, for work that measures several of them (a sweep
 * of widths, the search for a mixed-precision assignment). The model itself is never written: it is
 * the reference the copy is measured against, and what {@link #reset} copies the values back from.
 *
 * <p>Why not a {@code NetworkSnapshot} of the model: quantizing keeps codes with the quantized
 * tensors, which putting the weights back does not undo, so a snapshot could not leave a model that
 * was already quantized exactly as it was; and the snapshot only works on DL4J networks, while a
 * sweep also measures tensor maps. Working on a copy leaves every part of the model as it was,
 * after an interrupt or a failure too, at the cost of one more copy of the weights.
 */
public final class TrialCopy {
    private final ModelHandle model;
    private final ModelHandle copy;
    private final List<ParamTensor> originals;
    private final List<ParamTensor> copies;

    private TrialCopy(ModelHandle model) {
        this.model = model;
        this.copy = model.deepCopy();
        this.originals = model.parameters();
        this.copies = copy.parameters();
    }

    public static TrialCopy of(ModelHandle model) {
        return new TrialCopy(model);
    }

    /** The copy, to quantize and evaluate. */
    public ModelHandle copy() {
        return copy;
    }

    /** Puts the model's values back into every tensor of the copy, bit for bit. */
    public void reset() {
        for (int i = 0; i < originals.size(); i++) {
            copies.get(i).values().assign(originals.get(i).values());
        }
    }

    /** The error of the copy's selected tensors against the model's, all of them together. */
    public ErrorSums error(Selection selection) {
        Map<String, ParamTensor> byName = copies.stream()
                .collect(Collectors.toMap(ParamTensor::qualifiedName, Function.identity()));
        return selection.apply(model).stream()
                .map(original -> ErrorSums.of(byName.get(original.qualifiedName()).values(), original.values()))
                .reduce(ErrorSums.NONE, ErrorSums::plus);
    }
}
