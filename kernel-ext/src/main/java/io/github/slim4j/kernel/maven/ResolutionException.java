package io.github.slim4j.kernel.maven;

/** A resolution that failed, with one line that says why; nothing was added to the class path. */
public final class ResolutionException extends RuntimeException {

    public ResolutionException(String message) {
        super(message);
    }
}
