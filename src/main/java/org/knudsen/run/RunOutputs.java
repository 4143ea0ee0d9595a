package org.knudsen.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knudsen.io.CheckpointFile;
import org.knudsen.io.JsonOutput;
import org.knudsen.io.Plots;
import org.knudsen.io.TimeSeriesWriter;
import org.knudsen.moments.DeviationMonitor;
import org.knudsen.physics.Mixture;

/**
 * The outputs of a spatial run in its directory: {@code timeseries.csv} with a named column schema (one row per
 * output time, flushed after each), the VTK cell snapshots, {@code summary.json} and the plots. Rows are kept in
 * memory too, for the plots and the checkpoint.
 */
final class RunOutputs implements AutoCloseable {
    /** The plot of the importance weights' variance and largest |w − 1| of a variance-reduced run. */
    static final String WEIGHTS_PLOT = "weights.png";
    /** The files a spatial run writes into its directory (what a new run there replaces; patterns with *). */
    static final List<String> FILES = List.of("scenario.toml", TimeSeriesWriter.FILE_NAME, "summary.json",
            "mode_amplitude.png", "deviation.png", WEIGHTS_PLOT, CheckpointFile.FILE_NAME, CheckpointFile.FILE_NAME + ".prev",
            CellSnapshots.FILES.get(0), CellSnapshots.FILES.get(1), CellSnapshots.FILES.get(2));
    /** About this many snapshots per run (plus the first and the last). */
    static final int SNAPSHOTS = 10;

    private static final List<String> NORM_COLUMNS = List.of("dev_norm", "dev_norm_se", "dev_fluid_norm",
            "dev_fluid_norm_se", "dev_norm_sq", "dev_norm_sq_se", "dev_fluid_norm_sq", "dev_fluid_norm_sq_se");
    /** ‖F − M^ε‖ of the exact linear evolution of the run's initial data (PHYSICS.md §12; {@link LinearColumns}). */
    private static final List<String> LINEAR_COLUMNS = List.of("dev_norm_lb");
    private static final List<String> TOTAL_COLUMNS = List.of("momentum_x", "momentum_y", "momentum_z", "energy");

    /** The time-series columns of a mixture, with their positions by name. */
    static final class Columns {
        private final List<String> names;
        private final Map<String, Integer> index = new HashMap<>();

        private final boolean reduced;

        /** The columns of a plain run. */
        Columns(Mixture mixture) {
            this(mixture, false);
        }

        /** @param reduced whether the run has importance weights (then the reduced columns follow the plain ones) */
        Columns(Mixture mixture, boolean reduced) {
            this.reduced = reduced;
            List<String> c = new ArrayList<>();
            c.add("t");
            for (int i = 0; i < mixture.size(); i++) {
                c.addAll(modeColumns(mixture.name(i)));
                if (reduced) {
                    c.addAll(reducedModeColumns(mixture.name(i)));
                }
            }
            c.addAll(NORM_COLUMNS);
            c.addAll(LINEAR_COLUMNS);
            for (int i = 0; i < mixture.size(); i++) {
                c.add(massColumn(mixture.name(i)));
            }
            c.addAll(TOTAL_COLUMNS);
            if (reduced) {
                for (int i = 0; i < mixture.size(); i++) {
                    c.add(shadowMassColumn(mixture.name(i)));
                }
                c.addAll(WEIGHT_COLUMNS);
                c.addAll(REDUCED_NORM_COLUMNS);
            }
            names = List.copyOf(c);
            for (int k = 0; k < names.size(); k++) {
                index.put(names.get(k), k);
            }
        }

        List<String> names() {
            return names;
        }

        int width() {
            return names.size();
        }

        boolean has(String column) {
            return index.containsKey(column);
        }

        int index(String column) {
            Integer k = index.get(column);
            if (k == null) {
                throw new IllegalArgumentException("no time-series column " + column);
            }
            return k;
        }

