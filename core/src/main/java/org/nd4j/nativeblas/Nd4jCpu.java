package org.nd4j.nativeblas;

/**
 * Restores DL4J's use of oneDNN. DL4J 1.0.0-M2.1 decides whether its layers may hand convolution,
 * pooling and batch normalization to oneDNN by looking up this class by name
 * ({@code BaseMKLDNNHelper.mklDnnEnabled}), but ND4J 1.0.0-M2.1 ships it as
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu}. The lookup fails, so every
 * convolution ran DL4J's own im2col path: training the imported ResNet fixture took 17 images a
 * second, half of it in im2col. This class answers that lookup with the real environment's
 * answer: true with ND4J's oneDNN build (the {@code linux-x86_64-onednn} classifier slim4j uses),
 * false without.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** What DL4J calls, reflectively: {@code getInstance().isUseMKLDNN()}. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
