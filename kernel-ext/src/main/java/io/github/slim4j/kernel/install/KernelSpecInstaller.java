package io.github.slim4j.kernel.install;

import com.google.gson.GsonBuilder;
import io.github.slim4j.kernel.KernelIdentity;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes (and removes) the slim4j kernelspec: a directory with {@code kernel.json}, the argument
 * file {@code kernel.args}, two logos and {@code lib/}.
 *
 * <p>{@code lib/} holds copies of the kernel's jar and every dependency jar. Copies, not
 * references to the build tree, so that the installed kernel keeps working through
 * {@code mvn clean}, rebuilds and checkouts of other versions; reinstalling updates it. The cost is
 * disk space (ND4J's native jars make up most of it). {@code kernel.json} lists the jars in their
 * original class path order rather than as {@code lib/*}, whose order the JVM leaves unspecified.
 *
 * <p>The JVM options and that class path go in {@code kernel.args}, which {@code kernel.json}'s
 * command passes as {@code @kernel.args}, so the process's own command line stays short. It must:
 * ONNX Runtime 1.29.0 recurses over the command line when it starts, and a command line of about
 * 4 KB (the whole {@code -cp} was 5.6 KB) overflows the main thread's 1 MiB stack: SIGSEGV, the
 * kernel gone without a message. The JVM reads the argument file itself, so the command line it
 * shows the process holds only its name.
 */
public final class KernelSpecInstaller {

    public static final String DEFAULT_NAME = KernelIdentity.KERNEL_NAME;
    public static final String MAIN_CLASS = "io.github.slim4j.kernel.Main";
    static final List<String> JVM_OPTIONS = List.of(
            // Charts are drawn into images; there is no display, and the kernel must not need one.
            "-Djava.awt.headless=true",
            "-Dfile.encoding=UTF-8",
            // The Java heap may take a quarter of the machine's memory (the JVM's own default, stated);
            // all the kernel holds, heap and ND4J's buffers, three times that: three quarters. Past it
            // JavaCPP refuses ND4J's next allocation and the magic says so in one line (MemoryRoom),
            // before the system would end the kernel for using it all.
            "-XX:MaxRAMPercentage=25",
            "-Dorg.bytedeco.javacpp.maxPhysicalBytes=300%");
    /**
     * glibc's allocator, which ND4J's buffers come from: by default a block of more than 32 MiB is
     * mapped fresh from the system and unmapped when freed, so every copy of a large tensor (what
     * {@code --as} makes) page-faults its way through new memory. Keeping blocks up to 1 GiB on the
     * heap, up to 1 GiB of freed memory for reuse, and growing the heap 256 MiB at a time made
     * {@code %prune big --sparsity 0.5 --as bp} on a 10M-float tensor 3.2× faster in
     * MagicPathBenchmark (161 → 51 ms; each of the three alone gained nothing or was unsteady).
     *
     * <p>Memory that is new all the same (the first copy of a model) faults in a 4 KiB page at a time,
     * about 3.5 µs a page on these virtual machines: 1.5 s for a 400 MB tensor. {@code
     * glibc.malloc.hugetlb=1} (glibc 2.35 and later; older ones ignore it) asks for transparent huge
     * pages, 2 MiB at a time, where the system allows them on request: {@code %quantize} per channel
     * with {@code --as} on 100M floats went from 1,590 to 490 ms (benchmarks/check_against_torch.py).
     *
     * <p>bin/slim4j sets the same values; a user's own setting wins there, and kernel.json can be edited.
     */
    static final Map<String, String> ALLOCATOR_ENVIRONMENT = Map.of(
            "MALLOC_MMAP_THRESHOLD_", "1073741824",
            "MALLOC_TRIM_THRESHOLD_", "1073741824",
            "MALLOC_TOP_PAD_", "268435456",
            "GLIBC_TUNABLES", "glibc.malloc.hugetlb=1");
    static final String ARGUMENT_FILE = "kernel.args";
    private static final List<String> LOGOS = List.of("logo-32x32.png", "logo-64x64.png");

    private final List<Path> runtimeJars;
    private final Path javaExecutable;

    /**
     * @param runtimeJars    the kernel's class path, in order; all jars
     * @param javaExecutable the {@code java} the kernelspec starts the kernel with
     */
    public KernelSpecInstaller(List<Path> runtimeJars, Path javaExecutable) {
        for (Path entry : runtimeJars) {
            if (!Files.isRegularFile(entry)) {
                throw new IllegalArgumentException("the kernel can be installed only when it runs from jars; "
                        + entry + " is not a jar (run it with java -jar slim4j-kernel-*.jar, or bin/slim4j)");
            }
        }
        this.runtimeJars = List.copyOf(runtimeJars);
        this.javaExecutable = javaExecutable;
    }

    /** Installs (or replaces) the kernelspec {@code name}; returns its directory. */
    public Path install(InstallTarget target, String name) throws IOException {
        Path spec = target.kernelsDirectory().resolve(name);
        deleteRecursively(spec);
        Path lib = Files.createDirectories(spec.resolve("lib"));
        List<Path> copied = new ArrayList<>();
        Set<Path> fileNames = new HashSet<>();
        for (Path jar : runtimeJars) {
            if (!fileNames.add(jar.getFileName())) {
                throw new IOException("two jars on the class path are both named " + jar.getFileName() + "; cannot copy both into " + lib);
            }
            copied.add(Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES));
        }
        Path arguments = spec.resolve(ARGUMENT_FILE);
        Files.writeString(arguments, ArgumentFile.of(jvmArguments(copied)), StandardCharsets.UTF_8);
        Files.writeString(spec.resolve("kernel.json"), kernelJson(arguments), StandardCharsets.UTF_8);
        for (String logo : LOGOS) {
            try (InputStream image = KernelSpecInstaller.class.getResourceAsStream(logo)) {
                Files.copy(image, spec.resolve(logo));
            }
        }
        return spec;
    }

    /** Removes the kernelspec {@code name}; returns its directory, or null when there was none. */
    public static Path uninstall(InstallTarget target, String name) throws IOException {
        Path spec = target.kernelsDirectory().resolve(name);
        if (!Files.isDirectory(spec)) {
            return null;
        }
        deleteRecursively(spec);
        return spec;
    }

    /** The JVM options and the class path, as {@code kernel.args} holds them. */
    static List<String> jvmArguments(List<Path> classPath) {
        List<String> arguments = new ArrayList<>(JVM_OPTIONS);
        arguments.add("-cp");
        arguments.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        return arguments;
    }

    private String kernelJson(Path argumentFile) {
        List<String> argv = new ArrayList<>();
        argv.add(javaExecutable.toString());
        argv.add("@" + argumentFile);
        argv.add(MAIN_CLASS);
        argv.add("kernel");
        argv.add("{connection_file}");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv);
        spec.put("display_name", KernelIdentity.DISPLAY_NAME);
        spec.put("language", KernelIdentity.LANGUAGE);
        // Interrupts arrive as interrupt_request messages, which basekernel handles on the control
        // channel, rather than as SIGINT.
        spec.put("interrupt_mode", "message");
        spec.put("env", new TreeMap<>(ALLOCATOR_ENVIRONMENT));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
