package io.github.slim4j.kernel;

import javax.lang.model.SourceVersion;

/** Checks for names that will be pasted into Java source, so that no other text ever is. */
final class JavaNames {

    private JavaNames() {
    }

    /** A simple name a variable can have: an identifier that is not a keyword. */
    static boolean isVariableName(String name) {
        return name != null && SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name);
    }
}
