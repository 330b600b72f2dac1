package io.github.slim4j.core.calib.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.QParams;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.activations.IActivation;

class FakeQuantActivationTest {
    private static final IntegerFormat UINT8 = InferenceNetworks.affine(8, false);
    private static final ActivationQuantization Q = new ActivationQuantization(UINT8, QParams.perTensor(0.05f, 20));

    @Test
    void forwardIsTheFormatsFakeQuantization() {
        INDArray values = Nd4j.linspace(-3, 15, 101, DataType.FLOAT).reshape(1, 101);
        INDArray expected = values.dup();
        UINT8.fakeQuantize(expected, Q.qparams());

        INDArray out = new FakeQuantActivation(Q).getActivation(values.dup(), false);

        assertArrayEquals(expected.toFloatVector(), out.toFloatVector());
    }

    /** PyTorch: the gradient passes where zp + nearbyint(x / scale) lies in [qmin, qmax]. */
    @Test
    void backwardPassesTheGradientStraightThroughInsideTheRangeOnly() {
        float[] x = {-1.05f, -1.0f, -0.975f, -0.974f, 0f, 0.3f, 11.75f, 11.774f, 11.775f, 11.8f, 40f, Float.NaN};
        INDArray epsilon = Nd4j.linspace(1, 12, 12, DataType.FLOAT).reshape(1, 12);
        float inverse = 1f / 0.05f;
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double code = 20 + Math.rint(x[i] * inverse);
            expected[i] = code >= 0 && code <= 255 ? epsilon.getFloat(i) : 0f;
        }

        INDArray gradient = new FakeQuantActivation(Q).backprop(Nd4j.create(x, 1, 12), epsilon).getFirst();

        assertArrayEquals(expected, gradient.toFloatVector());
        assertEquals(0f, expected[0]);
        assertEquals(2f, expected[1]);
    }

    @Test
    void itsConfigurationSurvivesDl4jJson() throws Exception {
        FakeQuantActivation activation = new FakeQuantActivation(Q);
        ObjectMapper mapper = NeuralNetConfiguration.mapper();

        IActivation back = mapper.readValue(mapper.writeValueAsString(activation), IActivation.class);

        assertEquals(activation, back);
        assertEquals(Q, ((FakeQuantActivation) back).quantization());
        assertEquals("fakequant(uint8:affine:tensor, scale=0.05, zp=20)", back.toString());
    }

    @Test
    void parametersMustBeOnePerTensorWithAZeroPointInRange() {
        assertEquals("zero point 300 is outside uint8:affine:tensor's code range 0 to 255", assertThrows(Slim4jException.class,
                () -> new ActivationQuantization(UINT8, QParams.perTensor(0.1f, 300))).getMessage());
        assertEquals("an activation scale must be positive and finite, got 0.0", assertThrows(Slim4jException.class,
                () -> new ActivationQuantization(UINT8, QParams.perTensor(0f, 0))).getMessage());
        Slim4jException perChannel = assertThrows(Slim4jException.class, () -> new ActivationQuantization(UINT8,
                QParams.perChannel(new float[] {0.1f, 0.2f}, new int[] {0, 0}, 1)));
        assertEquals("activation parameters must be one scale and zero point for the whole tensor, got "
                + "QParams[2 slices (channels of axis 1), scales 0.10000000149011612 to 0.20000000298023224, zero points 0.0]",
                perChannel.getMessage());
    }
}
