package io.github.slim4j.core.quant.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.schedule.TrainedMlp;
import io.github.slim4j.core.quant.QParams;
import io.github.slim4j.core.quant.QuantizedTensor;
import io.github.slim4j.core.quant.Quantizations;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Everything work that must leave a network as it was has to bring back: weights, updater, masks, and quantization records. */
public record ModelState(TrainedMlp.State training, Map<String, String> quantized) {

    public static ModelState of(MultiLayerNetwork net) {
        Map<String, String> quantized = new LinkedHashMap<>();
        Quantizations.of(ModelHandle.of(net)).forEach((name, tensor) -> quantized.put(name, fingerprint(tensor)));
        return new ModelState(TrainedMlp.State.of(net), quantized);
    }

    public void assertSameAs(ModelState actual) {
        training.assertSameAs(actual.training);
        assertEquals(quantized, actual.quantized, "quantization records");
    }

    private static String fingerprint(QuantizedTensor tensor) {
        String parameters = tensor.qparams().map(ModelState::parameters).orElse("none");
        return tensor.format().name() + " " + Arrays.toString(tensor.shape()) + " " + tensor.codes().bits() + " "
                + Arrays.toString(tensor.codes().bytes()) + " " + parameters;
    }

    private static String parameters(QParams qparams) {
        return Arrays.toString(qparams.scales()) + Arrays.toString(qparams.zeroPoints()) + qparams.axis() + "/" + qparams.groupSize();
    }
}
