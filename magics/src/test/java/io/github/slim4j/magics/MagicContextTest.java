package io.github.slim4j.magics;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.magics.render.ChartFormat;
import io.github.slim4j.magics.render.MagicOutput;
import io.github.slim4j.magics.spi.MimeBundle;
import io.github.slim4j.magics.spi.Notebook;
import io.github.slim4j.magics.spi.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MagicContextTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void anInterruptedMagicStillDefinesItsResultAndKeepsTheInterrupt() {
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        Notebook refusesWhenInterrupted = new Notebook() {
            @Override
            public Variable lookup(String name) {
                return Variable.absent();
            }

            @Override
            public void define(String name, String javaType, Object value) {
                sawInterrupt.set(Thread.currentThread().isInterrupted());
            }

            @Override
            public void display(MimeBundle output, Optional<String> displayId) {
            }

            @Override
            public void updateDisplay(String displayId, MimeBundle output) {
            }
        };
        MagicContext context = new MagicContext(refusesWhenInterrupted, new MagicOutput(refusesWhenInterrupted, ChartFormat.NONE));
        Thread.currentThread().interrupt();
        context.define("kept", ModelHandle.of(Nd4j.ones(2)));
        assertFalse(sawInterrupt.get(), "the definition runs without the interrupt");
        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is still there for the magic to report");
    }
}
