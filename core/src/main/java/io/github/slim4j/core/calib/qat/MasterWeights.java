package io.github.slim4j.core.calib.qat;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.NetworkListeners;
import io.github.slim4j.core.model.WeightAxes;
import io.github.slim4j.core.quant.TensorFormat;
import io.github.slim4j.core.quant.WeightFormat;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Float master weights for quantization-aware training, kept beside a network whose weights hold
 * their quantized values, so that every forward and backward pass sees the quantized weights while
 * the updates accumulate in float:
 *
 * <pre>
 *   before training:       master = W;                  W = deq(q(master))
 *   after each update u:   master = master + (W − deq(q(master)))   (that is, + u)
 *                          W = deq(q(master))
 * </pre>
 *
 * This is the straight-through estimator for the weights: the gradient computed at the quantized
 * weights is applied to the float ones as if rounding were the identity. Each step quantizes the
 * master weights afresh, parameters and all (a per-channel scale follows its channel's range), as
 * PyTorch's QAT weight fake-quantizers observe the weights at every forward pass.
 *
 * <p>It is a DL4J training listener acting after the network's own (added last, so a pruned
 * network's mask enforcer has zeroed its pruned entries before the difference is taken).
 */
final class MasterWeights extends BaseTrainingListener {
    private final List<Tensor> tensors;

    /** One quantized tensor: the network's values, its format and axes, and its master and last written values. */
    private record Tensor(INDArray values, WeightFormat format, WeightAxes axes, INDArray master, INDArray written) {

        static Tensor of(TensorFormat tensor) {
            INDArray values = tensor.tensor().values();
            return new Tensor(values, tensor.format(), tensor.tensor().axes(), values.dup(), values.dup());
        }

        /** Puts deq(q(master)) in the network and remembers it. */
        void writeQuantized() {
            format.quantize(master, axes).dequantizeInto(written);
            values.assign(written);
        }

        /** Adds the update the network just applied to the master weights. */
        void absorbUpdate() {
            values.subi(written);
            master.addi(values);
        }
    }

    private MasterWeights(List<Tensor> tensors) {
        this.tensors = tensors;
    }

    /**
     * Starts training these tensors through their formats: their values become the quantized ones,
     * and the listener joins the network's.
     */
    static MasterWeights attach(ModelHandle model, Model network, List<TensorFormat> formats) {
        MasterWeights masters = new MasterWeights(formats.stream().map(Tensor::of).toList());
        masters.tensors.forEach(Tensor::writeQuantized);
        network.addListeners(masters);
        return masters;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        for (Tensor tensor : tensors) {
            tensor.absorbUpdate();
            tensor.writeQuantized();
        }
    }

    /** Copies of the master weights, in order, to come back to with {@link #restore}. */
    List<INDArray> snapshot() {
        return tensors.stream().map(tensor -> tensor.master().dup()).toList();
    }

    void restore(List<INDArray> snapshot) {
        for (int i = 0; i < tensors.size(); i++) {
            tensors.get(i).master().assign(snapshot.get(i));
            tensors.get(i).writeQuantized();
        }
    }

    /** Leaves the network with the float master weights, and without this listener. */
    void detach(Model network) {
        NetworkListeners.remove(network, this);
        tensors.forEach(tensor -> tensor.values().assign(tensor.master()));
    }
}
