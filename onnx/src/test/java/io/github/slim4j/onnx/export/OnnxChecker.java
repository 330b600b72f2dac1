package io.github.slim4j.onnx.export;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ONNX's own checker, {@code onnx.checker.check_model(full_check=True)} from Debian's python3-onnx
 * (1.12, opsets up to 17): the independent judge of files slim4j writes.
 */
final class OnnxChecker {
    private static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");
    private static final String SCRIPT = """
            import sys, onnx
            for path in sys.argv[1:]:
                try:
                    onnx.checker.check_model(onnx.load(path), full_check=True)
                    print("ok", path)
                except Exception as e:
                    print("FAILED", path, str(e).replace("\\n", " "))
            """;

    private OnnxChecker() {
    }

    /** The checker's verdict per file: "ok" or the problem. Fails the test when python3-onnx is missing. */
    static List<String> check(List<Path> files) throws IOException, InterruptedException {
        if (!Files.isExecutable(DEBIAN_PYTHON)) {
            fail(DEBIAN_PYTHON + " is missing; install Debian's python3-onnx (scripts/test.sh does)");
        }
        List<String> command = new ArrayList<>(List.of(DEBIAN_PYTHON.toString(), "-c", SCRIPT));
        files.forEach(file -> command.add(file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("onnx.checker did not run (is python3-onnx installed? scripts/test.sh installs it): " + output);
        }
        return output.lines().toList();
    }
}
