package org.knudsen.run;

import java.io.PrintStream;
import java.util.Locale;
import org.knudsen.scenario.RunKind;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioInfo;
import org.knudsen.scenario.ScenarioRule;

/** Entry point that runs a validated scenario (independent of the command line). */
public final class Simulation {
    /**
     * Cost of one particle-step on one core, for the wall-time estimate printed before a run: {@code knudsen bench
     * --threads 1} measured 27 ns (collide, 0.07 collisions per particle-step) to 59 ns (the 3-species mixture with
     * moments at every step) on the 2-core EPYC of README "Performance"; runs sample the moments far less often.
     */
    static final double NANOS_PER_PARTICLE_STEP = 40;
    /** Longer than this, the estimate is printed as a warning. */
    public static final double LONG_RUN_SECONDS = 86_400;

    private Simulation() {
    }

    /** The rules of the run {@code knudsen run} makes: pass them to the parser so problems come before any work. */
    public static ScenarioRule rules(boolean homogeneous) {
        return RunRules.forRun(homogeneous);
    }

    /**
     * Runs the scenario to its end, printing progress to {@code out}: the spatial particle run when the scenario
     * has [domain], [particles] and [time]; the Maxwell–Stefan solver alone when it has [domain] and [time] but no
     * [particles]; otherwise (or when {@code homogeneous} is set) the homogeneous relaxation of its mixture.
     */
    public static RunResult run(Scenario scenario, boolean homogeneous, PrintStream out) {
        return run(scenario, homogeneous, out, SpatialRun.Options.defaults(System.console() != null));
    }

    /** As {@link #run(Scenario, boolean, PrintStream)}, with the spatial run's options (checkpoints, signals, force). */
    public static RunResult run(Scenario scenario, boolean homogeneous, PrintStream out, SpatialRun.Options options) {
        return switch (RunKind.of(scenario, homogeneous)) {
            case HOMOGENEOUS -> HomogeneousRun.run(scenario, out);
            case FLUID -> FluidRun.run(scenario, out, options.force(), options.provenance());
            case SPATIAL -> {
                RunRules.requireSpatial(scenario);
                for (String p : ScenarioInfo.of(scenario).resolutionProblems()) {
                    out.println("knudsen: warning: " + p);
                }
                double seconds = estimatedSeconds(scenario);
                out.printf(Locale.ROOT, "knudsen: %s: about %s of wall time on %d thread(s) (%.3g particle-steps at "
                        + "~%.0f ns each per core)%n", seconds > LONG_RUN_SECONDS ? "warning: a long run" : "estimate",
                        duration(seconds), Math.min(RunRules.threads(scenario), cores()), particleSteps(scenario),
                        NANOS_PER_PARTICLE_STEP);
                yield SpatialRun.run(scenario, out, options);
            }
        };
    }

    /** Particles × steps of a spatial scenario. */
    static double particleSteps(Scenario s) {
        return (double) s.domain().orElseThrow().totalCells() * s.particles().orElseThrow().perCell()
                * s.timeGrid().steps();
    }

    /** The wall-time estimate of a spatial run on this machine (particle-steps × cost / cores used). */
    public static double estimatedSeconds(Scenario s) {
        return particleSteps(s) * NANOS_PER_PARTICLE_STEP * 1e-9 / Math.min(RunRules.threads(s), cores());
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", Math.max(1, seconds));
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        if (seconds < 2 * LONG_RUN_SECONDS) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        }
        return String.format(Locale.ROOT, "%.1f days", seconds / LONG_RUN_SECONDS);
    }
}
