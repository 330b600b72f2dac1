package io.github.slim4j.core.store;

/** A file written in a schema that a later slim4j introduced. */
final class NewerSchemaException extends RuntimeException {

    NewerSchemaException(int schema, String writtenBy) {
        super("it was written by " + writtenBy + " in file schema " + schema + ", and this slim4j reads schema " + Manifest.SCHEMA
                + " and older; load it with " + writtenBy + " or newer");
    }
}
