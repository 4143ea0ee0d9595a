package org.knudsen.run;

import java.io.PrintStream;

/** Entry point that runs a validated scenario (independent of the command line). */
public final class Simulation {
    private Simulation() {
    }

    /**
     * PHYSICS.md §10: a particle run that resolves neither the collision time nor the mean free path is refused
     * (exit 2, before anything is written); one that misses one of them runs with a warning. A run whose particles
     * would not fit in the heap is refused too.
     */
    static void checkResolution(Scenario scenario, PrintStream out) {
        ScenarioInfo info = ScenarioInfo.of(scenario);
        java.util.List<String> problems = info.resolutionProblems();
        boolean timeMissed = problems.stream().anyMatch(p -> p.startsWith("time.dt"));
        boolean spaceMissed = problems.stream().anyMatch(p -> p.startsWith("domain.cells"));
        if (timeMissed && spaceMissed) {
            throw new org.knudsen.io.InputException("the scenario resolves neither the collision time nor the mean free path:\n"
                    + String.join("\n", problems));
        }
        for (String p : problems) {
            out.println("knudsen: warning: " + p);
        }
        long needed = info.memoryEstimateBytes();
        long heap = Runtime.getRuntime().maxMemory();
        if (needed > 0.8 * heap) {
            throw new org.knudsen.io.InputException(String.format(java.util.Locale.ROOT,
                    "particles.per_cell = %d: the particles need about %.0f MiB, more than 80%% of the Java heap (%.0f MiB); "
                    + "use fewer particles or a larger heap (KNUDSEN_JAVA_OPTS=-Xmx...)",
                    scenario.particles().orElseThrow().perCell(), needed / 1048576.0, heap / 1048576.0));
        }
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
        checkResolution(scenario, out);
        return SpatialRun.run(scenario, out, options);
    }
}
