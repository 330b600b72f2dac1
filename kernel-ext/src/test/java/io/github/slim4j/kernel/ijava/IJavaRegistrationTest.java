package io.github.slim4j.kernel.ijava;

import io.github.slim4j.kernel.RuntimeClassPath;
import io.github.slim4j.magics.MagicCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's IJava recipe, run in a kernel that works as stock IJava 1.3 does
 * ({@link IJavaStandIn}), in a JVM whose class path holds basekernel and nothing of slim4j: the jars
 * go in with {@code %jars}, one call registers the magics, and they then work on notebook
 * variables, with the kernel answering the cells after a failed magic.
 */
class IJavaRegistrationTest {

    /** What a basekernel kernel has on its own class path: basekernel and its dependencies. */
    private static final Pattern KERNEL_SIDE = Pattern.compile("jupyter-jvm-basekernel|gson|jeromq|jnacl");

    private static List<String> report;

    @BeforeAll
    static void runTheRecipe(@TempDir Path directory) throws IOException, InterruptedException {
        List<Path> classPath = RuntimeClassPath.ofThisJvm();
        Path testClasses = Path.of(IJavaStandIn.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        List<Path> kernelSide = new ArrayList<>(List.of(testClasses));
        List<Path> slim4jSide = new ArrayList<>();
        for (Path entry : classPath) {
            if (entry.equals(testClasses)) {
                continue;
            }
            (KERNEL_SIDE.matcher(entry.getFileName().toString()).find() ? kernelSide : slim4jSide).add(entry);
        }
        String register = "io.github.slim4j.kernel.Slim4jMagics.register("
                + IJavaStandIn.class.getName() + ".getKernelInstance().getMagics(), "
                + IJavaStandIn.class.getName() + ".getKernelInstance());";
        Path cells = Files.writeString(directory.resolve("cells.jsh"), String.join("\n//--\n",
                "%jars " + slim4jSide.stream().map(Path::toString).collect(Collectors.joining(" ")),
                register,
                "var w = org.nd4j.linalg.factory.Nd4j.linspace(-1, 1, 11);",
                "%model w --chart none",
                "%model nosuch",
                "1 + 1",
                "var magics = %lsmagic",
                "((tech.tablesaw.api.Table) magics).rowCount()",
                "magics.getClass().getClassLoader() == ClassLoader.getSystemClassLoader()",
                "var weights = org.nd4j.linalg.factory.Nd4j.linspace(-1, 1, 11);",
                "%model wieghts --chart none",
                "%%time\nint timedInIJava = 6 * 7;\n%model w --chart none",
                "timedInIJava",
                "%%timeit -n 3 -r 2\nMath.sqrt(timedInIJava);"));
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true",
                "-cp", kernelSide.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                IJavaStandIn.class.getName(), cells.toString())
                .redirectErrorStream(true)
                .start();
        if (!child.waitFor(3, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new AssertionError("the IJava-style kernel did not finish in 3 minutes");
        }
        report = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("OK") || line.startsWith("ERROR") || line.startsWith("DISPLAY")
                        || line.startsWith("CPU times") || line.startsWith("Wall time") || line.contains(" per loop (mean"))
                .toList();
    }

    @Test
    void theJarsAndOneCallRegisterTheMagics() {
        assertEquals(List.of("OK ", "OK "), report.subList(0, 2), report.toString());
    }

    @Test
    void aMagicReadsALiveVariableAndDisplaysItsTable() {
        assertEquals("OK ", report.get(2), report.toString());
        assertTrue(report.get(3).startsWith("DISPLAY") && report.get(3).contains("w (INDArray)"), report.toString());
        assertEquals("OK ", report.get(4), report.toString());
    }

    @Test
    void aFailedMagicGivesItsMessageAndTheKernelAnswersTheNextCell() {
        assertTrue(report.get(5).startsWith("ERROR") && report.get(5).contains("%model: MODEL 'nosuch' is not a notebook variable"), report.toString());
        assertEquals("OK 2", report.get(6), report.toString());
    }

    @Test
    void aMagicsTableCanBeKeptInAVariable() {
        int magics = MagicCatalog.standard().names().size();
        assertTrue(report.get(7).startsWith("DISPLAY"), report.toString());
        assertEquals("OK ", report.get(8), report.toString());
        assertEquals("OK " + magics, report.get(9), report.toString());
    }

    @Test
    void slim4jLoadsInJShellsClassLoaderNotTheKernels() {
        assertEquals("OK false", report.get(10), report.toString());
    }

    /** basekernel lists no variables; JShell's completion finds the one a typo meant, as our own kernel does. */
    @Test
    void aTypoGetsTheWholeMessageWithTheNearestVariable() {
        assertTrue(report.get(12).startsWith("ERROR")
                && report.get(12).contains("%model: MODEL 'wieghts' is not a notebook variable; did you mean 'weights'?"), report.toString());
    }

    /** The cell magics get their body as typed; the line forms are not registered (basekernel strips a line's quotes). */
    @Test
    void timeAndTimeitWorkAsCellMagics() {
        List<String> timed = report.subList(13, report.size());
        assertTrue(timed.get(0).startsWith("DISPLAY") && timed.get(0).contains("w (INDArray)"), report.toString());
        assertTrue(timed.get(1).matches("CPU times: total: .+"), report.toString());
        assertTrue(timed.get(2).matches("Wall time: .+"), report.toString());
        assertEquals(List.of("OK ", "OK 42"), timed.subList(3, 5), "the declaration stays defined");
        assertTrue(timed.get(5).startsWith("DISPLAY") && timed.get(5).contains("timeit: starting"), "the progress bar: " + report);
        assertTrue(timed.get(6).endsWith(" per loop (mean ± std. dev. of 2 runs, 3 loops each)"), report.toString());
        assertEquals("OK ", timed.get(7), report.toString());
    }
}
