package io.github.slim4j.kernel;

import io.github.slim4j.kernel.magic.FileRepository;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * %maven in a running kernel: the jars it resolves reach JShell's class path, transitive ones
 * included. The kernel reads settings.xml from user.home, pointed at a temporary home while the
 * kernel is made, whose settings make a repository written here the mirror of everything.
 */
class MavenInKernelTest {

    @TempDir
    static Path temp;
    private static Slim4jKernel kernel;

    @BeforeAll
    static void startKernelWithATemporaryHome() throws IOException {
        FileRepository remote = new FileRepository(Files.createDirectories(temp.resolve("remote")));
        remote.publish(new FileRepository.Published("demo", "greeter-lib", "1.0", "demo.lib.Lib", List.of()));
        remote.publish(new FileRepository.Published("demo", "greeter-app", "1.0", "demo.app.App", List.of("demo:greeter-lib:1.0")));
        Path home = Files.createDirectories(temp.resolve("home"));
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2/settings.xml"), "<settings><mirrors><mirror><id>test</id><mirrorOf>*</mirrorOf><url>"
                + remote.url() + "</url></mirror></mirrors></settings>");
        String userHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            kernel = new Slim4jKernel();
        } finally {
            System.setProperty("user.home", userHome);
        }
    }

    @AfterAll
    static void stopKernel() {
        kernel.shutdown();
    }

    @Test
    void aTransitiveDependencysClassCanBeUsedInTheNextCell() {
        RecordingSink added = RecordingSink.of(kernel, "%maven demo:greeter-app:1.0");
        assertEquals(List.of(), added.only(RecordingSink.Error.class));
        RecordingSink used = RecordingSink.of(kernel, "new demo.lib.Lib().name() + \" \" + new demo.app.App().name()");
        assertEquals("demo.lib.Lib demo.app.App", used.result());
        // No localRepository in the settings: Maven's default under the (temporary) home.
        Path expected = temp.resolve("home/.m2/repository/demo/greeter-lib/1.0/greeter-lib-1.0.jar");
        RecordingSink listed = RecordingSink.of(kernel, "%classpath");
        String table = listed.only(RecordingSink.Display.class).get(0).data().getData(MIMEType.TEXT_PLAIN).toString();
        assertTrue(table.contains(expected.toString()), table);
    }
}
