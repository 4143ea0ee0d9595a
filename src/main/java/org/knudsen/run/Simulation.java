package org.knudsen.run;

import java.io.PrintStream;

/** Entry point that runs a validated scenario (independent of the command line). */
public final class Simulation {
    private Simulation() {
    }

    /**
     * Runs the scenario to its end, printing progress to {@code out}: the spatial run when the scenario has
     * [domain], [particles] and [time]; otherwise (or when {@code homogeneous} is set) the homogeneous
     * relaxation of its mixture.
     */
    public static RunResult run(Scenario scenario, boolean homogeneous, PrintStream out) {
        if (homogeneous || scenario.domain().isEmpty() || scenario.particles().isEmpty() || scenario.time().isEmpty()) {
            return HomogeneousRun.run(scenario, out);
        }
        return SpatialRun.run(scenario, out, System.console() != null);
    }
}
