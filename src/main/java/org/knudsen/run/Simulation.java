package org.knudsen.run;

import java.io.PrintStream;

/** Entry point that runs a validated scenario (independent of the command line). */
public final class Simulation {
    private Simulation() {
    }

    /**
     * Runs the scenario to its end, printing progress to {@code out}: the spatial particle run when the scenario
     * has [domain], [particles] and [time]; the Maxwell–Stefan solver alone when it has [domain] and [time] but no
     * [particles]; otherwise (or when {@code homogeneous} is set) the homogeneous relaxation of its mixture.
     */
    public static RunResult run(Scenario scenario, boolean homogeneous, PrintStream out) {
        return run(scenario, homogeneous, out, SpatialRun.Options.defaults(System.console() != null));
    }

    /** As {@link #run(Scenario, boolean, PrintStream)}, with the spatial run's options (checkpoints, signals). */
    public static RunResult run(Scenario scenario, boolean homogeneous, PrintStream out, SpatialRun.Options options) {
        if (homogeneous || scenario.domain().isEmpty() || scenario.time().isEmpty()) {
            return HomogeneousRun.run(scenario, out);
        }
        if (scenario.particles().isEmpty()) {
            return FluidRun.run(scenario, out);
        }
        return SpatialRun.run(scenario, out, options);
    }
}
