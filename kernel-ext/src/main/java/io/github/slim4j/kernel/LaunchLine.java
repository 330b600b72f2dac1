package io.github.slim4j.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The length of the kernel process's own command line, and a warning when it is long enough to
 * crash native code. ONNX Runtime 1.29.0 recurses over the command line when it starts and, from
 * about 4 KB on, overflows the main thread's stack: the kernel dies with SIGSEGV and no message.
 * Our kernelspec keeps the command line short (an argument file); a kernelspec written by hand or
 * by an older slim4j may not, and then this line is all the user gets before the crash.
 */
final class LaunchLine {
    /** Half the length measured to crash, so there is room for the options a user adds. */
    static final long SAFE_BYTES = 2048;

    private LaunchLine() {
    }

    static Optional<String> warning(long commandLineBytes) {
        if (commandLineBytes <= SAFE_BYTES) {
            return Optional.empty();
        }
        return Optional.of("slim4j: warning: this kernel's command line is " + commandLineBytes + " bytes long; native "
                + "libraries such as ONNX Runtime 1.29 crash the JVM from about 4 KB on. Reinstall the kernelspec "
                + "(bin/slim4j install), which passes the class path in an argument file, or pass long options with @file.");
    }

    /** The bytes of /proc/self/cmdline, or of the command and arguments Java reports where there is no /proc. */
    static long currentBytes() {
        try {
            // Read, not sized: /proc files report a size of 0.
            int bytes = Files.readAllBytes(Path.of("/proc/self/cmdline")).length;
            return bytes > 0 ? bytes : reported();
        } catch (IOException | RuntimeException e) {
            return reported();
        }
    }

    private static long reported() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        long bytes = info.command().map(String::length).orElse(0);
        for (String argument : info.arguments().orElse(new String[0])) {
            bytes += 1 + argument.length();
        }
        return bytes;
    }
}
