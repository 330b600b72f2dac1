package io.github.slim4j.kernel.maven;

import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.apache.maven.settings.building.SettingsProblem;
import org.eclipse.aether.repository.AuthenticationSelector;
import org.eclipse.aether.repository.MirrorSelector;
import org.eclipse.aether.repository.ProxySelector;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The user's {@code settings.xml} as Maven reads it (with Maven's own settings builder, so
 * {@code ${user.home}} and the like are interpolated as on the command line), turned into what
 * Resolver needs: the local repository, offline mode, mirrors, proxies and server credentials.
 * No settings file means Maven's defaults. Encrypted passwords are passed on as written: the
 * kernel has no master password to decrypt them.
 */
public record MavenSettings(Path file, Settings settings, Path userHome) {

    /** Reads {@code file} if it exists; {@code userHome} is where {@code .m2/repository} defaults to. */
    public static MavenSettings read(Path file, Path userHome) {
        if (!Files.isRegularFile(file)) {
            return new MavenSettings(file, new Settings(), userHome);
        }
        DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
        request.setUserSettingsFile(file.toFile());
        Properties system = new Properties();
        system.putAll(System.getProperties());
        system.setProperty("user.home", userHome.toString());
        request.setSystemProperties(system);
        try {
            return new MavenSettings(file, new DefaultSettingsBuilderFactory().newInstance().build(request).getEffectiveSettings(), userHome);
        } catch (SettingsBuildingException e) {
            SettingsProblem first = e.getProblems().get(0);
            throw new ResolutionException("cannot read " + file + " (line " + first.getLineNumber() + "): " + first.getMessage());
        }
    }

    public Path localRepository() {
        String configured = settings.getLocalRepository();
        return configured == null || configured.isBlank()
                ? userHome.resolve(".m2").resolve("repository")
                : Path.of(configured);
    }

    public boolean offline() {
        return settings.isOffline();
    }

    public MirrorSelector mirrors() {
        DefaultMirrorSelector selector = new DefaultMirrorSelector();
        for (Mirror mirror : settings.getMirrors()) {
            selector.add(mirror.getId(), mirror.getUrl(), mirror.getLayout(), false, mirror.isBlocked(),
                    mirror.getMirrorOf(), mirror.getMirrorOfLayouts());
        }
        return selector;
    }

    public ProxySelector proxies() {
        DefaultProxySelector selector = new DefaultProxySelector();
        for (Proxy proxy : settings.getProxies()) {
            if (proxy.isActive()) {
                AuthenticationBuilder login = new AuthenticationBuilder().addUsername(proxy.getUsername()).addPassword(proxy.getPassword());
                selector.add(new org.eclipse.aether.repository.Proxy(proxy.getProtocol(), proxy.getHost(), proxy.getPort(), login.build()),
                        proxy.getNonProxyHosts());
            }
        }
        return selector;
    }

    public AuthenticationSelector credentials() {
        DefaultAuthenticationSelector selector = new DefaultAuthenticationSelector();
        for (Server server : settings.getServers()) {
            selector.add(server.getId(), new AuthenticationBuilder().addUsername(server.getUsername()).addPassword(server.getPassword())
                    .addPrivateKey(server.getPrivateKey(), server.getPassphrase()).build());
        }
        return selector;
    }
}