        /** The row of one sample, with the linear columns of output k and (reduced runs) the reduced figures. */
        double[] row(Mixture mixture, DeviationMonitor.Sample s, LinearColumns linear, int output,
                     DeviationMonitor.ReducedSample vr) {
            double[] r = new double[width()];
            r[index("t")] = s.time();
            for (int i = 0; i < mixture.size(); i++) {
                List<String> mode = modeColumns(mixture.name(i));
                r[index(mode.get(0))] = s.modeParticles()[i];
                r[index(mode.get(1))] = s.modeParticlesSe()[i];
                r[index(mode.get(2))] = s.modeFluid()[i];
                r[index(mode.get(3))] = linear.density(output)[i];
                r[index(massColumn(mixture.name(i)))] = s.speciesMass()[i];
            }
            double[] norms = normValues(s.deviation());
            for (int k = 0; k < norms.length; k++) {
                r[index(NORM_COLUMNS.get(k))] = norms[k];
            }
            r[index(LINEAR_COLUMNS.get(0))] = linear.deviation(output);
            double[] totals = {s.momentum()[0], s.momentum()[1], s.momentum()[2], s.energy()};
            for (int k = 0; k < totals.length; k++) {
                r[index(TOTAL_COLUMNS.get(k))] = totals[k];
            }
            if (reduced) {
                for (int i = 0; i < mixture.size(); i++) {
                    List<String> mode = reducedModeColumns(mixture.name(i));
                    r[index(mode.get(0))] = vr.mode()[i];
                    r[index(mode.get(1))] = vr.modeSe()[i];
                    r[index(shadowMassColumn(mixture.name(i)))] = vr.shadowMass()[i];
                }
                for (int k = 0; k < WEIGHT_COLUMNS.size(); k++) {
                    r[index(WEIGHT_COLUMNS.get(k))] = vr.weightMoments()[k];
                }
                double[] reducedNorms = normValues(vr.deviation());
                for (int k = 0; k < reducedNorms.length; k++) {
                    r[index(REDUCED_NORM_COLUMNS.get(k))] = reducedNorms[k];
                }
            }
            return r;
        }
    }

    /**
     * The mode columns of one species: particle amplitude, its SE, Maxwell–Stefan amplitude, and the amplitude of the
     * exact linear evolution of the run's initial data.
     */
    static List<String> modeColumns(String name) {
        return List.of("conc_mode_" + name, "conc_mode_" + name + "_se", "conc_mode_" + name + "_ms",
                "conc_mode_" + name + "_lb");
    }

    /**
     * The variance-reduced mode columns of one species (importance weights; docs/variance-reduction.md): the reduced
     * amplitude (2W/|V|) Σ (1 − w) cos(k·x) beside the plain one, and its independent-terms SE.
     */
    static List<String> reducedModeColumns(String name) {
        return List.of("conc_mode_" + name + "_vr", "conc_mode_" + name + "_vr_se");
    }

    /** Σ_p W m w_p of one species: the equilibrium shadow's mass, which the weights' update keeps exactly. */
    private static String shadowMassColumn(String name) {
        return "shadow_mass_" + name;
    }

    /** The figures of {@link #NORM_COLUMNS} (or of the reduced ones) from one deviation, in column order. */
    private static double[] normValues(org.knudsen.moments.Deviation d) {
        return new double[] {d.norm(), d.normSe(), d.fluidNorm(), d.fluidNormSe(), d.normSquared(),
            d.normSquaredSe(), d.fluidNormSquared(), d.fluidNormSquaredSe()};
    }

    /** The deviation norms of the variance-reduced estimator (DeviationEstimator#estimateReduced), as NORM_COLUMNS. */
    static final List<String> REDUCED_NORM_COLUMNS = NORM_COLUMNS.stream().map(RunOutputs::reducedName).toList();

    /** The reduced twin of a column: dev_norm_se → dev_norm_vr_se, dev_norm → dev_norm_vr. */
    private static String reducedName(String column) {
        return column.endsWith("_se") ? column.substring(0, column.length() - 3) + "_vr_se" : column + "_vr";
    }

    /** Mean and variance of the importance weights over all particles, and the largest |w − 1|. */
    private static final List<String> WEIGHT_COLUMNS = List.of("weight_mean", "weight_var", "weight_max_dev");

