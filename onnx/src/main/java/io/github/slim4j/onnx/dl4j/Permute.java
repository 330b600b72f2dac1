package io.github.slim4j.onnx.dl4j;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** ONNX's {@code Transpose}: axes reordered by {@code perm}, including the batch axis at 0. */
public record Permute(int[] perm) implements VertexOp {

    public Permute {
        perm = perm.clone();
    }

    @Override
    public int[] perm() {
        return perm.clone();
    }

    @Override
    public int inputs() {
        return 1;
    }

    @Override
    public INDArray forward(INDArray[] inputs) {
        return inputs[0].permute(perm).dup('c');
    }

    @Override
    public INDArray[] backward(INDArray[] inputs, INDArray epsilon) {
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[perm[i]] = i;
        }
        return new INDArray[] {epsilon.permute(inverse).dup('c')};
    }

    @Override
    public boolean preservesValues() {
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Permute p && Arrays.equals(p.perm, perm);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(perm);
    }

    @Override
    public String toString() {
        return "Permute" + Arrays.toString(perm);
    }
}
