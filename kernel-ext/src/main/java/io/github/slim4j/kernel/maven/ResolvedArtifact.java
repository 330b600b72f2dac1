package io.github.slim4j.kernel.maven;

import java.nio.file.Path;

/** One jar %maven put on the class path: the coordinates it was resolved as, and its file in the local repository. */
public record ResolvedArtifact(String coordinates, Path jar) {
}
