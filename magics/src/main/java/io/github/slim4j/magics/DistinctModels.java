package io.github.slim4j.magics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The models a magic sets side by side (%compare, %benchmark): a row each, so each named once. */
public final class DistinctModels {
    private DistinctModels() {
    }

    /** @throws MagicException naming the first model given twice */
    public static void require(String magic, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new MagicException("%" + magic + ": MODEL '" + name + "' is given twice; name each model once");
            }
        }
    }
}
