package org.knudsen.scenario;

import java.util.OptionalDouble;

/**
 * {@code [time]}: the time step ({@code dt}; empty = {@code "auto"}, i.e. 0.2 ε²/max_i ν_i, PHYSICS.md §10) and
 * the end time (in the time t of the scaled equation (1.6)).
 */
public record TimeSpec(OptionalDouble dt, double end) {
    public boolean isAuto() {
        return dt.isEmpty();
    }
}
