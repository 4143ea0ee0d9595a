package org.knudsen.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knudsen.fluid.DiffusionClosure;
import org.knudsen.fluid.FourierMode;
import org.knudsen.fluid.LinearModeReference;
import org.knudsen.io.Plots;
import org.knudsen.io.RunDirectory;
import org.knudsen.io.TextFiles;
import org.knudsen.io.TimeSeriesWriter;
import org.knudsen.physics.Mixture;
import org.knudsen.scenario.FluidSpec;
import org.knudsen.scenario.ModeSpec;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioRule;
import org.knudsen.scenario.TimeGrid;

/**
 * {@code knudsen sweep --linear}: the ε-sweep of the linear problem alone (PHYSICS.md §11 Theorem 2.2, §12), no
 * particles, so it reaches ε = 10⁻³: at every ε the scenario rescaled as for the particle sweep
 * ({@link Scenario#rescaledTo}: the same physical initial data c̃, cells ∝ 1/ε for the cell-average factor, the same
 * output times), its {@link LinearModeReference} (the exact linear ‖F − M^ε‖ against the Maxwell–Stefan M^ε of the
 * scenario's closure, Hermite degree ≤ 3, in the units of {@code dev_norm}), and sup_t ‖F − M^ε‖ over the output times
 * t > 0, divided by ε. Writes {@code linear_sweep.csv} and the log–log {@code linear_sweep.png} into the sweep directory.
 * Each ε's degree ladder stops when the deviation and the amplitudes change by less than {@link #RELATIVE_TOLERANCE}
 * of their largest values.
 */
public final class LinearSweep {
    public static final List<String> COLUMNS = List.of("epsilon", "sup_dev_norm_lb", "sup_dev_norm_lb_over_eps",
            "t_of_sup", "degree", "last_change", "converged", "cells", "seconds");
    /** The smallest ε of the default list. */
    public static final double SMALLEST_EPSILON = 1e-3;
    static final double RELATIVE_TOLERANCE = 1e-4;
    static final int MAX_DEGREE = 32;
    /** The sweep's outputs in its directory (beside a particle sweep's, which they do not touch). */
    static final List<String> OUTPUTS = List.of("linear_sweep.csv", "linear_sweep.png", "scenario.toml");

    private LinearSweep() {
    }

    /** One ε. */
    public record Row(double epsilon, double sup, double timeOfSup, int degree, double lastChange, boolean converged,
                      long cells, double seconds) {
        double[] values() {
            return new double[] {epsilon, sup, sup / epsilon, timeOfSup, degree, lastChange, converged ? 1 : 0, cells,
                seconds};
        }
    }

    /** The default ε list: the scenario's ε halved down to 10⁻³, and 10⁻³ itself. */
    public static double[] defaultEpsilons(double start) {
        List<Double> e = new ArrayList<>();
        for (double x = start; x > SMALLEST_EPSILON * (1 + 1e-9); x /= 2) {
            e.add(x);
        }
        e.add(SMALLEST_EPSILON);
        return e.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** What the linear sweep needs of a scenario: a mixture, [domain], [time] and at least one [[fluid.mode]]. */
    public static ScenarioRule rules() {
        return (s, problems) -> {
            if (s.species().size() < 2) {
                problems.add("species", "the linear sweep measures against Maxwell-Stefan, which needs at least 2 species");
            } else if (s.domain().isEmpty() || s.time().isEmpty()) {
                problems.add(s.domain().isEmpty() ? "domain" : "time", "(missing)",
                        "the linear sweep needs [domain] (the box) and [time] (the output times)");
            } else if (s.fluid().map(f -> f.modes().isEmpty()).orElse(true)) {
                problems.add(s.fluid().isEmpty() ? "fluid" : "fluid.mode", "(missing)",
                        "the linear sweep needs at least one [[fluid.mode]]");
            }
        };
    }

    /** The row of one ε (scenario at that ε, already rescaled). */
    public static Row at(Scenario s) {
        Mixture m = s.mixture();
        FluidSpec fluid = s.fluid().orElseThrow();
        List<FourierMode> modes = new ArrayList<>();
        for (ModeSpec spec : fluid.modes()) {
            modes.add(new FourierMode(spec.wavevector(), spec.amplitudes()));
        }
        TimeGrid grid = s.timeGrid();
        double[] times = new double[(int) grid.samples() + 1];
        for (int k = 0; k < times.length; k++) {
            times[k] = k * grid.stepsPerSample() * grid.dt();   // the particle run's output times (RunPlan)
        }
        DiffusionClosure closure = fluid.closure();
        LinearModeReference r = LinearModeReference.compute(m, closure.delta(m), s.epsilon(),
                s.domain().get().length(), s.domain().get().cells(), fluid.meanVelocity(), modes, modes.get(0).wavevector(),
                times, new LinearModeReference.Settings(0, RELATIVE_TOLERANCE, LinearColumns.START_DEGREE,
                        LinearColumns.DEGREE_STEP, MAX_DEGREE));
        double[] dev = r.deviationNorm();
        int best = 1;
        for (int k = 1; k < dev.length; k++) {
            if (dev[k] > dev[best]) {
                best = k;
            }
        }
        return new Row(s.epsilon(), dev[best], times[best], r.degree(), r.lastChange(), r.converged(),
                s.domain().get().totalCells(), r.seconds());
    }

    /** Runs the sweep into {@code dir} (claimed first; {@code force} as for {@code knudsen sweep}). */
    public static Path run(Scenario base, double[] epsilons, Path dir, PrintStream out, boolean force) {
        RunRules.require(base, rules());
        List<Row> rows = new ArrayList<>();
        try (RunDirectory claimed = RunDirectory.claimForNewRun(dir, "--dir", OUTPUTS, force)) {
            try (TimeSeriesWriter csv = TimeSeriesWriter.create(dir.resolve("linear_sweep.csv"), COLUMNS)) {
                for (double e : epsilons) {
                    Row row = at(base.rescaledTo(e, 0, dir.toString()));
                    rows.add(row);
                    csv.append(row.values());
                    out.printf(Locale.ROOT, "knudsen sweep --linear: epsilon %-9g sup|F-M| = %.5g  sup|F-M|/eps = %.5g "
                            + "(t = %.3g)  degree %d%s, %.1f s%n", e, row.sup(), row.sup() / e, row.timeOfSup(),
                            row.degree(), row.converged() ? "" : " (not converged: change " + row.lastChange() + ")",
                            row.seconds());
                }
            }
            double[] eps = rows.stream().mapToDouble(Row::epsilon).toArray();
            double[] ratio = rows.stream().mapToDouble(r -> r.sup() / r.epsilon()).toArray();
            Plots.linePlot(dir.resolve("linear_sweep.png"), "exact linear sup_t ||F - M|| / epsilon  (" + base.name()
                    + ")", "epsilon", "sup ||F - M|| / epsilon", List.of(Plots.Series.line("exact linear", eps, ratio)
                            .withColor(Plots.palette(1))),
                    Plots.Options.LOG_LOG);
            TextFiles.write(dir.resolve("scenario.toml"), base.toToml(), "--dir");
        }
        out.printf(Locale.ROOT, "knudsen sweep --linear: wrote %s%n", dir.resolve("linear_sweep.csv"));
        return dir.resolve("linear_sweep.csv");
    }
}
