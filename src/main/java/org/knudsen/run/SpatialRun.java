package org.knudsen.run;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knudsen.fluid.FourierMode;
import org.knudsen.fluid.Grid;
import org.knudsen.fluid.IntegratorOptions;
import org.knudsen.fluid.LocalMaxwellian;
import org.knudsen.fluid.MaxwellStefanSolver;
import org.knudsen.io.AtomicFiles;
import org.knudsen.io.JsonOutput;
import org.knudsen.io.Plots;
import org.knudsen.io.ProgressReporter;
import org.knudsen.io.TimeSeriesWriter;
import org.knudsen.io.VtkWriter;
import org.knudsen.moments.DeviationMonitor;
import org.knudsen.particles.InitialProfile;
import org.knudsen.particles.PeriodicGrid;
import org.knudsen.particles.SpatialDsmc;
import org.knudsen.physics.Mixture;

/**
 * The spatial run (DESIGN.md, PHYSICS.md §10–§11): particles drawn from M^{ε,in}, advanced by DSMC in the
 * diffusive scaling beside the Maxwell–Stefan solution, never reset; at every output time the deviation
 * F^ε − M^ε is measured and a row is appended to {@code timeseries.csv}. At the end: {@code summary.json}
 * and the plots.
 */
public final class SpatialRun {
    private SpatialRun() {
    }

    /** Everything a run needs, resolved from a scenario (defaults applied, nothing written yet). */
    record Plan(Scenario scenario, Mixture mixture, PeriodicGrid grid, Grid fluidGrid, List<FourierMode> modes,
                int[] trackedMode, double[] meanVelocity, double dt, long steps, long sampleEvery, int perCell,
                Path dir, int threads) {

        static Plan of(Scenario s) {
            Mixture mixture = s.mixture();
            if (mixture.size() < 2) {
                throw new org.knudsen.io.InputException("species: a spatial run needs at least 2 species "
                        + "(Maxwell-Stefan is a mixture model); use run --homogeneous for one species");
            }
            DomainSpec domain = s.domain().orElseThrow();
            PeriodicGrid grid = new PeriodicGrid(domain.cells(), domain.length());
            Grid fluidGrid = Grid.of(domain.cells(), domain.length());
            List<FourierMode> modes = new ArrayList<>();
            double[] meanVelocity = new double[3];
            if (s.fluid().isPresent()) {
                for (ModeSpec m : s.fluid().get().modes()) {
                    modes.add(new FourierMode(m.wavevector(), m.amplitudes()));
                }
                meanVelocity = s.fluid().get().meanVelocity();
            }
            int[] tracked = modes.isEmpty() ? new int[] {1, 0, 0} : modes.get(0).wavevector();
            double dt = s.timeStep();
            double end = s.time().orElseThrow().end();
            long steps = Math.max(1, Math.round(end / dt));
            double every = s.output().map(OutputSpec::every).orElse(end / 50);
            long sampleEvery = Math.max(1, Math.round(every / dt));
            Path dir = Path.of(s.output().map(OutputSpec::dir).orElse("runs/" + s.name()));
            int threads = s.threads() == 0 ? Runtime.getRuntime().availableProcessors() : s.threads();
            return new Plan(s, mixture, grid, fluidGrid, modes, tracked, meanVelocity, dt, steps, sampleEvery,
                    s.particles().orElseThrow().perCell(), dir, threads);
        }
    }

    /** The time-series columns of DESIGN.md / the spatial-run issue, in order. */
    static List<String> columns(Mixture mixture) {
        List<String> c = new ArrayList<>();
        c.add("t");
        for (int i = 0; i < mixture.size(); i++) {
            String n = mixture.name(i);
            c.add("conc_mode_" + n);
            c.add("conc_mode_" + n + "_se");
            c.add("conc_mode_" + n + "_ms");
        }
        c.addAll(List.of("dev_norm", "dev_norm_se", "dev_fluid_norm", "dev_fluid_norm_se",
                "dev_norm_sq", "dev_norm_sq_se", "dev_fluid_norm_sq", "dev_fluid_norm_sq_se"));
        for (int i = 0; i < mixture.size(); i++) {
            c.add("mass_" + mixture.name(i));
        }
        c.addAll(List.of("momentum_x", "momentum_y", "momentum_z", "energy"));
        return c;
    }

