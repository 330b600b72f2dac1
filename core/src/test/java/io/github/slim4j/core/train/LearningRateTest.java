package io.github.slim4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class LearningRateTest {

    @Test
    void anSgdStepDuringTheRateMovesEachWeightByThatRateTimesItsGradientAndTheOldRateComesBack() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).updater(new Sgd(0.1))
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(2).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        DataSet batch = batch(4, 2);
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        INDArray gradient = net.gradient().gradient().dup();
        INDArray before = net.params().dup();

        try (LearningRate rate = LearningRate.during(ModelHandle.of(net), 0.01)) {
            net.fit(batch);
        }

        // Plain SGD: w ← w − rate·g/b. DL4J's gradient is summed over the batch of b = 8 and its
        // updater divides by b (miniBatch, the default).
        INDArray expected = before.sub(gradient.mul(0.01 / 8));
        assertTrue(expected.sub(net.params()).amaxNumber().doubleValue() < 1e-7,
                "the step used rate 0.01: " + before.sub(net.params()).div(gradient));
        assertEquals(0.1, net.getLearningRate(0), 0);
        assertEquals(0.1, net.getLearningRate(1), 0);
    }

    @Test
    void adamsFirstStepInAGraphMovesEachWeightByAboutTheRate() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(4).updater(new Adam(1e-3))
                .graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(2)
                        .activation(Activation.IDENTITY).build(), "hidden")
                .setOutputs("out").build());
        graph.init();
        INDArray before = graph.params().dup();

        try (LearningRate rate = LearningRate.during(ModelHandle.of(graph), 1e-5)) {
            graph.fit(batch(4, 2));
        }

        // Adam's first step is rate·g/(|g|+ε) per weight: the rate itself wherever the gradient is not tiny.
        double largest = graph.params().sub(before).amaxNumber().doubleValue();
        assertTrue(largest > 0.9e-5 && largest < 1.01e-5, "largest move " + largest);
        assertEquals(Map.of("hidden", 1e-3, "out", 1e-3),
                Map.of("hidden", graph.getLearningRate("hidden"), "out", graph.getLearningRate("out")));
    }

    /** DL4J's own setLearningRate fails on networks with BatchNormalization; the rate still applies there. */
    @Test
    void aGraphWithBatchNormalizationTakesTheRateAndGivesItBack() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(5).updater(new Sgd(0.1))
                .graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().nOut(3).build(), "hidden")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(2)
                        .activation(Activation.IDENTITY).build(), "bn")
                .setOutputs("out").build());
        graph.init();
        DataSet batch = batch(4, 2);
        graph.setInputs(batch.getFeatures());
        graph.setLabels(batch.getLabels());
        graph.computeGradientAndScore();
        INDArray gradient = graph.gradient().getGradientFor("out_W").dup();
        INDArray before = graph.getParam("out_W").dup();

        try (LearningRate rate = LearningRate.during(ModelHandle.of(graph), 0.01)) {
            graph.fit(batch);
        }

        INDArray expected = before.sub(gradient.mul(0.01 / 8));
        assertTrue(expected.sub(graph.getParam("out_W")).amaxNumber().doubleValue() < 1e-7,
                "the step used rate 0.01: " + before.sub(graph.getParam("out_W")).div(gradient));
        assertEquals(0.1, graph.getLearningRate("hidden"), 0);
        assertEquals(0.1, graph.getLearningRate("out"), 0);
    }

    @Test
    void aRateThatIsNotAPositiveNumberIsRefusedNamingIt() {
        ModelHandle model = ModelHandle.of(Nd4j.zeros(DataType.FLOAT, 2));
        for (double rate : new double[] {0, -1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
            Slim4jException refused = assertThrows(Slim4jException.class, () -> LearningRate.during(model, rate));
            assertEquals("the learning rate must be a positive number, got " + rate, refused.getMessage());
        }
        Slim4jException tensors = assertThrows(Slim4jException.class, () -> LearningRate.during(model, 1e-3));
        assertTrue(tensors.getMessage().startsWith("a learning rate applies to a DL4J network, not a "), tensors.getMessage());
    }

    private static DataSet batch(int inputs, int outputs) {
        Nd4j.getRandom().setSeed(11);
        return new DataSet(Nd4j.rand(DataType.FLOAT, 8, inputs), Nd4j.rand(DataType.FLOAT, 8, outputs));
    }
}
