package io.github.slim4j.core.network;

/**
 * Lets DL4J hand convolution, pooling and batch normalization to oneDNN. DL4J 1.0.0-M2.1 creates
 * these layer helpers only when the system property {@value #PROPERTY} is {@code false}, and it
 * defaults to {@code true}; it also needs {@code org.nd4j.nativeblas.Nd4jCpu} (see there) and ND4J's
 * oneDNN build. With all three, one epoch of 2,000 images on the imported ResNet fixture took 5 s
 * where it took 115 s (measured on the 2-core development machine).
 *
 * <p>The property is read when a layer is created (a network's {@code init()} or {@code clone()}),
 * so networks built before this is called keep DL4J's own path, which computes the same values
 * more slowly. A value the user set is left alone.
 */
public final class Dl4jHelpers {
    public static final String PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private Dl4jHelpers() {
    }

    /** Allows DL4J's oneDNN helpers from now on, unless the property was set already. */
    public static void enable() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "false");
        }
    }
}
