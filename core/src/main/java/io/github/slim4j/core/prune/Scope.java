package io.github.slim4j.core.prune;

/**
 * Where an amount applies: to each selected tensor on its own, or to all of them at once, as
 * {@code global_unstructured} ranks every entry of every selected tensor together.
 */
public enum Scope { LAYER, GLOBAL }
