package io.github.slim4j.onnx;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A script run by Debian's python3 with its python3-onnx: the ONNX project's own reading of a file. */
final class PythonOnnx {
    private static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

    private PythonOnnx() {
    }

    /** What the script prints, given the paths as arguments; fails the test when python3-onnx cannot run it. */
    static String run(String script, Path... files) throws IOException, InterruptedException {
        if (!Files.isExecutable(DEBIAN_PYTHON)) {
            fail(DEBIAN_PYTHON + " is missing; install Debian's python3-onnx (scripts/test.sh does)");
        }
        List<String> command = new ArrayList<>(List.of(DEBIAN_PYTHON.toString(), "-c", script));
        for (Path file : files) {
            command.add(file.toAbsolutePath().toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("python3-onnx failed (scripts/test.sh installs it): " + output);
        }
        return output.strip();
    }
}
