package io.github.slim4j.kernel;

import io.github.slim4j.kernel.output.RichRendering;
import io.github.slim4j.kernel.runtime.Handoff;
import io.github.slim4j.magics.grammar.Suggestions;
import io.github.slim4j.magics.spi.MimeBundle;
import io.github.slim4j.magics.spi.Notebook;
import io.github.slim4j.magics.spi.Variable;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import jdk.jshell.EvalException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The magics' {@link Notebook} on any basekernel kernel: our own, or a stock IJava kernel. It
 * needs only {@link BaseKernel#eval(String)} and the display channel.
 *
 * <p>Variables cross between the kernel's Java and the notebook's through {@link Handoff}: a
 * lookup evaluates the statement {@code Handoff.put(token, name);} and claims what it left, a
 * definition offers the value and evaluates {@code T name = (T) Handoff.take(token);}. Statements,
 * not expressions, because JShell keeps the value of every expression in a {@code $N} variable
 * forever. Names are checked to be Java identifiers first, so no other text is ever evaluated.
 */
public class BaseKernelNotebook implements Notebook {

    private static final String HANDOFF = Handoff.class.getName();

    /** Near names that are not variables (a type, a method) are skipped, up to this many lookups. */
    private static final int NEAREST_LOOKED_UP = 3;

    private final BaseKernel kernel;

    public BaseKernelNotebook(BaseKernel kernel) {
        this.kernel = kernel;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The lookup statement can fail to compile for one reason only, that no variable has the
     * name (javac's "cannot find symbol"), so a checked exception from {@code eval} other than a
     * failure while running ({@link EvalException}) means absent.
     */
    /**
     * {@inheritDoc}
     *
     * <p>basekernel cannot list a kernel's variables, but every kernel completes code, and JShell's
     * completion of the name's first letter (either case) offers what is defined: variables among
     * types, methods and keywords. The nearest few are looked up to keep only a variable.
     */
    @Override
    public List<String> variableNamesNear(String typed) {
        if (typed.isEmpty()) {
            return List.of();
        }
        Set<String> offered = new LinkedHashSet<>();
        String first = typed.substring(0, 1);
        for (String prefix : new LinkedHashSet<>(List.of(first.toLowerCase(Locale.ROOT), first.toUpperCase(Locale.ROOT)))) {
            completions(prefix).stream().filter(JavaNames::isVariableName).forEach(offered::add);
        }
        for (int tries = 0; tries < NEAREST_LOOKED_UP; tries++) {
            Optional<String> nearest = Suggestions.closest(typed, offered);
            if (nearest.isEmpty()) {
                break;
            }
            if (lookup(nearest.get()) instanceof Variable.Present) {
                return List.of(nearest.get());
            }
            offered.remove(nearest.get());
        }
        return List.of();
    }

    /** What the kernel completes {@code prefix} to; nothing when it cannot complete (a suggestion is only a courtesy). */
    private List<String> completions(String prefix) {
        try {
            ReplacementOptions options = kernel.complete(prefix, prefix.length());
            return options == null ? List.of() : options.getReplacements();
        } catch (Exception cannotComplete) {
            return List.of();
        }
    }

    @Override
    public Variable lookup(String name) {
        if (!JavaNames.isVariableName(name)) {
            return Variable.absent();
        }
        String token = newToken();
        try {
            kernel.eval(HANDOFF + ".put(\"" + token + "\", " + name + ");");
        } catch (RuntimeException e) {
            throw e;
        } catch (EvalException e) {
            throw new IllegalStateException("reading the variable " + name + " failed: " + e.getMessage(), e);
        } catch (Exception noSuchVariable) {
            return Variable.absent();
        }
        return Handoff.claim(token);
    }

    @Override
    public void define(String name, String javaType, Object value) {
        if (!JavaNames.isVariableName(name)) {
            throw new IllegalArgumentException("not a Java variable name: " + name);
        }
        String token = newToken();
        Handoff.offer(token, value);
        try {
            kernel.eval(javaType + " " + name + " = (" + javaType + ") " + HANDOFF + ".take(\"" + token + "\");");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not define " + name + " as " + javaType + ": " + e.getMessage(), e);
        } finally {
            Handoff.claim(token);
        }
    }

    @Override
    public void display(MimeBundle output, Optional<String> displayId) {
        DisplayData data = RichRendering.toDisplayData(output);
        displayId.ifPresent(data::setDisplayId);
        kernel.display(data);
    }

    @Override
    public void updateDisplay(String displayId, MimeBundle output) {
        DisplayData data = RichRendering.toDisplayData(output);
        data.setDisplayId(displayId);
        publishUpdate(data);
    }

    /** Sends an {@code update_display_data}; basekernel kernels have it on their display stream. */
    protected void publishUpdate(DisplayData data) {
        kernel.getIO().display.updateDisplay(data);
    }

    private static String newToken() {
        return UUID.randomUUID().toString();
    }
}
