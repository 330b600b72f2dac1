package io.github.slim4j.magics.grammar;

/** A notebook variable's name together with the value it held when the magic ran. */
public record Bound<T>(String name, T value) { }
