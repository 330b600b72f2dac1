package io.github.slim4j.kernel.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JVM reads back exactly the arguments written, whatever characters they hold. */
class ArgumentFileTest {
    @TempDir
    Path folder;

    @Test
    void theLauncherReadsEachArgumentBackUnchanged() throws Exception {
        List<String> awkward = List.of("plain", "with space", "with \"quotes\"", "back\\slash\\", "C:\\Program Files\\x",
                "# not a comment", "tab\there", "ünïcode €", "'single'", "@not-a-file");
        List<String> arguments = new java.util.ArrayList<>();
        for (int i = 0; i < awkward.size(); i++) {
            arguments.add("-Dprobe." + i + "=" + awkward.get(i));
        }
        String classPath = String.join(File.pathSeparator, folder.resolve("a b.jar").toString(), folder.resolve("c\\d.jar").toString());
        arguments.add("-cp");
        arguments.add(classPath);
        Path file = Files.writeString(folder.resolve("probe.args"), ArgumentFile.of(arguments));

        Map<String, String> properties = JvmSettings.properties(file);

        for (int i = 0; i < awkward.size(); i++) {
            assertEquals(awkward.get(i), properties.get("probe." + i), "argument " + i);
        }
        assertEquals(classPath, properties.get("java.class.path"));
    }
}
