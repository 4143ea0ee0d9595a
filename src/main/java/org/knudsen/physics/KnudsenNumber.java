package org.knudsen.physics;

/**
 * The Knudsen number ε of the diffusive scaling (PHYSICS.md §0, the paper's eq. 1.6): collisions carry 1/ε² and
 * streaming 1/ε. Its rule, ε ∈ (0, 1], lives here.
 */
public final class KnudsenNumber {
    /** The rule of ε, as messages state it. */
    public static final String RULE = "Knudsen number must lie in (0, 1]";

    private KnudsenNumber() {
    }

    /** ε itself, or a {@link ParameterException} for "epsilon". */
    public static double require(double epsilon) {
        if (!(epsilon > 0 && epsilon <= 1)) {
            throw new ParameterException("epsilon", RULE);
        }
        return epsilon;
    }
}
