package org.knudsen.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knudsen.io.Provenance;
import org.knudsen.io.InputException;
import org.knudsen.io.Plots;
import org.knudsen.physics.KnudsenNumber;
import org.knudsen.physics.ParameterException;
import org.knudsen.io.RunDirectory;
import org.knudsen.io.TimeSeriesReader;
import org.knudsen.io.TextFiles;
import org.knudsen.io.TimeSeriesWriter;
import org.knudsen.scenario.OutputSpec;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioProblems;
import org.knudsen.scenario.ScenarioRule;
import org.knudsen.scenario.ScenarioRules;

/**
 * The ε-sweep (stability of F^ε − M^ε as ε → 0, PHYSICS.md §11 Theorem 2.2): the same physical setup at every ε,
 * resolution scaled by {@link Scenario#rescaledTo}; each run goes to {@code DIR/eps_<ε>} and the sweep writes
 * {@code DIR/sweep.csv} (ε, sup_t ‖F − M‖ with its SE, the sup divided by ε, the sup of the fluid part, and the sup
 * of the run's exact linear {@code dev_norm_lb} with it divided by ε, overlaid on the plot) and
 * {@code DIR/sweep.png}. The sup is taken over the output times after t = 0 (where F = M by construction); its SE
 * is that of the sample attaining it.
 */
public final class SweepRun {
    private SweepRun() {
    }

    public static final List<String> COLUMNS = List.of("epsilon", "sup_dev_norm", "sup_dev_norm_se",
            "sup_dev_norm_over_eps", "sup_dev_norm_over_eps_se", "t_of_sup", "sup_dev_fluid_norm", "sup_dev_fluid_norm_se",
            "cells", "particles_per_cell", "dt", "sup_dev_norm_lb", "sup_dev_norm_lb_over_eps");

    /** The default sweep directory: runs/NAME-sweep. */
    public static Path defaultDirectory(Scenario base) {
        return Path.of(OutputSpec.defaultDir(base.name() + "-sweep"));
    }

    /** --eps must be a non-empty list of values in (0, 1]. */
    public static void requireEpsilons(double[] epsilons) {
        if (epsilons == null || epsilons.length == 0) {
            throw new InputException("--eps: give at least one epsilon, e.g. --eps 0.2,0.1,0.05");
        }
        for (double e : epsilons) {
            try {
                KnudsenNumber.require(e);
            } catch (ParameterException bad) {
                throw new InputException("--eps: epsilon = " + e + ": " + bad.rule());
            }
        }
    }

    /**
     * The rules of a sweep: the base is a spatial particle run, and at every ε the rescaled scenario passes the
     * scenario's and the run's rules (problems point at the base file's keys, prefixed with the ε). Without --dir the
     * sweep directory is runs/NAME-sweep, so the name must then be a safe file name.
     */
    public static ScenarioRule rules(double[] epsilons, double particleExponent, boolean dirGiven) {
        return (base, problems) -> {
            if (!dirGiven && !OutputSpec.isSafeFileName(base.name() + "-sweep")) {
                problems.add("name", "the sweep directory is runs/<name>-sweep without --dir, so the name must be a "
                        + "plain file name (" + OutputSpec.SAFE_FILE_NAME_RULE + "); or pass --dir");
                return;
            }
            if (base.domain().isEmpty() || base.particles().isEmpty() || base.time().isEmpty()) {
                RunRules.spatial(base, problems);
                return;
            }
            for (double e : epsilons) {
                ScenarioProblems at = problems.within(String.format(Locale.ROOT, "at epsilon = %s: ", e));
                Scenario rescaled = base.rescaledTo(e, particleExponent, "runs/sweep-check");
                ScenarioRules.check(rescaled, at);
                if (at.isEmpty()) {
                    RunRules.spatial(rescaled, at);
                }
            }
        };
    }

    /** The sweep's own outputs in its directory (each ε's run claims its eps_ directory itself). */
    static final List<String> OUTPUTS = List.of("sweep.csv", "sweep.png", "scenario.toml");

    /**
     * Runs the sweep into {@code dir} (claimed first; {@code force} as for {@code knudsen run}, also for the runs of
     * every ε).
     */
    public static Path run(Scenario base, double[] epsilons, double particleExponent, Path dir, PrintStream out,
                           boolean force) {
        return run(base, epsilons, particleExponent, dir, out, force, Provenance.inProcess());
    }

