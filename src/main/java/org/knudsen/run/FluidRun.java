package org.knudsen.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knudsen.fluid.FourierMode;
import org.knudsen.physics.Grid;
import org.knudsen.fluid.IntegratorOptions;
import org.knudsen.fluid.MaxwellStefanLinear;
import org.knudsen.fluid.MaxwellStefanSolver;
import org.knudsen.io.JsonOutput;
import org.knudsen.io.Provenance;
import org.knudsen.io.Plots;
import org.knudsen.io.RunDirectory;
import org.knudsen.io.TextFiles;
import org.knudsen.io.TimeSeriesWriter;
import org.knudsen.io.PvdCollection;
import org.knudsen.io.VtiWriter;
import org.knudsen.moments.ModeAmplitudes;
import org.knudsen.physics.Mixture;
import org.knudsen.scenario.DomainSpec;
import org.knudsen.scenario.FluidSpec;
import org.knudsen.scenario.ModeSpec;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioInfo;
import org.knudsen.scenario.TimeGrid;

/**
 * The Maxwell–Stefan solver on its own (a scenario with [domain], [fluid] and [time] but no [particles]):
 * at every output time the fields c_i and u_i go to {@code fields/ms_NNNN.vti} (listed with their times in
 * {@code ms.pvd}, rewritten after each), and the cosine amplitude of
 * every species' first mode with its projections on the eigen-combinations of the Fick matrix (PHYSICS.md
 * §5.2, each decaying as one exponential in the linear regime) to {@code timeseries.csv}.
 */
public final class FluidRun {
    private FluidRun() {
    }

    /** The mode column of one species (its Maxwell–Stefan cosine amplitude). */
    private static String modeColumn(String name) {
        return "conc_mode_" + name + "_ms";
    }

    /** Every time-series column that one species gives. */
    static List<String> speciesColumns(String name) {
        return List.of(modeColumn(name), "mass_" + name);
    }

    /** The columns that do not depend on the species names: t and the eigen-combinations of the Fick matrix. */
    static List<String> fixedColumns(int species) {
        List<String> c = new ArrayList<>();
        c.add("t");
        for (int m = 0; m < species - 1; m++) {
            c.add("eigenmode_" + m + "_ms");
        }
        return c;
    }

    /** The fields of the snapshots that one species gives: c_i and u_i (3 components). */
    static List<String> speciesFields(String name) {
        return List.of("c_" + name, "u_" + name);
    }

    private static final String PREFIX = "ms_";
    /** The collection of the snapshots, in the run directory. */
    static final String COLLECTION = "ms.pvd";

    /** The outputs of a fluid-only run in its directory (what a new run there replaces; legacy .vtk of old versions). */
    static final List<String> OUTPUTS = List.of("scenario.toml", TimeSeriesWriter.FILE_NAME, "summary.json",
            "mode_amplitude.png", COLLECTION, "fields/" + PREFIX + "*" + VtiWriter.EXTENSION,
            "fields/" + PREFIX + "*" + VtiWriter.LEGACY_EXTENSION);

    /** The time-series columns in order: t, the mode amplitude of every species, the eigen-combinations, the masses. */
    static List<String> columns(Mixture mixture) {
        int n = mixture.size();
        List<String> c = new ArrayList<>();
        c.add("t");
        for (int i = 0; i < n; i++) {
            c.add(modeColumn(mixture.name(i)));
        }
        c.addAll(fixedColumns(n).subList(1, n));
        for (int i = 0; i < n; i++) {
            c.add(speciesColumns(mixture.name(i)).get(1));
        }
        return c;
    }

    /**
     * Runs the Maxwell–Stefan solver of a scenario to its end in its run directory (claimed first; {@code force}
     * replaces an unfinished run or outputs that knudsen did not write there, see {@link RunDirectory}).
     */
    public static RunResult run(Scenario scenario, PrintStream out, boolean force) {
        return run(scenario, out, force, Provenance.inProcess());
    }

    /** As {@link #run(Scenario, PrintStream, boolean)}, with the process's provenance for summary.json. */
    public static RunResult run(Scenario scenario, PrintStream out, boolean force, Provenance provenance) {
        RunRules.require(scenario, RunRules::fluid);
        try (RunDirectory claimed = RunDirectory.claimForNewRun(scenario.runDirectory(), "output.dir", OUTPUTS, force)) {
            return run(scenario, out, claimed.path(), provenance);
        }
    }

