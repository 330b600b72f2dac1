package io.github.slim4j.kernel.maven;

import io.github.slim4j.magics.spi.MimeBundle;
import io.github.slim4j.magics.spi.Notebook;
import io.github.slim4j.magics.spi.Variable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A notebook without variables that keeps the plain text of every display and update, in order. */
public final class PlainTextNotebook implements Notebook {
    private final List<String> shown = new ArrayList<>();

    /** What was shown so far, displays and updates alike. */
    public List<String> shown() {
        return List.copyOf(shown);
    }

    @Override
    public Variable lookup(String name) {
        return Variable.absent();
    }

    @Override
    public void define(String name, String javaType, Object value) {
        throw new UnsupportedOperationException("%maven defines no variables");
    }

    @Override
    public void display(MimeBundle output, Optional<String> displayId) {
        shown.add(output.data().get(MimeBundle.TEXT_PLAIN));
    }

    @Override
    public void updateDisplay(String displayId, MimeBundle output) {
        shown.add(output.data().get(MimeBundle.TEXT_PLAIN));
    }
}
