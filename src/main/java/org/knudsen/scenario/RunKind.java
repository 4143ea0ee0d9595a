package org.knudsen.scenario;

/** Which run a scenario makes (DESIGN.md, "The command"): decided in one place from its sections. */
public enum RunKind {
    /** Particles in the periodic box beside Maxwell–Stefan: [domain], [particles] and [time]. */
    SPATIAL,
    /** The Maxwell–Stefan solver alone: [domain] and [time] without [particles]. */
    FLUID,
    /** The mixture relaxing in one cell beside the exact Maxwell-molecule ODEs: no [domain] or [time], or --homogeneous. */
    HOMOGENEOUS;

    public static RunKind of(Scenario s, boolean homogeneous) {
        if (homogeneous || s.domain().isEmpty() || s.time().isEmpty()) {
            return HOMOGENEOUS;
        }
        return s.particles().isEmpty() ? FLUID : SPATIAL;
    }
}
