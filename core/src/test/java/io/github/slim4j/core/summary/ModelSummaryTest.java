package io.github.slim4j.core.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slim4j.core.TestNetworks;
import io.github.slim4j.core.model.ModelHandle;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelSummaryTest {
    private static final long MLP_PARAMETERS = 784 * 32 + 32 + 32 * 10 + 10;

    @Test
    void denseFloatNetworkTakesFourBytesPerParameter() {
        MultiLayerNetwork net = TestNetworks.mlp();
        net.getParam("0_b").assign(0.5);
        net.getParam("1_b").assign(0.5);

        ModelSummary summary = ModelSummary.of(ModelHandle.of(net));

        assertEquals(new ModelSummary(MLP_PARAMETERS, MLP_PARAMETERS, MLP_PARAMETERS * 4, 32.0), summary);
        assertEquals(net.numParams(), summary.parameters());
    }

    /** A tensor of zeros needs only its bitmask: one bit per element. */
    @Test
    void zeroBiasesCountAsBitmasks() {
        MultiLayerNetwork net = TestNetworks.mlp();
        net.getParam("0_b").assign(0);
        net.getParam("1_b").assign(0);

        ModelSummary summary = ModelSummary.of(ModelHandle.of(net));

        long bits = (784 * 32 + 32 * 10) * 32L + 32 + 10;
        assertEquals(new ModelSummary(MLP_PARAMETERS, MLP_PARAMETERS - 42, (bits + 7) / 8, (double) bits / MLP_PARAMETERS),
                summary);
    }

    @Test
    void mixedDtypesAverageTheirWidths() {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("a.weight", Nd4j.ones(DataType.FLOAT, 3));
        tensors.put("b.weight", Nd4j.ones(DataType.DOUBLE, 1));
        tensors.put("c.weight", Nd4j.zeros(DataType.FLOAT16, 4));

        ModelSummary summary = ModelSummary.of(ModelHandle.of(tensors));

        // c.weight holds only zeros: 4 bits of bitmask.
        assertEquals(new ModelSummary(8, 4, (3 * 32 + 64 + 4 + 7) / 8, (3 * 32 + 64 + 4) / 8.0), summary);
    }
}
