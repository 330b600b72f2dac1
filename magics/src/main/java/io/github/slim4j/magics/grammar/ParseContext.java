package io.github.slim4j.magics.grammar;

import io.github.slim4j.magics.spi.Notebook;

/** What parsing may consult beyond the text: the notebook whose variables arguments name. */
public record ParseContext(Notebook notebook) { }
