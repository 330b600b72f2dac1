package io.github.slim4j.core.prune;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.model.WeightAxes;
import io.github.slim4j.core.tensor.FloatReader;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * One tensor a prune works on, with what every criterion needs to know about it.
 *
 * @param tensor       the live tensor
 * @param dense        the values in one unbroken range of a buffer: the tensor itself, or a strided
 *                     view's {@code dup()}, whose order is then the storage order
 * @param before       the network's mask for the tensor; every entry kept for a tensor model,
 *                     which holds none (its zeros rank first by magnitude anyway)
 * @param prunedBefore what the report calls masked before: the mask's pruned entries for a network,
 *                     the exact zeros for a tensor model, whose pruned entries are its zeros
 */
record Target(ParamTensor tensor, INDArray dense, Mask before, long prunedBefore) {

    /**
     * The targets for the tensors, in their order, checked for what every criterion needs.
     *
     * @throws Slim4jException for a tensor that is not numeric or too large to rank
     */
    static List<Target> all(ModelHandle model, List<ParamTensor> tensors) {
        Map<String, Mask> masks = Masks.of(model);
        tensors.forEach(Target::check);
        // Each tensor's zeros are counted on its own, on all cores.
        return tensors.parallelStream().map(tensor -> of(tensor, masks.get(tensor.qualifiedName()),
                model.isNetwork())).toList();
    }

    private static Target of(ParamTensor tensor, Mask stored, boolean network) {
        INDArray values = tensor.values();
        INDArray dense = FloatReader.isDense(values) ? values : values.dup();
        Mask before = stored == null ? Mask.allKept(values.length()) : stored;
        return new Target(tensor, dense, before, network ? before.pruned() : Zeros.count(dense));
    }

    private static void check(ParamTensor tensor) {
        if (!tensor.values().dataType().isNumerical()) {
            throw new Slim4jException("cannot prune " + tensor.qualifiedName() + ": its dtype " + tensor.dtype()
                    + " is not numeric");
        }
        if (tensor.length() > Integer.MAX_VALUE) {
            throw new Slim4jException("cannot prune " + tensor.qualifiedName() + ": its " + tensor.length()
                    + " entries are more than the " + Integer.MAX_VALUE + " one tensor may have");
        }
    }

    String name() {
        return tensor.qualifiedName();
    }

    int length() {
        return (int) tensor.length();
    }

    int rank() {
        return dense.rank();
    }

    WeightAxes axes() {
        return tensor.axes();
    }
}