    private static String massColumn(String name) {
        return "mass_" + name;
    }

    /** Every time-series column that one species gives. */
    static List<String> speciesColumns(String name) {
        List<String> c = new ArrayList<>(modeColumns(name));
        c.add(massColumn(name));
        c.addAll(reducedModeColumns(name));
        c.add(shadowMassColumn(name));
        return c;
    }

    /** The columns every spatial run has, whatever its species. */
    static List<String> fixedColumns() {
        List<String> c = new ArrayList<>();
        c.add("t");
        c.addAll(NORM_COLUMNS);
        c.addAll(LINEAR_COLUMNS);
        c.addAll(TOTAL_COLUMNS);
        c.addAll(WEIGHT_COLUMNS);
        c.addAll(REDUCED_NORM_COLUMNS);
        return c;
    }

    private final RunPlan plan;
    private final LinearColumns linear;
    private final Columns columns;
    private final List<double[]> rows = new ArrayList<>();
    private final long snapshotEvery;
    private final CellSnapshots snapshots;
    private TimeSeriesWriter series;

    RunOutputs(RunPlan plan, LinearColumns linear) {
        this.plan = plan;
        this.linear = linear;
        this.columns = new Columns(plan.mixture(), plan.varianceReduced());
        this.snapshotEvery = Math.max(1, plan.time().samples() / SNAPSHOTS);
        this.snapshots = new CellSnapshots(plan);
    }

    Columns columns() {
        return columns;
    }

    /** A new timeseries.csv (header only), replacing an older one. */
    void create() {
        series = TimeSeriesWriter.create(plan.dir().resolve(TimeSeriesWriter.FILE_NAME), columns.names());
    }

