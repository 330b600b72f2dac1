package io.github.slim4j.core.model;

/**
 * Which axes of a parameter tensor run over its layer's inputs and its outputs: the one place that
 * knows the weight layouts, for compression that works along channels (structured and N:M pruning,
 * per-channel statistics).
 *
 * <table>
 *   <caption>Layouts</caption>
 *   <tr><th>tensor</th><th>layout</th><th>input</th><th>output</th></tr>
 *   <tr><td>raw tensor (tensor maps, single tensors), PyTorch's layout</td>
 *       <td>{@code [out, in, ...]}</td><td>last axis</td><td>0</td></tr>
 *   <tr><td>DL4J rank 2: dense, output, embedding, recurrent {@code W} and {@code RW}</td>
 *       <td>{@code [nIn, nOut]}</td><td>0</td><td>1</td></tr>
 *   <tr><td>DL4J rank 3 and more: convolution 1D/2D/3D, separable convolution's {@code W} and {@code pW}</td>
 *       <td>{@code [nOut, nIn, k...]}</td><td>1</td><td>0</td></tr>
 *   <tr><td>DL4J {@code Deconvolution2D}</td><td>{@code [nIn, nOut, kH, kW]}</td><td>0</td><td>1</td></tr>
 *   <tr><td>DL4J {@code Deconvolution3D}</td><td>{@code [kD, kH, kW, nOut, nIn]}</td><td>4</td><td>3</td></tr>
 *   <tr><td>DL4J {@code DepthwiseConvolution2D}</td><td>{@code [kH, kW, nIn, multiplier]}</td><td>2</td><td>3</td></tr>
 *   <tr><td>any vector (biases, normalization)</td><td>{@code [n]}</td><td>0</td><td>0</td></tr>
 * </table>
 *
 * <p>The raw tensor's input is its last axis, as NVIDIA's 2:4 sparsity groups a linear layer's
 * {@code [out, in]} weight; for a raw {@code [out, in, kH, kW]} convolution that is {@code kW}.
 * DL4J layers not in the table (and wrappers such as {@code FrozenLayer}) follow the rank rule.
 *
 * @param input  the axis along the layer's inputs
 * @param output the axis along the layer's outputs
 */
public record WeightAxes(int input, int output) {

    /**
     * The axes of a tensor of rank 1 or more.
     *
     * @param layer the layer that holds the tensor, whose {@link LayerInfo#type()} tells its layout
     * @throws IllegalArgumentException for a scalar, which has no axis
     */
    public static WeightAxes of(ParamTensor tensor, LayerInfo layer) {
        int rank = tensor.values().rank();
        if (rank == 0) {
            throw new IllegalArgumentException(tensor.qualifiedName() + " is a scalar and has no axes");
        }
        if (rank == 1) {
            return new WeightAxes(0, 0);
        }
        return switch (layer.type()) {
            case LayerInfo.TENSOR_TYPE -> new WeightAxes(rank - 1, 0);
            case "Deconvolution2D" -> new WeightAxes(0, 1);
            case "Deconvolution3D" -> new WeightAxes(4, 3);
            case "DepthwiseConvolution2D" -> new WeightAxes(2, 3);
            default -> rank == 2 ? new WeightAxes(0, 1) : new WeightAxes(1, 0);
        };
    }
}