    private static RunResult run(Scenario scenario, PrintStream out, Path dir, Provenance provenance) {
        Mixture mixture = scenario.mixture();
        int n = mixture.size();
        DomainSpec domain = scenario.domain().orElseThrow();
        FluidSpec fluidSpec = scenario.fluid().orElseThrow();
        List<FourierMode> modes = new ArrayList<>();
        for (ModeSpec m : fluidSpec.modes()) {
            modes.add(new FourierMode(m.wavevector(), m.amplitudes()));
        }
        Grid grid = Grid.of(domain.cells(), domain.length());
        Grid cellGrid = Grid.of(domain.cells(), domain.length());
        TimeGrid time = scenario.timeGrid();
        double end = scenario.time().orElseThrow().end();
        double every = end / time.samples();
        double[][] delta = fluidSpec.closure().delta(mixture);
        MaxwellStefanSolver solver = MaxwellStefanSolver.forMixture(mixture, delta, grid, fluidSpec.meanVelocity(),
                scenario.epsilon(), modes, IntegratorOptions.defaults());
        MaxwellStefanLinear linear = new MaxwellStefanLinear(delta, mixture.concentrations());
        double[] cosines = ModeAmplitudes.cellCosines(cellGrid, FourierMode.angularWavevector(modes.get(0).wavevector(), domain.length()));
        List<String> columns = columns(mixture);
        TextFiles.write(dir.resolve("scenario.toml"), scenario.toToml(), "output.dir");
        VtiWriter.deleteSnapshots(dir.resolve("fields"), PREFIX, 0, true);
        List<PvdCollection.Entry> snapshots = new ArrayList<>();
        out.printf(Locale.ROOT, "knudsen: fluid-only run '%s': Maxwell-Stefan on %s cells to t = %g, output every %g -> %s%n",
                scenario.name(), java.util.Arrays.toString(domain.cells()), end, every, dir);
        double[][] c = new double[n][grid.points()];
        double[][][] u = new double[n][3][grid.points()];
        long samples = time.samples();
        List<double[]> rows = new ArrayList<>();
        long start = System.nanoTime();
        try (TimeSeriesWriter series = TimeSeriesWriter.create(dir.resolve(TimeSeriesWriter.FILE_NAME), columns)) {
            for (long s = 0; s <= samples; s++) {
                double t = time.outputTime(s); // k x output.every as a decimal: 0.07, not 0.07000000000000001
                solver.concentrationsAt(t, c);
                solver.velocitiesAt(t, u);
                double[] row = new double[columns.size()];
                row[0] = t;
                double[] amplitude = new double[n];
                for (int i = 0; i < n; i++) {
                    amplitude[i] = ModeAmplitudes.gridAmplitude(c[i], cosines);
                    row[1 + i] = amplitude[i];
                    double mass = 0;
                    for (double x : c[i]) {
                        mass += x * grid.cellVolume();
                    }
                    row[1 + n + (n - 1) + i] = mass;
                }
                double[] projected = linear.project(amplitude);
                for (int m = 0; m < n - 1; m++) {
                    row[1 + n + m] = projected[m];
                }
                series.append(row);
                rows.add(row);
                List<VtiWriter.Field> fields = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    List<String> names = speciesFields(mixture.name(i));
                    fields.add(VtiWriter.Field.scalar(names.get(0), c[i]));
                    fields.add(VtiWriter.Field.vector(names.get(1), u[i][0], u[i][1], u[i][2]));
                }
                snapshots.add(new PvdCollection.Entry(t, "fields/" + VtiWriter.snapshotName(PREFIX, (int) s)));
                VtiWriter.write(dir.resolve(snapshots.getLast().file()), domain.cells(), domain.length(), t, fields);
                if (s == samples || s % Math.max(1, samples / RunOutputs.SNAPSHOTS) == 0) { // a dozen rewrites, not one per sample
                    PvdCollection.write(dir.resolve(COLLECTION), snapshots);
                }
            }
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scenario", scenario.name());
        summary.put("scenario_sha256", Scenario.sha256(scenario.toToml()));
        summary.put("kind", "fluid-only");
        summary.put("wall_time_s", seconds);
        summary.put("ms_accepted_steps", solver.acceptedSteps());
        summary.put("ms_rejected_steps", solver.rejectedSteps());
        summary.put("ms_decay_rates", ScenarioInfo.of(scenario).msDecayRates());
        summary.put("provenance", provenance.endedNow().toMap());
        JsonOutput.writeFile(dir.resolve("summary.json"), summary);
        double[] t = rows.stream().mapToDouble(r -> r[0]).toArray();
        List<Plots.Series> series = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final int col = 1 + i;
            series.add(Plots.Series.line(mixture.name(i), t, rows.stream().mapToDouble(r -> r[col]).toArray())
                    .withColor(Plots.palette(i))); // the species' colour of a particle run's plots
        }
        Plots.linePlot(dir.resolve("mode_amplitude.png"), "Maxwell-Stefan: cosine amplitude of mode "
                + java.util.Arrays.toString(modes.get(0).wavevector()), "t", "amplitude of c_i", series);
        out.printf(Locale.ROOT, "knudsen: done in %.2f s (%d accepted Maxwell-Stefan steps); outputs in %s%n", seconds,
                solver.acceptedSteps(), dir);
        return new RunResult(solver.acceptedSteps(), end, java.util.Optional.of(dir));
    }
}
