package io.github.slim4j.core.quant.error;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestData;
import io.github.slim4j.core.TestNetworks;
import io.github.slim4j.core.eval.ModelEvaluator;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.schedule.TrainedMlp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class OutputComparisonTest {
    private static MultiLayerNetwork trained;

    @BeforeAll
    static void train() {
        trained = TrainedMlp.copy();
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void aModelAgreesFullyWithItselfAndLeavesItUnchanged() {
        float[] before = trained.params().toFloatVector();
        List<String> details = new ArrayList<>();
        ModelHandle model = ModelHandle.of(trained);

        OutputAgreement agreement = OutputComparison.compare(model, model, TrainedMlp.validation(),
                (done, total, detail) -> details.add(done + "/" + total + " " + detail));

        double accuracy = ModelEvaluator.evaluate(model, TrainedMlp.validation(), ProgressListener.NONE).accuracy();
        assertEquals(new OutputAgreement(500, 1, 0, accuracy, accuracy, true), agreement);
        assertEquals(0, agreement.accuracyDrop());
        assertEquals(List.of("1/2 batch 1/2, top-1 agreement 100.0%", "2/2 batch 2/2, top-1 agreement 100.0%"), details);
        assertArrayEquals(before, trained.params().toFloatVector());
    }

    @Test
    void aPerturbedCopyDisagreesSomewhere() {
        MultiLayerNetwork perturbed = trained.clone();
        Nd4j.getRandom().setSeed(5);
        INDArray hidden = perturbed.getParam("0_W");
        hidden.addi(Nd4j.randn(hidden.dataType(), hidden.shape()).muli(0.05));
        float[] reference = trained.params().toFloatVector();
        float[] model = perturbed.params().toFloatVector();

        OutputAgreement agreement = OutputComparison.compare(ModelHandle.of(perturbed), ModelHandle.of(trained),
                TrainedMlp.validation(), ProgressListener.NONE);

        assertTrue(agreement.top1Agreement() < 1 && agreement.top1Agreement() > 0.5, agreement::toString);
        assertTrue(agreement.meanKl() > 0, agreement::toString);
        assertEquals(ModelEvaluator.evaluate(ModelHandle.of(perturbed), TrainedMlp.validation(), ProgressListener.NONE).accuracy(),
                agreement.accuracy());
        assertArrayEquals(reference, trained.params().toFloatVector());
        assertArrayEquals(model, perturbed.params().toFloatVector());
    }

    @Test
    void anInterruptGivesTheBatchesSoFar() {
        ModelHandle model = ModelHandle.of(trained);
        OutputAgreement partial = OutputComparison.compare(model, model, TrainedMlp.validation(),
                (done, total, detail) -> Thread.currentThread().interrupt());
        assertEquals(new OutputAgreement(250, 1, 0, partial.referenceAccuracy(), partial.referenceAccuracy(), false), partial);
        assertTrue(Thread.currentThread().isInterrupted());
    }

    @Test
    void logitsGoThroughASoftmax() {
        MultiLayerNetwork logits = network(10, Activation.IDENTITY);
        MultiLayerNetwork softmax = network(10, Activation.SOFTMAX);
        softmax.setParams(logits.params());
        assertEquals(OutputProbabilities.SOFTMAX, OutputProbabilities.of(ModelHandle.of(logits)));
        assertEquals(OutputProbabilities.AS_GIVEN, OutputProbabilities.of(ModelHandle.of(softmax)));
        assertEquals(OutputProbabilities.AS_GIVEN, OutputProbabilities.of(ModelHandle.of(TestNetworks.graph())));

        OutputAgreement agreement = OutputComparison.compare(ModelHandle.of(logits), ModelHandle.of(softmax),
                TestData.random(40, 784, 10, 16), ProgressListener.NONE);
        assertEquals(1, agreement.top1Agreement());
        assertEquals(0, agreement.meanKl(), 1e-6);
    }

    @Test
    void theSoftmaxAndTheDivergenceByHand() {
        double[] probabilities = OutputProbabilities.SOFTMAX.of(new double[] {1000, 1000 + Math.log(3)});
        assertArrayEquals(new double[] {0.25, 0.75}, probabilities, 1e-12);
        assertEquals(0.5 * Math.log(0.5 / 0.9) + 0.5 * Math.log(0.5 / 0.1),
                AgreementCounts.kl(new double[] {0.5, 0.5}, new double[] {0.9, 0.1}), 1e-15);
        assertEquals(Math.log(1 / AgreementCounts.EPSILON), AgreementCounts.kl(new double[] {1, 0}, new double[] {0, 1}), 1e-12);
        assertEquals(0, AgreementCounts.kl(new double[] {0.3, 0.7, 0}, new double[] {0.3, 0.7, 0}));
    }

    @Test
    void badInputsAreNamed() {
        ModelHandle ten = ModelHandle.of(TestNetworks.mlp());
        assertEquals("the model gives 10 outputs per example and the reference 5; outputs can only be compared at the same width",
                assertThrows(Slim4jException.class, () -> OutputComparison.compare(ten, ModelHandle.of(network(5, Activation.SOFTMAX)),
                        TestData.random(8, 784, 10, 4), ProgressListener.NONE)).getMessage());
        assertEquals("output comparison needs a DL4J network (MultiLayerNetwork or ComputationGraph), not a Map<String, INDArray>",
                assertThrows(Slim4jException.class, () -> OutputComparison.compare(ModelHandle.of(Map.of("w", Nd4j.ones(2))), ten,
                        TestData.random(8, 784, 10, 4), ProgressListener.NONE)).getMessage());
    }

    private static MultiLayerNetwork network(int outputs, Activation activation) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(3)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(8).nOut(outputs).activation(activation).build())
                .build());
        net.init();
        return net;
    }
}
