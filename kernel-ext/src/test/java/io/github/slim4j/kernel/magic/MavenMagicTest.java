package io.github.slim4j.kernel.magic;

import io.github.slim4j.core.memory.MemoryRoom;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.grammar.Tokenizer;
import io.github.slim4j.kernel.maven.PlainTextNotebook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** %maven against a repository written in the test; settings.xml makes it Maven Central's mirror, so nothing goes to the network. */
class MavenMagicTest {

    private static final FileRepository.Published LIB = new FileRepository.Published("demo", "greeter-lib", "1.0", "demo.lib.Lib", List.of());
    private static final FileRepository.Published APP = new FileRepository.Published("demo", "greeter-app", "1.0", "demo.app.App", List.of("demo:greeter-lib:1.0"));
    private static final FileRepository.Published APP_11 = new FileRepository.Published("demo", "greeter-app", "1.1", "demo.app.App", List.of("demo:greeter-lib:1.0"));

    @TempDir
    Path temp;
    private FileRepository remote;
    private Path home;
    private Path local;
    private final RecordingClassPath classPath = new RecordingClassPath();
    private final PlainTextNotebook notebook = new PlainTextNotebook();
    private MagicCatalog catalog;

    @BeforeEach
    void publish() throws IOException {
        remote = new FileRepository(Files.createDirectories(temp.resolve("remote")));
        remote.publish(LIB);
        remote.publish(APP);
        remote.publish(APP_11);
        remote.metadata("demo", "greeter-app", "1.0", "1.1");
        home = Files.createDirectories(temp.resolve("home"));
        local = temp.resolve("local");
        settings(remote.url(), false);
        catalog = MagicCatalog.standard().with(new MavenMagic(classPath, home));
    }

