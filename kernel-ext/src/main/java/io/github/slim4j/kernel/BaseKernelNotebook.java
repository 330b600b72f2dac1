package io.github.slim4j.kernel;

import io.github.slim4j.kernel.output.RichRendering;
import io.github.slim4j.kernel.runtime.Handoff;
import io.github.slim4j.magics.spi.MimeBundle;
import io.github.slim4j.magics.spi.Notebook;
import io.github.slim4j.magics.spi.Variable;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import jdk.jshell.EvalException;

import java.util.Optional;
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
