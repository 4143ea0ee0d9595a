package org.knudsen.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knudsen.fluid.FourierMode;
import org.knudsen.fluid.Grid;
import org.knudsen.fluid.IntegratorOptions;
import org.knudsen.fluid.MaxwellStefanLinear;
import org.knudsen.fluid.MaxwellStefanSolver;
import org.knudsen.io.JsonOutput;
import org.knudsen.io.Plots;
import org.knudsen.io.TextFiles;
import org.knudsen.io.TimeSeriesWriter;
import org.knudsen.io.VtkWriter;
import org.knudsen.moments.ModeAmplitudes;
import org.knudsen.particles.PeriodicGrid;
import org.knudsen.physics.Mixture;

/**
 * The Maxwell–Stefan solver on its own (a scenario with [domain], [fluid] and [time] but no [particles]):
 * at every output time the fields c_i and u_i go to {@code fields/ms_NNNN.vtk}, and the cosine amplitude of
 * every species' first mode with its projections on the eigen-combinations of the Fick matrix (PHYSICS.md
 * §5.2, each decaying as one exponential in the linear regime) to {@code timeseries.csv}.
 */
public final class FluidRun {
    private FluidRun() {
    }

    public static RunResult run(Scenario scenario, PrintStream out) {
        Mixture mixture = scenario.mixture();
        int n = mixture.size();
        if (n < 2) {
            throw new org.knudsen.io.InputException("species: Maxwell-Stefan needs at least 2 species");
        }
        DomainSpec domain = scenario.domain().orElseThrow();
        FluidSpec fluidSpec = scenario.fluid().orElseThrow(() ->
                new org.knudsen.io.InputException("fluid: a fluid-only run (no [particles]) needs a [fluid] section with modes"));
        if (fluidSpec.modes().isEmpty()) {
            throw new org.knudsen.io.InputException("fluid.mode: a fluid-only run needs at least one [[fluid.mode]]");
        }
        List<FourierMode> modes = new ArrayList<>();
        for (ModeSpec m : fluidSpec.modes()) {
            modes.add(new FourierMode(m.wavevector(), m.amplitudes()));
        }
        Grid grid = Grid.of(domain.cells(), domain.length());
        PeriodicGrid cellGrid = new PeriodicGrid(domain.cells(), domain.length());
        double end = scenario.time().orElseThrow().end();
        double every = scenario.output().map(OutputSpec::every).orElse(end / 50);
        Path dir = Path.of(scenario.output().map(OutputSpec::dir).orElse("runs/" + scenario.name()));
        MaxwellStefanSolver solver = MaxwellStefanSolver.forMixture(mixture, grid, fluidSpec.meanVelocity(),
                scenario.epsilon(), modes, IntegratorOptions.defaults());
        MaxwellStefanLinear linear = MaxwellStefanLinear.of(mixture);
        double[] cosines = ModeAmplitudes.cellCosines(cellGrid, FourierMode.angularWavevector(modes.get(0).wavevector(), domain.length()));
        List<String> columns = new ArrayList<>();
        columns.add("t");
        for (int i = 0; i < n; i++) {
            columns.add("conc_mode_" + mixture.name(i) + "_ms");
        }
        for (int m = 0; m < n - 1; m++) {
            columns.add("eigenmode_" + m + "_ms");
        }
        for (int i = 0; i < n; i++) {
            columns.add("mass_" + mixture.name(i));
        }
        TextFiles.write(dir.resolve("scenario.toml"), scenario.toToml(), "output.dir");
        VtkWriter.deleteSnapshots(dir.resolve("fields"), "ms_");
        out.printf(Locale.ROOT, "knudsen: fluid-only run '%s': Maxwell-Stefan on %s cells to t = %g, output every %g -> %s%n",
                scenario.name(), java.util.Arrays.toString(domain.cells()), end, every, dir);
        double[][] c = new double[n][grid.points()];
        double[][][] u = new double[n][3][grid.points()];
        long samples = Math.max(1, Math.round(end / every));
        List<double[]> rows = new ArrayList<>();
        long start = System.nanoTime();
        try (TimeSeriesWriter series = TimeSeriesWriter.create(dir.resolve(TimeSeriesWriter.FILE_NAME), columns)) {
            for (long s = 0; s <= samples; s++) {
                double t = Math.min(end, s * every);
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
                LinkedHashMap<String, double[]> fields = new LinkedHashMap<>();
                String[] axis = {"x", "y", "z"};
                for (int i = 0; i < n; i++) {
                    fields.put("c_" + mixture.name(i), c[i].clone());
                }
                for (int i = 0; i < n; i++) {
                    for (int d = 0; d < 3; d++) {
                        fields.put("u_" + mixture.name(i) + "_" + axis[d], u[i][d].clone());
                    }
                }
                VtkWriter.write(dir.resolve("fields").resolve(String.format(Locale.ROOT, "ms_%04d.vtk", s)),
                        String.format(Locale.ROOT, "knudsen %s Maxwell-Stefan t = %.17g", scenario.name(), t),
                        domain.cells(), domain.length(), fields);
            }
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scenario", scenario.name());
        summary.put("scenario_sha256", SpatialRun.sha256(scenario.toToml()));
        summary.put("kind", "fluid-only");
        summary.put("wall_time_s", seconds);
        summary.put("ms_accepted_steps", solver.acceptedSteps());
        summary.put("ms_rejected_steps", solver.rejectedSteps());
        summary.put("ms_decay_rates", ScenarioInfo.of(scenario).msDecayRates());
        JsonOutput.writeFile(dir.resolve("summary.json"), summary);
        double[] t = rows.stream().mapToDouble(r -> r[0]).toArray();
        List<Plots.Series> series = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final int col = 1 + i;
            series.add(Plots.Series.line(mixture.name(i), t, rows.stream().mapToDouble(r -> r[col]).toArray()));
        }
        Plots.linePlot(dir.resolve("mode_amplitude.png"), "Maxwell-Stefan: cosine amplitude of mode "
                + java.util.Arrays.toString(modes.get(0).wavevector()), "t", "amplitude of c_i", series);
        out.printf(Locale.ROOT, "knudsen: done in %.2f s (%d accepted Maxwell-Stefan steps); outputs in %s%n", seconds,
                solver.acceptedSteps(), dir);
        return new RunResult(solver.acceptedSteps(), end, java.util.Optional.of(dir));
    }
}
