package io.github.slim4j.kernel;

import io.github.spencerpark.jupyter.kernel.LanguageInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * How the kernel introduces itself: in {@code kernel_info_reply}, in the kernelspec it installs,
 * and in the metadata of the notebooks its runner writes.
 */
public final class KernelIdentity {

    public static final String IMPLEMENTATION = "slim4j";
    /** The kernelspec's name, which notebooks refer to in {@code metadata.kernelspec.name}. */
    public static final String KERNEL_NAME = "slim4j";
    /** The name Jupyter shows in its kernel chooser. */
    public static final String DISPLAY_NAME = "Java (slim4j)";
    public static final String LANGUAGE = "java";
    public static final String VERSION = readVersion();

    private KernelIdentity() {
    }

    public static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder(LANGUAGE)
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".java")
                .pygments("java")
                .codemirror("java")
                .build();
    }

    public static String banner() {
        return "slim4j " + VERSION + ": neural-network compression for Java, on Java " + Runtime.version()
                + ". %lsmagic lists the magics, %help NAME explains one.";
    }

    public static List<LanguageInfo.Help> helpLinks() {
        return List.of(
                new LanguageInfo.Help("Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/"),
                new LanguageInfo.Help("Deeplearning4j", "https://deeplearning4j.konduit.ai/"),
                new LanguageInfo.Help("Tablesaw", "https://jtablesaw.github.io/tablesaw/"));
    }

    // Written by Maven's resource filtering, so a build from source reports its real version.
    private static String readVersion() {
        try (InputStream in = KernelIdentity.class.getResourceAsStream("slim4j-kernel.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("the kernel's slim4j-kernel.properties is unreadable", e);
        }
    }
}