    /** Continues timeseries.csv after the checkpoint's rows (cutting off any later ones), with the position restored. */
    void resume(List<double[]> keptRows, int snapshotCount) {
        rows.clear();
        rows.addAll(keptRows);
        List<Double> times = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) {
            if (snapshotDue(k, k * plan.sampleEvery())) {
                times.add(rows.get(k)[columns.index("t")]);
            }
        }
        if (times.size() != snapshotCount) {
            throw new IllegalStateException("the checkpoint counts " + snapshotCount + " snapshots, its rows give "
                    + times.size());
        }
        snapshots.resume(times);
        series = TimeSeriesWriter.openForResume(plan.dir().resolve(TimeSeriesWriter.FILE_NAME), columns.names(),
                rows.size());
    }

    /** Appends the row of a sample; at every snapshotEvery-th sample (and the last) also a cell snapshot. */
    void record(long step, DeviationMonitor.Sample sample, ParticleRun particles) {
        long k = step / plan.sampleEvery();
        double[] r = columns.row(plan.mixture(), sample, linear, (int) k,
                particles.varianceReduced() ? particles.reduced() : null);
        rows.add(r);
        series.append(r);
        if (snapshotDue(k, step)) {
            snapshots.write(sample.time(), particles);
        }
    }

    /** Whether sample k, taken at this step, gets a snapshot. */
    private boolean snapshotDue(long k, long step) {
        return k % snapshotEvery == 0 || step == plan.steps();
    }

    List<double[]> rows() {
        return rows;
    }

    int snapshots() {
        return snapshots.count();
    }

    /** The value of a column in the last row. */
    double last(String column) {
        return rows.get(rows.size() - 1)[columns.index(column)];
    }

    /** Forces the rows written so far to disk (a checkpoint vouches for them). */
    void sync() {
        series.sync();
    }

    /**
     * summary.json: the run's identity and position, {@code stats}, the deviation at the last output time, and last
     * the {@code provenance} of this process (plus, for a resumed run, the earlier processes' blocks, oldest first).
     */
    void writeSummary(String status, String scenarioSha256, long step, long particles, Map<String, Object> stats,
                      double varianceInflation, Map<String, Object> provenance, List<Object> earlierProvenance) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scenario", plan.scenario().name());
        summary.put("scenario_sha256", scenarioSha256);
        summary.put("status", status);
        summary.put("step", step);
        summary.put("steps_total", plan.steps());
        summary.put("seed", plan.scenario().seed());
        summary.put("threads", plan.threads());
        summary.put("epsilon", plan.scenario().epsilon());
        summary.put("particles", particles);
        summary.put("cells", plan.grid().cellCount());
        summary.put("dt", plan.dt());
        summary.putAll(stats);
        summary.put("rows", rowsSummary(varianceInflation));
        summary.put("linear_reference", linear.summary());
        Map<String, Object> deviation = new LinkedHashMap<>();
        deviation.put("t", last("t"));
        deviation.put("average", plan.windowed() && rows.size() > 1 ? "window" : "instant");
        for (String c : List.of("dev_norm", "dev_norm_se", "dev_fluid_norm", "dev_fluid_norm_se", "dev_norm_lb")) {
            deviation.put(c, last(c));
        }
        if (plan.varianceReduced()) {
            for (String c : REDUCED_NORM_COLUMNS.subList(0, 4)) {
                deviation.put(c, last(c));
            }
        }
        summary.put("final", deviation);
        summary.put("provenance", provenance);
        if (!earlierProvenance.isEmpty()) {
            summary.put("earlier_provenance", earlierProvenance);
        }
        JsonOutput.writeFile(plan.dir().resolve("summary.json"), summary);
    }

    /**
     * What a row measures: {@code average} "instant" (the particles at t), or "window" (means over the steps of the
     * interval ending at t, row 0 instant) with the batches, the steps per window, the state times and the last
     * window's variance inflation (docs/averaging.md).
     */
    private Map<String, Object> rowsSummary(double varianceInflation) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("average", plan.windowed() ? "window" : "instant");
        if (plan.windowed()) {
            m.put("batches", plan.scenario().output().orElseThrow().batches());
            m.put("steps_per_window", plan.sampleEvery());
            m.put("state_times", plan.stateTime(1) == plan.dt() ? "step*dt" : "step*dt - dt/2 (strang)");
            m.put("variance_inflation", Double.isNaN(varianceInflation) ? null : varianceInflation);
        }
        return m;
    }

    /** mode_amplitude.png and deviation.png from the rows (with the reduced estimates and weights.png when reduced). */
    void writePlots() {
        double[] t = column("t");
        java.util.function.Function<String, double[]> value = name -> columns.has(name) ? column(name) : null;
        java.util.function.Function<String, double[]> error = name -> column(name + "_se");
        Plots.linePlot(plan.dir().resolve("mode_amplitude.png"), "Concentration mode "
                + java.util.Arrays.toString(plan.trackedMode()) + ": particles, Maxwell-Stefan, exact linear Boltzmann",
                "t", "cosine amplitude of c_i", PlotSeries.modes(plan.scenario().speciesNames(), t, value, error));
        Plots.linePlot(plan.dir().resolve("deviation.png"), "||F - M|| (Hermite degree <= 3), epsilon = "
                + plan.scenario().epsilon(), "t", "norm", PlotSeries.norms(t, value, error));
        if (plan.varianceReduced()) {
            List<Plots.Series> weights = List.of(
                    Plots.Series.line("variance of w", t, column(WEIGHT_COLUMNS.get(1))).withColor(Plots.palette(0)),
                    Plots.Series.line("largest |w - 1|", t, column(WEIGHT_COLUMNS.get(2))).withColor(Plots.palette(1)));
            Plots.Options logY = new Plots.Options(800, 600, false, true);
            boolean drawable = weights.stream().allMatch(w -> Plots.hasDrawablePoint(w, logY)); // all 0 at equilibrium
            Plots.linePlot(plan.dir().resolve(WEIGHTS_PLOT), "Importance weights w = mu/f over all particles", "t",
                    "w statistic", weights, drawable ? logY : Plots.Options.DEFAULT);
        }
    }

    private double[] column(String name) {
        int k = columns.index(name);
        return rows.stream().mapToDouble(r -> r[k]).toArray();
    }

    @Override
    public void close() {
        if (series != null) {
            series.close();
        }
    }
}
