package io.github.slim4j.magics;

import io.github.slim4j.magics.render.MagicOutput;
import io.github.slim4j.magics.spi.Notebook;

/** What a running magic works with: the notebook's variables, and where its output goes. */
public record MagicContext(Notebook notebook, MagicOutput out) { }
