package io.github.slim4j.core.model;

/**
 * Which axes of a parameter tensor run over its layer's inputs and its outputs, for compression
 * that works along channels (structured and N:M pruning, per-channel statistics). Each model kind
 * gives its tensors their axes when it lists them ({@link ParamTensor#axes()}); this class holds
 * the layouts of the kinds core knows.
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
 * DL4J layers not in the table (and wrappers such as {@code FrozenLayer}) follow the rank rule. A
 * scalar has no axes; (0, 0) stands in for them, as per-tensor work needs none.
 *
 * @param input  the axis along the layer's inputs
 * @param output the axis along the layer's outputs
 */
public record WeightAxes(int input, int output) {

    /** The stand-in for a scalar's and a vector's axes. */
    public static final WeightAxes NONE = new WeightAxes(0, 0);

    /** The axes of a raw tensor of this rank, in PyTorch's {@code [out, in, ...]} layout. */
    public static WeightAxes raw(int rank) {
        return rank <= 1 ? NONE : new WeightAxes(rank - 1, 0);
    }

    /**
     * The axes of a DL4J layer's parameter of this rank.
     *
     * @param layerType the layer's configuration class simple name, as {@link LayerInfo#type()} gives it
     */
    public static WeightAxes dl4j(String layerType, int rank) {
        if (rank <= 1) {
            return NONE;
        }
        return switch (layerType) {
            case "Deconvolution2D" -> new WeightAxes(0, 1);
            case "Deconvolution3D" -> new WeightAxes(4, 3);
            case "DepthwiseConvolution2D" -> new WeightAxes(2, 3);
            default -> rank == 2 ? new WeightAxes(0, 1) : new WeightAxes(1, 0);
        };
    }
}
