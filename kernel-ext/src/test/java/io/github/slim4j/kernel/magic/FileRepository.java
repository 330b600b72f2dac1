package io.github.slim4j.kernel.magic;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;

/**
 * A Maven repository on disk, laid out as Maven Central is (group folders, POMs, jars, SHA-1
 * files, maven-metadata.xml), holding artifacts whose jars each carry one compiled class.
 */
public final class FileRepository {

    /** One artifact to publish: its class {@code className} returns {@code className} from {@code name()}. */
    public record Published(String groupId, String artifactId, String version, String className, List<String> dependencies) {
        public Path folder(Path root) {
            return root.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
        }

        public String fileName(String extension) {
            return artifactId + "-" + version + "." + extension;
        }
    }

    private final Path root;

    public FileRepository(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public String url() {
        return root.toUri().toString();
    }

    /** Writes the POM, the jar and their checksums. */
    public Path publish(Published artifact) throws IOException {
        Path folder = Files.createDirectories(artifact.folder(root));
        withSha1(Files.writeString(folder.resolve(artifact.fileName("pom")), pom(artifact)));
        return withSha1(writeJar(folder.resolve(artifact.fileName("jar")), artifact.className()));
    }

    /** Lists the versions of one artifact, as Resolver reads them to answer a version range. */
    public void metadata(String groupId, String artifactId, String... versions) throws IOException {
        Path folder = Files.createDirectories(root.resolve(groupId.replace('.', '/')).resolve(artifactId));
        String listed = Arrays.stream(versions).map(v -> "      <version>" + v + "</version>").collect(Collectors.joining("\n"));
        withSha1(Files.writeString(folder.resolve("maven-metadata.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <metadata>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <versioning>
                    <latest>%s</latest>
                    <release>%s</release>
                    <versions>
                %s
                    </versions>
                    <lastUpdated>20260101000000</lastUpdated>
                  </versioning>
                </metadata>
                """.formatted(groupId, artifactId, versions[versions.length - 1], versions[versions.length - 1], listed)));
    }

    private static String pom(Published artifact) {
        String dependencies = artifact.dependencies().stream().map(coordinates -> {
            String[] parts = coordinates.split(":");
            return "    <dependency><groupId>" + parts[0] + "</groupId><artifactId>" + parts[1] + "</artifactId><version>" + parts[2] + "</version></dependency>";
        }).collect(Collectors.joining("\n"));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <version>%s</version>
                  <dependencies>
                %s
                  </dependencies>
                </project>
                """.formatted(artifact.groupId(), artifact.artifactId(), artifact.version(), dependencies);
    }

    private Path writeJar(Path jar, String className) throws IOException {
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        String packageName = className.substring(0, className.lastIndexOf('.'));
        Path sources = Files.createDirectories(root.resolveSibling(root.getFileName() + "-src").resolve(jar.getFileName().toString()));
        Path source = Files.writeString(sources.resolve(simpleName + ".java"),
                "package " + packageName + "; public class " + simpleName + " { public String name() { return \"" + className + "\"; } }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, "-d", sources.toString(), source.toString()) != 0) {
            throw new IllegalStateException("could not compile " + source);
        }
        String entry = className.replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out)) {
            entries.putNextEntry(new JarEntry(entry));
            entries.write(Files.readAllBytes(sources.resolve(entry)));
            entries.closeEntry();
        }
        return jar;
    }

    private static Path withSha1(Path file) throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file));
            Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), HexFormat.of().formatHex(digest));
            return file;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
