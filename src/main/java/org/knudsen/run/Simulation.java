package org.knudsen.run;

import java.io.PrintStream;

/** Entry point that runs a validated scenario (independent of the command line). */
public final class Simulation {
    private Simulation() {
    }

    /**
     * Runs the scenario to its end, printing progress to {@code out}.
     * TODO(lead): connect the homogeneous DSMC of org.knudsen.particles here.
     */
    public static RunResult run(Scenario scenario, PrintStream out) {
        throw new UnsupportedOperationException("particles solver not yet wired");
    }
}
