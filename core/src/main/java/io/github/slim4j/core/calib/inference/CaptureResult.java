package io.github.slim4j.core.calib.inference;

/**
 * How far a capture went.
 *
 * @param batches batches whose every point was passed on
 * @param examples examples in those batches
 * @param complete false when an interrupt stopped the capture early
 */
public record CaptureResult(long batches, long examples, boolean complete) {
}
