package org.knudsen.physics;

/**
 * How a time step of the scaled equation splits free streaming S and collisions C (PHYSICS.md §10). First order:
 * C(Δt) then S(Δt), an O(Δt) splitting error. Strang: S(Δt/2) C(Δt) S(Δt/2), O(Δt²); consecutive half-streams merge,
 * so it costs one stream per step as well, plus one half-stream wherever the particles are read at a time.
 */
public enum OperatorSplitting {
    FIRST_ORDER("first-order"), STRANG("strang");

    private final String tomlName;

    OperatorSplitting(String tomlName) {
        this.tomlName = tomlName;
    }

    /** The scenario's name for it ({@code [time] splitting}). */
    public String tomlName() {
        return tomlName;
    }

    /** The splitting of that name, or a {@link ParameterException} for "splitting". */
    public static OperatorSplitting byTomlName(String name) {
        for (OperatorSplitting s : values()) {
            if (s.tomlName.equals(name)) {
                return s;
            }
        }
        throw new ParameterException("splitting", "must be \"strang\" (second order) or \"first-order\"");
    }
}
