package io.github.slim4j.kernel.install;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelSpecInstallerTest {

    @TempDir
    Path temp;

    private List<Path> jars;
    private KernelSpecInstaller installer;

    @BeforeEach
    void twoJars() throws IOException {
        Path build = Files.createDirectories(temp.resolve("build"));
        jars = List.of(Files.writeString(build.resolve("slim4j-kernel-1.0.jar"), "kernel"),
                Files.writeString(build.resolve("nd4j-api-1.0.jar"), "nd4j"));
        installer = new KernelSpecInstaller(jars, Path.of("/opt/jdk/bin/java"));
    }

    private static JsonObject kernelJson(Path spec) throws IOException {
        return new JsonParser().parse(Files.readString(spec.resolve("kernel.json"))).getAsJsonObject();
    }

    @Test
    void jupyterPathTargetHoldsTheSpecUnderKernels() throws IOException {
        Path spec = installer.install(new InstallTarget.JupyterPath(temp.resolve("jp")), "slim4j");
        assertEquals(temp.resolve("jp/kernels/slim4j"), spec);
        assertTrue(Files.isRegularFile(spec.resolve("kernel.json")));
    }

    @Test
    void prefixTargetFollowsThePythonLayout() throws IOException {
        Path spec = installer.install(new InstallTarget.Prefix(temp.resolve("venv")), "slim4j");
        assertEquals(temp.resolve("venv/share/jupyter/kernels/slim4j"), spec);
    }

    @Test
    void kernelJsonStartsThisKernelFromItsOwnCopiesOfTheJarsWithAShortCommandLine() throws Exception {
        Path spec = installer.install(new InstallTarget.JupyterPath(temp), "slim4j");
        JsonObject json = kernelJson(spec);
        assertEquals("Java (slim4j)", json.get("display_name").getAsString());
        assertEquals("java", json.get("language").getAsString());
        assertEquals("message", json.get("interrupt_mode").getAsString());
        assertEquals("1073741824", json.getAsJsonObject("env").get("MALLOC_MMAP_THRESHOLD_").getAsString());
        assertEquals("1073741824", json.getAsJsonObject("env").get("MALLOC_TRIM_THRESHOLD_").getAsString());
        assertEquals("268435456", json.getAsJsonObject("env").get("MALLOC_TOP_PAD_").getAsString());
        assertEquals("glibc.malloc.hugetlb=1", json.getAsJsonObject("env").get("GLIBC_TUNABLES").getAsString());
        List<String> argv = new ArrayList<>();
        json.getAsJsonArray("argv").forEach(element -> argv.add(element.getAsString()));
        assertEquals(List.of("/opt/jdk/bin/java", "@" + spec.resolve("kernel.args"), "io.github.slim4j.kernel.Main", "kernel",
                "{connection_file}"), argv);
        // The class path and options are in the argument file; the JVM itself reads them back.
        Map<String, String> properties = JvmSettings.properties(spec.resolve("kernel.args"));
        assertEquals("true", properties.get("java.awt.headless"));
        assertEquals("300%", properties.get("org.bytedeco.javacpp.maxPhysicalBytes"));
        assertEquals(spec.resolve("lib/slim4j-kernel-1.0.jar") + File.pathSeparator + spec.resolve("lib/nd4j-api-1.0.jar"),
                properties.get("java.class.path"));
        assertEquals("nd4j", Files.readString(spec.resolve("lib/nd4j-api-1.0.jar")));
    }

    @Test
    void theInstalledKernelNoLongerNeedsTheBuildTree() throws IOException {
        Path spec = installer.install(new InstallTarget.JupyterPath(temp), "slim4j");
        for (Path jar : jars) {
            Files.delete(jar);
        }
        assertTrue(Files.isRegularFile(spec.resolve("lib/slim4j-kernel-1.0.jar")));
    }

    @Test
    void bothLogosAreRealImagesOfTheirSize() throws IOException {
        Path spec = installer.install(new InstallTarget.JupyterPath(temp), "slim4j");
        for (int size : new int[] {32, 64}) {
            BufferedImage logo = ImageIO.read(spec.resolve("logo-" + size + "x" + size + ".png").toFile());
            assertEquals(size, logo.getWidth());
            assertEquals(size, logo.getHeight());
        }
    }

    @Test
    void reinstallingReplacesTheOldSpec() throws IOException {
        Path spec = installer.install(new InstallTarget.JupyterPath(temp), "slim4j");
        Files.writeString(spec.resolve("lib/stale.jar"), "old");
        installer.install(new InstallTarget.JupyterPath(temp), "slim4j");
        assertFalse(Files.exists(spec.resolve("lib/stale.jar")));
    }

    @Test
    void uninstallRemovesTheSpecAndSaysWhenThereWasNone() throws IOException {
        InstallTarget target = new InstallTarget.JupyterPath(temp);
        Path spec = installer.install(target, "custom-name");
        assertEquals(spec, KernelSpecInstaller.uninstall(target, "custom-name"));
        assertFalse(Files.exists(spec));
        assertNull(KernelSpecInstaller.uninstall(target, "custom-name"));
    }

    @Test
    void aClassDirectoryCannotBeInstalled() {
        assertThrows(IllegalArgumentException.class, () -> new KernelSpecInstaller(List.of(temp), Path.of("java")));
    }

    @Test
    void theUserTargetFollowsJupyterCore() {
        Path home = Path.of("/home/ada");
        assertEquals(Path.of("/data/jupyter/kernels"),
                InstallTarget.User.fromEnvironment(java.util.Map.of("JUPYTER_DATA_DIR", "/data/jupyter"), home).kernelsDirectory());
        if (System.getProperty("os.name").toLowerCase().contains("linux")) {
            assertEquals(Path.of("/home/ada/.local/share/jupyter/kernels"),
                    InstallTarget.User.fromEnvironment(java.util.Map.of(), home).kernelsDirectory());
            assertEquals(Path.of("/xdg/jupyter/kernels"),
                    InstallTarget.User.fromEnvironment(java.util.Map.of("XDG_DATA_HOME", "/xdg"), home).kernelsDirectory());
        }
    }
}
