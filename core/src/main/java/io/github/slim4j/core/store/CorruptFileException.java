package io.github.slim4j.core.store;

/**
 * A saved file that cannot be what it claims: the message says what is wrong with it, and
 * {@link ModelFile} puts the file's name in front.
 */
final class CorruptFileException extends RuntimeException {

    CorruptFileException(String problem) {
        super(problem);
    }
}