    static double[] row(DeviationMonitor.Sample s) {
        int n = s.modeParticles().length;
        double[] r = new double[1 + 3 * n + 8 + n + 4];
        int k = 0;
        r[k++] = s.time();
        for (int i = 0; i < n; i++) {
            r[k++] = s.modeParticles()[i];
            r[k++] = s.modeParticlesSe()[i];
            r[k++] = s.modeFluid()[i];
        }
        r[k++] = s.deviation().norm();
        r[k++] = s.deviation().normSe();
        r[k++] = s.deviation().fluidNorm();
        r[k++] = s.deviation().fluidNormSe();
        r[k++] = s.deviation().normSquared();
        r[k++] = s.deviation().normSquaredSe();
        r[k++] = s.deviation().fluidNormSquared();
        r[k++] = s.deviation().fluidNormSquaredSe();
        for (int i = 0; i < n; i++) {
            r[k++] = s.speciesMass()[i];
        }
        r[k++] = s.momentum()[0];
        r[k++] = s.momentum()[1];
        r[k++] = s.momentum()[2];
        r[k] = s.energy();
        return r;
    }

    /** c_i(x) = c_∞,i + ε Σ_modes c̃_i cos(k·x): the initial density the particles are drawn from. */
    static InitialProfile initialProfile(Plan plan, LocalMaxwellian initial) {
        Mixture m = plan.mixture();
        double eps = plan.scenario().epsilon();
        int n = m.size();
        double[][] k = new double[plan.modes().size()][];
        double[] bound = new double[n];
        for (int q = 0; q < k.length; q++) {
            k[q] = org.knudsen.moments.ModeAmplitudes.wavevector(plan.modes().get(q).wavevector(), plan.grid().lengths());
        }
        for (int i = 0; i < n; i++) {
            bound[i] = m.concentration(i);
            for (FourierMode mode : plan.modes()) {
                bound[i] += eps * Math.abs(mode.amplitude()[i]);
            }
        }
        return new InitialProfile() {
            @Override
            public double density(int i, double x, double y, double z) {
                double c = m.concentration(i);
                for (int q = 0; q < k.length; q++) {
                    c += eps * plan.modes().get(q).amplitude()[i] * Math.cos(k[q][0] * x + k[q][1] * y + k[q][2] * z);
                }
                return c;
            }

            @Override
            public double densityBound(int i, int cell) {
                return bound[i];
            }

            @Override
            public void drift(int i, int cell, double[] out) {
                for (int d = 0; d < 3; d++) {
                    out[d] = initial.drift(i, d, cell);
                }
            }
        };
    }

    /** About this many VTK snapshots per run (plus the first and the last). */
    static final int SNAPSHOTS = 10;

    /** fields/cells_NNNN.vtk: particle and MS concentrations and the squared deviation density per cell. */
    private static void writeSnapshot(Plan plan, int index, double t, DeviationMonitor monitor, LocalMaxwellian maxwellian,
                                      double[] weights) {
        Mixture m = plan.mixture();
        double[][] fields = monitor.lastCellFields(weights);
        LinkedHashMap<String, double[]> named = new LinkedHashMap<>();
        int cells = plan.grid().cellCount();
        for (int i = 0; i < m.size(); i++) {
            named.put("c_" + m.name(i), fields[i]);
            double[] ms = new double[cells];
            for (int c = 0; c < cells; c++) {
                ms[c] = maxwellian.concentration(i, c);
            }
            named.put("c_" + m.name(i) + "_ms", ms);
        }
        named.put("dev_norm_sq_density", fields[m.size()]);
        VtkWriter.write(plan.dir().resolve("fields").resolve(String.format(Locale.ROOT, "cells_%04d.vtk", index)),
                String.format(Locale.ROOT, "knudsen %s t = %.17g", plan.scenario().name(), t), plan.grid().cells(),
                plan.grid().lengths(), named);
    }

