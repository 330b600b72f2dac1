package io.github.slim4j.kernel.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a real JVM makes of an argument file: runs {@code java @FILE -XshowSettings:properties
 * -version} and reads back the system properties it printed, so the launcher itself is the
 * reference for how the file is parsed.
 */
final class JvmSettings {
    private JvmSettings() {
    }

    /** The properties the JVM started with {@code @argumentFile} reports; path lists joined by the path separator. */
    static Map<String, String> properties(Path argumentFile) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "@" + argumentFile, "-XshowSettings:properties", "-version")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("java @" + argumentFile + " failed:\n" + output);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        String key = null;
        List<String> values = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("        ") && key != null) {
                values.add(line.substring(8));
            } else if (line.startsWith("    ") && line.contains(" = ")) {
                put(properties, key, values);
                key = line.substring(4, line.indexOf(" = "));
                values = new ArrayList<>(List.of(line.substring(line.indexOf(" = ") + 3)));
            } else {
                put(properties, key, values);
                key = null;
            }
        }
        return properties;
    }

    private static void put(Map<String, String> properties, String key, List<String> values) {
        if (key != null) {
            properties.put(key, String.join(java.io.File.pathSeparator, values));
        }
    }
}
