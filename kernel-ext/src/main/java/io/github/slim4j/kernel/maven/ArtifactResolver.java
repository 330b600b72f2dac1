package io.github.slim4j.kernel.maven;

import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.TransferListener;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.util.ArrayList;
import java.util.List;

/**
 * Resolves Maven coordinates with their runtime dependencies, as Maven would for a project that
 * declared them: from Maven Central and any extra repositories, through the mirrors, proxies and
 * credentials of the user's settings, into (and from) the local repository.
 */
public final class ArtifactResolver {

    static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2/";
    /** The forms {@link DefaultArtifact} accepts, for the message about a malformed one. */
    static final String COORDINATE_FORMS = "GROUP:ARTIFACT:VERSION or GROUP:ARTIFACT:EXTENSION[:CLASSIFIER]:VERSION";

    private final MavenSettings settings;
    private final List<String> extraRepositories;
    private final TransferListener transfers;

    /** @param extraRepositories URLs searched after Maven Central (or its mirror), in order */
    public ArtifactResolver(MavenSettings settings, List<String> extraRepositories, TransferListener transfers) {
        this.settings = settings;
        this.extraRepositories = List.copyOf(extraRepositories);
        this.transfers = transfers;
    }

    /** The jars of {@code coordinates} and of everything they need at run time, in class path order. */
    public List<ResolvedArtifact> resolve(List<String> coordinates) {
        List<Dependency> roots = new ArrayList<>();
        for (String coordinate : coordinates) {
            roots.add(new Dependency(artifact(coordinate), JavaScopes.RUNTIME));
        }
        RepositorySystem system = new RepositorySystemSupplier().get();
        try (RepositorySystemSession.CloseableSession session = newSession(system)) {
            List<RemoteRepository> repositories = system.newResolutionRepositories(session, declaredRepositories());
            CollectRequest collect = new CollectRequest(roots, List.of(), repositories);
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            try {
                return system.resolveDependencies(session, request).getArtifactResults().stream()
                        .map(ArtifactResult::getArtifact)
                        .map(artifact -> new ResolvedArtifact(artifact.toString(), artifact.getPath()))
                        .toList();
            } catch (DependencyResolutionException e) {
                throw new ResolutionException(new FailureExplanation(system, session, repositories, settings).explain(e));
            }
        } finally {
            system.shutdown();
        }
    }

    private static Artifact artifact(String coordinate) {
        try {
            return new DefaultArtifact(coordinate);
        } catch (IllegalArgumentException e) {
            throw new ResolutionException("'" + coordinate + "' is not Maven coordinates; write " + COORDINATE_FORMS);
        }
    }

    private RepositorySystemSession.CloseableSession newSession(RepositorySystem system) {
        return new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(settings.localRepository())
                .setOffline(settings.offline())
                .setMirrorSelector(settings.mirrors())
                .setProxySelector(settings.proxies())
                .setAuthenticationSelector(settings.credentials())
                .setTransferListener(transfers)
                .build();
    }

    private List<RemoteRepository> declaredRepositories() {
        List<RemoteRepository> repositories = new ArrayList<>();
        repositories.add(new RemoteRepository.Builder("central", "default", CENTRAL_URL).build());
        for (int i = 0; i < extraRepositories.size(); i++) {
            repositories.add(new RemoteRepository.Builder("repo" + (i + 1), "default", extraRepositories.get(i)).build());
        }
        return repositories;
    }
}