    public static RunResult run(Scenario scenario, PrintStream out, boolean interactive) {
        Plan plan = Plan.of(scenario);
        ScenarioInfo info = ScenarioInfo.of(scenario);
        if (info.diffusiveSeparation() > 0.1) {
            out.printf(Locale.ROOT, "knudsen: note: diffusive separation %.3g > 0.1 (fastest Maxwell-Stefan rate / slowest "
                    + "momentum relaxation, see knudsen info): species inertia will make the particles depart from "
                    + "Maxwell-Stefan at this epsilon.%n", info.diffusiveSeparation());
        }
        Mixture mixture = plan.mixture();
        int n = mixture.size();
        double eps = scenario.epsilon();
        MaxwellStefanSolver fluid = MaxwellStefanSolver.forMixture(mixture, plan.fluidGrid(), plan.meanVelocity(), eps,
                plan.modes(), IntegratorOptions.defaults());
        double[] masses = new double[n];
        for (int i = 0; i < n; i++) {
            masses[i] = mixture.mass(i);
        }
        LocalMaxwellian maxwellian = new LocalMaxwellian(fluid, masses, eps);
        maxwellian.update(0);
        double weight = mixture.totalConcentration() * plan.grid().cellVolume() / plan.perCell();
        double[] weights = new double[n];
        java.util.Arrays.fill(weights, weight); // equal weights: exact conservation in every collision
        RunStatistics stats = new RunStatistics();
        List<double[]> rows = new ArrayList<>();
        try {
            Files.createDirectories(plan.dir());
            Files.writeString(plan.dir().resolve("scenario.toml"), scenario.toToml(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("output.dir = " + plan.dir() + ": cannot write (" + e.getMessage() + ")", e);
        }
        out.printf(Locale.ROOT, "knudsen: run '%s': %d species, epsilon = %g, %s cells, %d particles per cell, dt = %.4g, "
                + "%d steps, %d threads, seed %d -> %s%n", scenario.name(), n, eps,
                java.util.Arrays.toString(plan.grid().cells()), plan.perCell(), plan.dt(), plan.steps(), plan.threads(),
                scenario.seed(), plan.dir());
        try (SpatialDsmc dsmc = new SpatialDsmc(mixture, plan.grid(), eps, weights, plan.threads(), scenario.seed());
             TimeSeriesWriter series = TimeSeriesWriter.create(plan.dir().resolve(TimeSeriesWriter.FILE_NAME), columns(mixture));
             ProgressReporter progress = ProgressReporter.create(scenario.name(), plan.steps() * plan.dt(), interactive, out)) {
            dsmc.initialise(initialProfile(plan, maxwellian));
            DeviationMonitor monitor = new DeviationMonitor(mixture, plan.grid(), plan.fluidGrid(), plan.trackedMode());
            DeviationMonitor.Sample last = monitor.sample(0, dsmc, maxwellian);
            rows.add(row(last));
            series.append(rows.get(rows.size() - 1));
            long samples = plan.steps() / plan.sampleEvery();
            long snapshotEvery = Math.max(1, samples / SNAPSHOTS);
            int snapshot = 0;
            writeSnapshot(plan, snapshot++, 0, monitor, maxwellian, weights);
            for (long step = 1; step <= plan.steps(); step++) {
                long before = dsmc.totalCollisions();
                long t0 = System.nanoTime();
                dsmc.step(plan.dt());
                stats.recordStep(System.nanoTime() - t0, dsmc.store().size(), dsmc.totalCollisions() - before);
                double t = step * plan.dt();
                if (step % plan.sampleEvery() == 0 || step == plan.steps()) {
                    maxwellian.update(t);
                    last = monitor.sample(t, dsmc, maxwellian);
                    rows.add(row(last));
                    series.append(rows.get(rows.size() - 1));
                    if ((step / plan.sampleEvery()) % snapshotEvery == 0 || step == plan.steps()) {
                        writeSnapshot(plan, snapshot++, t, monitor, maxwellian, weights);
                    }
                }
                progress.update(t, step);
            }
            writeSummary(plan, stats, last, dsmc);
        }
        writePlots(plan, rows);
        out.printf(Locale.ROOT, "knudsen: done. final |F - M| = %.4g +- %.2g (fluid part %.4g +- %.2g); outputs in %s%n",
                rows.get(rows.size() - 1)[1 + 3 * n], rows.get(rows.size() - 1)[2 + 3 * n],
                rows.get(rows.size() - 1)[3 + 3 * n], rows.get(rows.size() - 1)[4 + 3 * n], plan.dir());
        return new RunResult(plan.steps(), plan.steps() * plan.dt(), java.util.Optional.of(plan.dir()));
    }

    private static void writeSummary(Plan plan, RunStatistics stats, DeviationMonitor.Sample last, SpatialDsmc dsmc) {
        Map<String, Object> summary = new LinkedHashMap<>();
        Scenario s = plan.scenario();
        summary.put("scenario", s.name());
        summary.put("scenario_sha256", sha256(s.toToml()));
        summary.put("seed", s.seed());
        summary.put("threads", plan.threads());
        summary.put("epsilon", s.epsilon());
        summary.put("particles", dsmc.store().size());
        summary.put("cells", plan.grid().cellCount());
        summary.put("dt", plan.dt());
        summary.putAll(stats.toSummary());
        Map<String, Object> deviation = new LinkedHashMap<>();
        deviation.put("t", last.time());
        deviation.put("dev_norm", last.deviation().norm());
        deviation.put("dev_norm_se", last.deviation().normSe());
        deviation.put("dev_fluid_norm", last.deviation().fluidNorm());
        deviation.put("dev_fluid_norm_se", last.deviation().fluidNormSe());
        summary.put("final", deviation);
        AtomicFiles.write(plan.dir().resolve("summary.json"),
                os -> os.write(JsonOutput.toJson(summary).getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writePlots(Plan plan, List<double[]> rows) {
        Mixture m = plan.mixture();
        int n = m.size();
        double[] t = new double[rows.size()];
        for (int r = 0; r < t.length; r++) {
            t[r] = rows.get(r)[0];
        }
        List<Plots.Series> modes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] particle = new double[t.length], se = new double[t.length], ms = new double[t.length];
            for (int r = 0; r < t.length; r++) {
                particle[r] = rows.get(r)[1 + 3 * i];
                se[r] = rows.get(r)[2 + 3 * i];
                ms[r] = rows.get(r)[3 + 3 * i];
            }
            modes.add(Plots.Series.points(m.name(i) + " particles", t, particle, se));
            modes.add(Plots.Series.line(m.name(i) + " Maxwell-Stefan", t, ms));
        }
        Plots.linePlot(plan.dir().resolve("mode_amplitude.png"), "Concentration mode " + java.util.Arrays.toString(plan.trackedMode())
                + ": particles vs Maxwell-Stefan", "t", "cosine amplitude of c_i", modes);
        double[] norm = new double[t.length], normSe = new double[t.length], fluid = new double[t.length], fluidSe = new double[t.length];
        for (int r = 0; r < t.length; r++) {
            norm[r] = rows.get(r)[1 + 3 * n];
            normSe[r] = rows.get(r)[2 + 3 * n];
            fluid[r] = rows.get(r)[3 + 3 * n];
            fluidSe[r] = rows.get(r)[4 + 3 * n];
        }
        Plots.linePlot(plan.dir().resolve("deviation.png"), "||F - M|| (Hermite degree <= 3), epsilon = " + plan.scenario().epsilon(),
                "t", "norm", List.of(Plots.Series.points("||F - M||", t, norm, normSe),
                        Plots.Series.points("||pi_L(F - M)||", t, fluid, fluidSe)));
    }
}
