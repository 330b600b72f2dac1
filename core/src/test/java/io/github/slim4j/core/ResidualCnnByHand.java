package io.github.slim4j.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link TestGraphs#residualCnn}'s function written out in loops, in double, from the graph's
 * parameters: the values of every vertex for a batch of images, by vertex name, and the
 * pre-activation outputs (W·x + b) of its convolution, dense and output layers. The values of each
 * vertex named in {@code atPoint} pass through its function, element by element, before anything
 * reads them, as a simulated quantized graph's pass through its fake-quantizing layers.
 */
public final class ResidualCnnByHand {

    /**
     * @param values         what each vertex hands on, by vertex name
     * @param preActivations W·x + b of each convolution, dense and output layer, by vertex name
     */
    public record Pass(Map<String, INDArray> values, Map<String, INDArray> preActivations) {
    }

    private static final int CHANNELS = 4;
    private static final int S = TestGraphs.SIDE;

    private final ComputationGraph graph;
    private final Map<String, DoubleUnaryOperator> atPoint;
    private final Map<String, INDArray> values = new LinkedHashMap<>();
    private final Map<String, INDArray> preActivations = new LinkedHashMap<>();

    private ResidualCnnByHand(ComputationGraph graph, Map<String, DoubleUnaryOperator> atPoint) {
        this.graph = graph;
        this.atPoint = atPoint;
    }

    public static Pass forward(ComputationGraph graph, INDArray images, Map<String, DoubleUnaryOperator> atPoint) {
        ResidualCnnByHand hand = new ResidualCnnByHand(graph, atPoint);
        int n = (int) images.size(0);
        double[] image = hand.put("image", images.castTo(DataType.DOUBLE).dup('c').data().asDouble(), n, 1, S, S);
        double[] stem = hand.put("stem", hand.convolution("stem", image, n, 1), n, CHANNELS, S, S);
        double[] bn = hand.put("bn", hand.batchNormalization(stem, n), n, CHANNELS, S, S);
        double[] relu = hand.put("relu", relu(bn), n, CHANNELS, S, S);
        double[] conv = hand.put("conv", hand.convolution("conv", relu, n, CHANNELS), n, CHANNELS, S, S);
        double[] add = new double[conv.length];
        for (int i = 0; i < add.length; i++) {
            add[i] = conv[i] + relu[i];
        }
        double[] relu2 = hand.put("relu2", relu(hand.put("add", add, n, CHANNELS, S, S)), n, CHANNELS, S, S);
        double[] pool = new double[n * CHANNELS];
        for (int i = 0; i < pool.length; i++) {
            for (int p = 0; p < S * S; p++) {
                pool[i] += relu2[i * S * S + p] / (S * S);
            }
        }
        double[] pooled = hand.put("pool", pool, n, CHANNELS);
        double[] fc = hand.put("fc", relu(hand.dense("fc", pooled, n)), n, 8);
        double[] logits = hand.dense("out", fc, n);
        hand.put("out", softmax(logits, n), n, TestGraphs.CLASSES);
        return new Pass(hand.values, hand.preActivations);
    }

    /** Keeps the values (through the point's function, if the vertex has one) and returns what the next vertices read. */
    private double[] put(String vertex, double[] raw, long... shape) {
        double[] kept = raw.clone();
        DoubleUnaryOperator function = atPoint.get(vertex);
        if (function != null) {
            for (int i = 0; i < kept.length; i++) {
                kept[i] = function.applyAsDouble(kept[i]);
            }
        }
        values.put(vertex, Nd4j.create(kept, shape, 'c'));
        return kept;
    }

    /** 3×3 cross-correlation with one pixel of zero padding, stride 1, NCHW. */
    private double[] convolution(String vertex, double[] x, int n, int in) {
        double[] w = param(vertex, "W");
        double[] b = param(vertex, "b");
        double[] y = new double[n * CHANNELS * S * S];
        for (int e = 0; e < n; e++) {
            for (int o = 0; o < CHANNELS; o++) {
                for (int i = 0; i < S; i++) {
                    for (int j = 0; j < S; j++) {
                        double sum = b[o];
                        for (int c = 0; c < in; c++) {
                            for (int a = 0; a < 3; a++) {
                                for (int d = 0; d < 3; d++) {
                                    int row = i + a - 1;
                                    int col = j + d - 1;
                                    if (row >= 0 && row < S && col >= 0 && col < S) {
                                        sum += w[((o * in + c) * 3 + a) * 3 + d] * x[((e * in + c) * S + row) * S + col];
                                    }
                                }
                            }
                        }
                        y[((e * CHANNELS + o) * S + i) * S + j] = sum;
                    }
                }
            }
        }
        preActivations.put(vertex, Nd4j.create(y, new long[] {n, CHANNELS, S, S}, 'c'));
        return y;
    }

    /** gamma (x − mean) / 10^log10stdev + beta per channel: DL4J's inference with its standard deviation kept as a log. */
    private double[] batchNormalization(double[] x, int n) {
        double[] gamma = param("bn", "gamma");
        double[] beta = param("bn", "beta");
        double[] mean = param("bn", "mean");
        double[] log10std = param("bn", "log10stdev");
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = (i / (S * S)) % CHANNELS;
            y[i] = gamma[c] * (x[i] - mean[c]) / Math.pow(10, log10std[c]) + beta[c];
        }
        return y;
    }

    /** x W + b with DL4J's W laid out [nIn, nOut]. */
    private double[] dense(String vertex, double[] x, int n) {
        INDArray weights = graph.getLayer(vertex).getParam("W");
        int in = (int) weights.size(0);
        int out = (int) weights.size(1);
        double[] w = param(vertex, "W");
        double[] b = param(vertex, "b");
        double[] y = new double[n * out];
        for (int e = 0; e < n; e++) {
            for (int o = 0; o < out; o++) {
                double sum = b[o];
                for (int k = 0; k < in; k++) {
                    sum += x[e * in + k] * w[k * out + o];
                }
                y[e * out + o] = sum;
            }
        }
        preActivations.put(vertex, Nd4j.create(y, new long[] {n, out}, 'c'));
        return y;
    }

    private double[] param(String vertex, String key) {
        return graph.getLayer(vertex).getParam(key).castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static double[] relu(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(0, x[i]);
        }
        return y;
    }

    private static double[] softmax(double[] logits, int n) {
        int classes = logits.length / n;
        double[] p = new double[logits.length];
        for (int e = 0; e < n; e++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, logits[e * classes + k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                p[e * classes + k] = Math.exp(logits[e * classes + k] - max);
                sum += p[e * classes + k];
            }
            for (int k = 0; k < classes; k++) {
                p[e * classes + k] /= sum;
            }
        }
        return p;
    }
}
