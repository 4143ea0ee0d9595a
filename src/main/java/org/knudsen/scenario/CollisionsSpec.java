package org.knudsen.scenario;

import java.util.List;

/** {@code [collisions]}: the default kernel for every pair, and the per-pair overrides in file order. */
public record CollisionsSpec(KernelSpec defaults, List<PairSpec> pairs) {
    public CollisionsSpec {
        pairs = List.copyOf(pairs);
    }
}
