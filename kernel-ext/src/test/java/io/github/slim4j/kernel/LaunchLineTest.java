package io.github.slim4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchLineTest {
    @Test
    void aShortCommandLineIsQuiet() {
        assertEquals(Optional.empty(), LaunchLine.warning(164));
        assertEquals(Optional.empty(), LaunchLine.warning(2048));
    }

    @Test
    void theOldFiveKilobyteClassPathGetsOneLineNamingTheLengthTheRiskAndTheFix() {
        String warning = LaunchLine.warning(5593).orElseThrow();
        assertTrue(warning.contains("5593 bytes"), warning);
        assertTrue(warning.contains("ONNX Runtime"), warning);
        assertTrue(warning.contains("bin/slim4j install"), warning);
        assertEquals(-1, warning.indexOf('\n'));
    }

    @Test
    void thisTestJvmsOwnCommandLineIsMeasured() {
        // Surefire starts this JVM with the class path in a jar manifest or argument file: short, not zero.
        long bytes = LaunchLine.currentBytes();
        assertTrue(bytes > 0 && bytes < 64 * 1024, "measured " + bytes);
    }
}
