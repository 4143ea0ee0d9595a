package org.knudsen.scenario;

import java.util.OptionalDouble;
import org.knudsen.physics.OperatorSplitting;

/**
 * {@code [time]}: the time step ({@code dt}; empty = {@code "auto"}, i.e. 0.2 ε²/max_i ν_i, PHYSICS.md §10), the end
 * time (in the time t of the scaled equation (1.6)) and how a step splits streaming and collisions (default Strang,
 * second order).
 */
public record TimeSpec(OptionalDouble dt, double end, OperatorSplitting splitting) {
    /** The default splitting of a particle run. */
    public static final OperatorSplitting DEFAULT_SPLITTING = OperatorSplitting.STRANG;

    /** With the default splitting. */
    public TimeSpec(OptionalDouble dt, double end) {
        this(dt, end, DEFAULT_SPLITTING);
    }

    public boolean isAuto() {
        return dt.isEmpty();
    }
}