    /** As above, with the process's provenance for the summary.json of every ε's run. */
    public static Path run(Scenario base, double[] epsilons, double particleExponent, Path dir, PrintStream out,
                           boolean force, Provenance provenance) {
        requireEpsilons(epsilons);
        RunRules.require(base, rules(epsilons, particleExponent, true));
        try (RunDirectory claimed = RunDirectory.claimForNewRun(dir, "--dir", OUTPUTS, force)) {
            return run(base, epsilons, particleExponent, dir, out,
                    SpatialRun.Options.defaults(false).withForce(force).withProvenance(provenance));
        }
    }

    private static Path run(Scenario base, double[] epsilons, double particleExponent, Path dir, PrintStream out,
                            SpatialRun.Options options) {
        List<Scenario> runs = new ArrayList<>();
        for (double e : epsilons) {
            runs.add(base.rescaledTo(e, particleExponent, dir.resolve(String.format(Locale.ROOT, "eps_%s", e)).toString()));
        }
        List<double[]> rows = new ArrayList<>();
        try (TimeSeriesWriter sweep = TimeSeriesWriter.create(dir.resolve("sweep.csv"), COLUMNS)) {
            for (Scenario s : runs) {
                out.printf(Locale.ROOT, "knudsen sweep: epsilon = %g%n", s.epsilon());
                RunResult result = SpatialRun.run(s, out, options);
                TimeSeriesReader series = TimeSeriesReader.read(result.outputDir().orElseThrow()
                        .resolve(TimeSeriesWriter.FILE_NAME));
                double[] t = series.column("t");
                double[] norm = series.column("dev_norm");
                double[] se = series.column("dev_norm_se");
                double[] fluid = series.column("dev_fluid_norm");
                double[] fluidSe = series.column("dev_fluid_norm_se");
                double[] lb = series.column("dev_norm_lb");
                int best = -1, bestFluid = -1, bestLinear = -1;
                for (int r = 0; r < t.length; r++) {
                    if (t[r] > 0 && (best < 0 || norm[r] > norm[best])) {
                        best = r;
                    }
                    if (t[r] > 0 && (bestFluid < 0 || fluid[r] > fluid[bestFluid])) {
                        bestFluid = r;
                    }
                    if (t[r] > 0 && (bestLinear < 0 || lb[r] > lb[bestLinear])) {
                        bestLinear = r;
                    }
                }
                double eps = s.epsilon();
                double[] row = {eps, norm[best], se[best], norm[best] / eps, se[best] / eps, t[best], fluid[bestFluid],
                    fluidSe[bestFluid], s.domain().get().totalCells(), s.particles().get().perCell(), s.timeStep(),
                    lb[bestLinear], lb[bestLinear] / eps};
                sweep.append(row);
                rows.add(row);
            }
        }
        double[] eps = rows.stream().mapToDouble(r -> r[0]).toArray();
        Plots.linePlot(dir.resolve("sweep.png"), "sup_t ||F - M|| / epsilon  (" + base.name() + ")", "epsilon",
                "sup ||F - M|| / epsilon", List.of(Plots.Series.points("particles (\u00b11 SE)", eps,
                        rows.stream().mapToDouble(r -> r[3]).toArray(), rows.stream().mapToDouble(r -> r[4]).toArray())
                                .withColor(Plots.palette(0)),
                        Plots.Series.dashed("exact linear (dev_norm_lb of each run)", eps,
                                rows.stream().mapToDouble(r -> r[12]).toArray()).withColor(Plots.palette(1))),
                Plots.Options.LOG_LOG);
        TextFiles.write(dir.resolve("scenario.toml"), base.toToml(), "--dir");
        out.printf(Locale.ROOT, "knudsen sweep: wrote %s%n", dir.resolve("sweep.csv"));
        for (double[] r : rows) {
            out.printf(Locale.ROOT, "  epsilon %-8g sup|F-M| = %.4g +- %.2g   sup|F-M|/eps = %.4g +- %.2g (t = %.3g)   "
                    + "exact linear sup|F-M|/eps = %.4g%n", r[0], r[1], r[2], r[3], r[4], r[5], r[12]);
        }
        return dir.resolve("sweep.csv");
    }
}
