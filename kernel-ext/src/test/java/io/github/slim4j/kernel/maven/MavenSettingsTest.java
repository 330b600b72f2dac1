package io.github.slim4j.kernel.maven;

import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.RemoteRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MavenSettingsTest {

    private static RemoteRepository repository(String id, String url) {
        return new RemoteRepository.Builder(id, "default", url).build();
    }

    @Test
    void noSettingsFileMeansMavensDefaults(@TempDir Path home) {
        MavenSettings settings = MavenSettings.read(home.resolve(".m2/settings.xml"), home);
        assertEquals(home.resolve(".m2/repository"), settings.localRepository());
        assertFalse(settings.offline());
        assertNull(settings.mirrors().getMirror(repository("central", "https://repo.maven.apache.org/maven2/")));
    }

    @Test
    void localRepositoryOfflineMirrorsProxiesAndServersAreRead(@TempDir Path home) throws IOException {
        Path file = Files.createDirectories(home.resolve(".m2")).resolve("settings.xml");
        Files.writeString(file, """
                <settings>
                  <localRepository>${user.home}/elsewhere</localRepository>
                  <offline>true</offline>
                  <mirrors>
                    <mirror><id>corp</id><mirrorOf>central</mirrorOf><url>https://nexus.example.com/central/</url></mirror>
                  </mirrors>
                  <proxies>
                    <proxy><id>p</id><active>true</active><protocol>https</protocol><host>proxy.example.com</host><port>3128</port>
                      <nonProxyHosts>*.internal.example.com</nonProxyHosts></proxy>
                  </proxies>
                  <servers>
                    <server><id>corp</id><username>me</username><password>secret</password></server>
                  </servers>
                </settings>
                """);
        MavenSettings settings = MavenSettings.read(file, home);

        assertEquals(home.resolve("elsewhere"), settings.localRepository());
        assertTrue(settings.offline());
        RemoteRepository mirror = settings.mirrors().getMirror(repository("central", "https://repo.maven.apache.org/maven2/"));
        assertEquals("corp", mirror.getId());
        assertEquals("https://nexus.example.com/central/", mirror.getUrl());
        assertNull(settings.mirrors().getMirror(repository("other", "https://repo.other.org/")));
        Proxy proxy = settings.proxies().getProxy(repository("corp", "https://nexus.example.com/central/"));
        assertEquals("proxy.example.com", proxy.getHost());
        assertEquals(3128, proxy.getPort());
        assertNull(settings.proxies().getProxy(repository("in", "https://repo.internal.example.com/")));
        assertNotNull(settings.credentials().getAuthentication(mirror));
        assertNull(settings.credentials().getAuthentication(repository("anonymous", "https://repo.other.org/")));
    }
}
