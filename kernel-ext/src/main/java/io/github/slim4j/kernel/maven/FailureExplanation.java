package io.github.slim4j.kernel.maven;

import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.eclipse.aether.transfer.TransferCancelledException;
import org.eclipse.aether.version.Version;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns Resolver's failure, a tree of exceptions several levels deep, into the one line a user
 * needs: which coordinates, and whether they do not exist, the version does not, the repository
 * cannot be reached, or the settings say offline.
 */
final class FailureExplanation {

    private static final int VERSIONS_SHOWN = 8;

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final MavenSettings settings;

    FailureExplanation(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories, MavenSettings settings) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
        this.settings = settings;
    }

    String explain(DependencyResolutionException failure) {
        List<Throwable> causes = causes(failure);
        // The collector stops on the thread's interrupt (and clears the flag), a download on the listener's cancellation.
        if (Thread.currentThread().isInterrupted() || find(causes, InterruptedException.class).isPresent()
                || find(causes, TransferCancelledException.class).isPresent()) {
            return "interrupted";
        }
        Optional<Artifact> missing = failedArtifact(failure);
        if (settings.offline()) {
            return "offline per " + settings.file() + ", and " + missing.map(Artifact::toString).orElse("an artifact")
                    + " is not in the local repository " + settings.localRepository();
        }
        Optional<ArtifactNotFoundException> notFound = find(causes, ArtifactNotFoundException.class);
        if (notFound.isPresent()) {
            return notFoundLine(notFound.get().getArtifact());
        }
        Optional<ArtifactTransferException> transfer = find(causes, ArtifactTransferException.class);
        if (transfer.isPresent()) {
            return "cannot reach " + transfer.get().getRepository().getUrl() + " for " + transfer.get().getArtifact()
                    + ": " + deepest(transfer.get());
        }
        return firstLine(failure.getMessage());
    }

    private String notFoundLine(Artifact artifact) {
        String searched = " in " + repositories.stream().map(repository -> repository.getId() + " (" + repository.getUrl() + ")")
                .collect(Collectors.joining(", "));
        String name = artifact.getGroupId() + ":" + artifact.getArtifactId();
        List<Version> versions = versionsOf(artifact);
        if (versions.isEmpty()) {
            return "no artifact " + name + searched;
        }
        List<Version> newest = versions.subList(Math.max(0, versions.size() - VERSIONS_SHOWN), versions.size());
        return name + " has no version " + artifact.getVersion() + searched + "; it has "
                + (newest.size() < versions.size() ? "... " : "") + newest.stream().map(Version::toString).collect(Collectors.joining(", "));
    }

    /** The versions the repositories' metadata lists; none when there is no metadata to read. */
    private List<Version> versionsOf(Artifact artifact) {
        Artifact anyVersion = new DefaultArtifact(artifact.getGroupId(), artifact.getArtifactId(), artifact.getExtension(), "[0,)");
        try {
            return system.resolveVersionRange(session, new VersionRangeRequest(anyVersion, repositories, null)).getVersions();
        } catch (VersionRangeResolutionException e) {
            return List.of();
        }
    }

    private static Optional<Artifact> failedArtifact(DependencyResolutionException failure) {
        if (failure.getResult() == null) {
            return Optional.empty();
        }
        return failure.getResult().getArtifactResults().stream()
                .filter(result -> !result.isResolved())
                .map(ArtifactResult::getRequest)
                .map(ArtifactRequest::getArtifact)
                .findFirst();
    }

    /** Every exception in the failure: its causes, and those the result kept for each artifact and for the collection. */
    private static List<Throwable> causes(DependencyResolutionException failure) {
        List<Throwable> roots = new ArrayList<>();
        roots.add(failure);
        if (failure.getResult() != null) {
            failure.getResult().getArtifactResults().forEach(result -> roots.addAll(result.getExceptions()));
            roots.addAll(failure.getResult().getCollectExceptions());
        }
        List<Throwable> all = new ArrayList<>();
        for (Throwable root : roots) {
            for (Throwable cause = root; cause != null && !all.contains(cause); cause = cause.getCause()) {
                all.add(cause);
            }
        }
        return all;
    }

    private static <T extends Throwable> Optional<T> find(List<Throwable> causes, Class<T> type) {
        return causes.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The innermost message, such as "Connection refused", which says more than the wrappers around it. */
    private static String deepest(Throwable error) {
        Throwable innermost = error;
        while (innermost.getCause() != null) {
            innermost = innermost.getCause();
        }
        return firstLine(String.valueOf(innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage()));
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse(message);
    }
}
