package io.github.slim4j.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The README's "What it looks like" sample is the text of a real {@code %model net} table, for the
 * network the README describes (784 → 128 → 10, seed 42, as initialised): a change to the table's
 * columns or numbers fails here until the README shows the new output.
 */
class ReadmeSampleTest {
    private static final Path README = Path.of("..", "README.md");
    private static final String SAMPLE_HEADING = "## What it looks like";

    @Test
    void theReadmesModelTableIsWhatTheMagicPrints() throws IOException {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).list()
                .layer(new DenseLayer.Builder().name("hidden").nIn(784).nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nIn(128).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        InMemoryNotebook notebook = new InMemoryNotebook().with("net", net);

        String printed = MagicCatalog.standard().run("model", List.of("net", "--chart", "none"), notebook).printAll();

        assertEquals(sample().strip(), printed.strip(), "README.md's %model sample; replace it with what the magic prints");
    }

    /** The second fenced block after the heading: the first holds the command. */
    private static String sample() throws IOException {
        String readme = Files.readString(README);
        String section = readme.substring(readme.indexOf(SAMPLE_HEADING));
        String[] blocks = section.split("```");
        return blocks[3].replaceFirst("^\\n", "");
    }
}