    private void settings(String mirrorUrl, boolean offline) throws IOException {
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(settingsFile(), """
                <settings>
                  <localRepository>%s</localRepository>
                  <offline>%s</offline>
                  <mirrors>
                    <mirror><id>test-mirror</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(local, offline, mirrorUrl));
    }

    private Path settingsFile() {
        return home.resolve(".m2/settings.xml");
    }

    private Table run(String line) {
        return catalog.run("maven", Tokenizer.split(line), notebook);
    }

    private String error(String line) {
        return assertThrows(MagicException.class, () -> run(line)).getMessage();
    }

    private Path inLocal(FileRepository.Published artifact) {
        return artifact.folder(local).resolve(artifact.fileName("jar"));
    }

    @Test
    void addsTheArtifactAndWhatItDependsOnFromTheLocalRepository() throws Exception {
        Table added = run("demo:greeter-app:1.0");

        assertEquals(List.of(inLocal(APP), inLocal(LIB)), classPath.added());
        assertArrayEquals(Files.readAllBytes(APP.folder(remote.root()).resolve(APP.fileName("jar"))), Files.readAllBytes(inLocal(APP)));
        assertEquals(List.of("demo:greeter-app:jar:1.0", "demo:greeter-lib:jar:1.0"), added.stringColumn("coordinates").asList());
        try (URLClassLoader loader = new URLClassLoader(new URL[]{inLocal(APP).toUri().toURL(), inLocal(LIB).toUri().toURL()}, null)) {
            Object lib = loader.loadClass("demo.lib.Lib").getConstructor().newInstance();
            assertEquals("demo.lib.Lib", lib.getClass().getMethod("name").invoke(lib));
        }
    }

    @Test
    void downloadsShowOneBarThatEndsWithWhatWasFetched() throws IOException {
        run("demo:greeter-app:1.0");

        long fetched = 0;
        for (FileRepository.Published artifact : List.of(APP, LIB)) {
            for (String extension : List.of("pom", "jar")) {
                fetched += Files.size(artifact.folder(remote.root()).resolve(artifact.fileName(extension)));
            }
        }
        List<String> bars = notebook.shown().stream().filter(text -> text.contains("%maven:")).toList();
        assertTrue(bars.get(0).contains("starting"), bars.toString());
        assertEquals("[" + "#".repeat(30) + "] 100% %maven: 4 files, " + MemoryRoom.size(fetched) + " downloaded", bars.get(bars.size() - 1));
    }

    @Test
    void aSecondRunIsServedFromTheLocalRepositoryWithoutABarOrDuplicates() {
        run("demo:greeter-app:1.0");
        int shownAfterFirst = notebook.shown().size();
        run("demo:greeter-app:1.0");

        assertEquals(List.of(inLocal(APP), inLocal(LIB)), classPath.added());
        assertTrue(notebook.shown().subList(shownAfterFirst, notebook.shown().size()).stream().noneMatch(text -> text.contains("%maven:")));
    }

    @Test
    void listShowsWhatWasAddedInThisSession() {
        assertEquals(0, run("--list").rowCount());
        run("demo:greeter-app:1.0");
        Table listed = run("--list");
        assertEquals(List.of("demo:greeter-app:jar:1.0", "demo:greeter-lib:jar:1.0"), listed.stringColumn("coordinates").asList());
        assertEquals(List.of(inLocal(APP).toString(), inLocal(LIB).toString()), listed.stringColumn("jar").asList());
    }

    @Test
    void anUnknownArtifactNamesItAndTheRepositoriesSearched() {
        assertEquals("%maven: no artifact demo:nothing in test-mirror (" + remote.url() + "); nothing was added to the class path",
                error("demo:nothing:1.0"));
    }

    @Test
    void anUnknownVersionSaysWhichVersionsExist() {
        assertEquals("%maven: demo:greeter-app has no version 9.9 in test-mirror (" + remote.url() + "); it has 1.0, 1.1;"
                + " nothing was added to the class path", error("demo:greeter-app:9.9"));
    }

    @Test
    void whenOneArtifactFailsNoneIsAdded() {
        error("demo:greeter-lib:1.0 demo:nothing:1.0");
        assertEquals(List.of(), classPath.added());
        assertEquals(0, run("--list").rowCount());
    }

    @Test
    void anUnreachableRepositoryIsNamed() throws IOException {
        settings("http://127.0.0.1:1/maven2/", false);
        String message = error("demo:greeter-app:1.0");
        assertTrue(message.startsWith("%maven: cannot reach http://127.0.0.1:1/maven2/ for demo:greeter-app:"), message);
        assertTrue(message.endsWith("; nothing was added to the class path"), message);
        assertEquals(1, message.lines().count(), message);
        assertEquals(List.of(), classPath.added());
    }

    @Test
    void offlineSettingsSayWhyAMissingArtifactIsNotFetched() throws IOException {
        settings(remote.url(), true);
        assertEquals("%maven: offline per " + settingsFile() + ", and demo:greeter-app:jar:1.0 is not in the local repository " + local
                + "; nothing was added to the class path", error("demo:greeter-app:1.0"));
    }

    @Test
    void offlineSettingsStillServeWhatTheLocalRepositoryHas() throws IOException {
        run("demo:greeter-app:1.0");
        settings("http://127.0.0.1:1/maven2/", true);
        assertEquals(List.of("demo:greeter-app:jar:1.0", "demo:greeter-lib:jar:1.0"), run("demo:greeter-app:1.0").stringColumn("coordinates").asList());
    }

    @Test
    void extraRepositoriesAreSearchedWithoutAMirror() throws IOException {
        Files.writeString(settingsFile(), "<settings><localRepository>" + local + "</localRepository><offline>false</offline>"
                + "<mirrors><mirror><id>no-central</id><mirrorOf>central</mirrorOf><url>" + temp.resolve("empty").toUri() + "</url></mirror></mirrors></settings>");
        run("demo:greeter-app:1.0 --repo " + remote.url());
        assertEquals(List.of(inLocal(APP), inLocal(LIB)), classPath.added());
    }

    @Test
    void anInterruptedDownloadStopsAndAddsNothing() {
        Thread.currentThread().interrupt();
        try {
            assertEquals("%maven: interrupted; nothing was added to the class path", error("demo:greeter-app:1.0"));
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of(), classPath.added());
    }

    @Test
    void malformedCoordinatesSayTheAllowedForm() {
        assertEquals("%maven: 'demo-only' is not Maven coordinates; write GROUP:ARTIFACT:VERSION or GROUP:ARTIFACT:EXTENSION[:CLASSIFIER]:VERSION;"
                + " nothing was added to the class path", error("demo-only"));
    }

    @Test
    void aRepositoryThatIsNotAUrlIsRefused() {
        assertEquals("%maven: --repo 'not a url' is not a repository URL; give http://, https:// or file: URLs separated by commas",
                error("demo:greeter-app:1.0 --repo 'not a url'"));
    }

    @Test
    void aBrokenSettingsFileIsNamedWithItsLine() throws IOException {
        Files.writeString(settingsFile(), "<settings>\n<offline>true</offline>\n<mirrors>\n</settings>\n");
        String message = error("demo:greeter-app:1.0");
        assertTrue(message.startsWith("%maven: cannot read " + settingsFile() + " (line 4): "), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void theGrammarWantsCoordinatesOrListButNotBoth() {
        assertEquals("%maven: give one of COORDINATES, --list (see %help maven)", error(""));
        assertEquals("%maven: COORDINATES and --list cannot go together; give one of COORDINATES, --list (see %help maven)",
                error("--list demo:greeter-app:1.0"));
        assertEquals("%maven: --repo needs COORDINATES (see %help maven)", error("--list --repo " + remote.url()));
        assertFalse(notebook.shown().stream().anyMatch(text -> text.contains("%maven:")));
    }

    private static final class RecordingClassPath implements ExtraClassPath {
        private final List<Path> added = new ArrayList<>();

        @Override
        public void add(Path entry) {
            added.add(entry);
        }

        @Override
        public List<Path> added() {
            return List.copyOf(added);
        }
    }
}
