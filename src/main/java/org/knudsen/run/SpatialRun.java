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
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.knudsen.fluid.FourierMode;
import org.knudsen.fluid.Grid;
import org.knudsen.fluid.IntegratorOptions;
import org.knudsen.fluid.LocalMaxwellian;
import org.knudsen.fluid.MaxwellStefanSolver;
import org.knudsen.fluid.ModePerturbation;
import org.knudsen.io.AtomicFiles;
import org.knudsen.io.TextFiles;
import org.knudsen.io.CheckpointFile;
import org.knudsen.io.InputException;
import org.knudsen.io.JsonOutput;
import org.knudsen.io.Plots;
import org.knudsen.io.ProgressReporter;
import org.knudsen.io.RunDirectory;
import org.knudsen.io.TimeSeriesWriter;
import org.knudsen.io.VtkWriter;
import org.knudsen.moments.DeviationMonitor;
import org.knudsen.particles.InitialProfile;
import org.knudsen.particles.PeriodicGrid;
import org.knudsen.particles.SpatialDsmc;
import org.knudsen.physics.Mixture;
import org.knudsen.scenario.DomainSpec;
import org.knudsen.scenario.ModeSpec;
import org.knudsen.scenario.OutputSpec;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioInfo;
import org.knudsen.scenario.ScenarioParser;
import org.knudsen.scenario.TimeGrid;

/**
 * The spatial run (DESIGN.md, PHYSICS.md §10–§11): particles drawn from M^{ε,in}, advanced by DSMC in the
 * diffusive scaling beside the Maxwell–Stefan solution, never reset; at every output time the deviation
 * F^ε − M^ε is measured and a row is appended to {@code timeseries.csv}. At the end: {@code summary.json}
 * and the plots.
 *
 * <p><b>Checkpoints and resume</b> (issue 5). Every {@code [output] checkpoint_every} seconds of wall time (at
 * the next step boundary; 0 = after every sample), at the end, and on SIGINT/SIGTERM, {@code checkpoint.bin}
 * is replaced atomically ({@link CheckpointFile}; the previous one stays as {@code checkpoint.bin.prev}). It
 * holds the scenario (SHA-256 and text), step, snapshot counter, the time-series rows written so far, the
 * particles, every block's RNG state and collider majorants/counters, the exact Dormand–Prince state of the
 * Maxwell–Stefan solver and the run statistics. {@link #resume} rebuilds the solvers from scenario.toml, loads
 * that state and cuts timeseries.csv back to the checkpoint's rows; the continued run is bit-identical to an
 * uninterrupted one (timeseries.csv, snapshots, final state), because nothing a step computes depends on wall
 * time, thread scheduling or the JIT's state. A signal makes the JVM exit with 128 + signal (130, 143) after
 * the checkpoint.
 */
public final class SpatialRun implements AutoCloseable {
    /** Default wall time between checkpoints (scenario key {@code [output] checkpoint_every}). */
    public static final double DEFAULT_CHECKPOINT_EVERY = OutputSpec.DEFAULT_CHECKPOINT_EVERY;
    /** How long a SIGINT/SIGTERM waits for the run to write its checkpoint before the JVM exits anyway. */
    static final long SIGNAL_WAIT_SECONDS = 60;
    /** Version of the run-level checkpoint body (the sections below it carry their own versions). */
    private static final int RUN_STATE_VERSION = 1;

    /** Everything a run needs, resolved from a scenario (defaults applied, nothing written yet). */
    record Plan(Scenario scenario, Mixture mixture, PeriodicGrid grid, Grid fluidGrid, List<FourierMode> modes,
                int[] trackedMode, double[] meanVelocity, double dt, long steps, long sampleEvery, int perCell,
                Path dir, int threads, double checkpointEvery) {

        static Plan of(Scenario s) {
            RunRules.requireSpatial(s);
            Mixture mixture = s.mixture();
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
            TimeGrid time = s.timeGrid();
            Path dir = s.runDirectory();
            double checkpointEvery = s.output().map(OutputSpec::checkpointEvery).orElse(DEFAULT_CHECKPOINT_EVERY);
            return new Plan(s, mixture, grid, fluidGrid, modes, tracked, meanVelocity, time.dt(), time.steps(),
                    time.stepsPerSample(), s.particles().orElseThrow().perCell(), dir, RunRules.threads(s),
                    checkpointEvery);
        }

        /** The same plan writing into another directory (a resumed run stays in the directory it was found in). */
        Plan inDirectory(Path other) {
            return new Plan(scenario, mixture, grid, fluidGrid, modes, trackedMode, meanVelocity, dt, steps, sampleEvery,
                    perCell, other, threads, checkpointEvery);
        }

        Plan withCheckpointEvery(OptionalDouble seconds) {
            return seconds.isEmpty() ? this : new Plan(scenario, mixture, grid, fluidGrid, modes, trackedMode,
                    meanVelocity, dt, steps, sampleEvery, perCell, dir, threads, seconds.getAsDouble());
        }
    }

    /** The mode columns of one species: particle amplitude, its SE, Maxwell–Stefan amplitude. */
    private static List<String> modeColumns(String name) {
        return List.of("conc_mode_" + name, "conc_mode_" + name + "_se", "conc_mode_" + name + "_ms");
    }

    /** The conserved-total column of one species. */
    private static String massColumn(String name) {
        return "mass_" + name;
    }

    /** Every time-series column that one species gives. */
    static List<String> speciesColumns(String name) {
        List<String> c = new ArrayList<>(modeColumns(name));
        c.add(massColumn(name));
        return c;
    }

    private static final List<String> NORM_COLUMNS = List.of("dev_norm", "dev_norm_se", "dev_fluid_norm",
            "dev_fluid_norm_se", "dev_norm_sq", "dev_norm_sq_se", "dev_fluid_norm_sq", "dev_fluid_norm_sq_se");
    private static final List<String> TOTAL_COLUMNS = List.of("momentum_x", "momentum_y", "momentum_z", "energy");

    /** The columns every spatial run has, whatever its species. */
    static List<String> fixedColumns() {
        List<String> c = new ArrayList<>();
        c.add("t");
        c.addAll(NORM_COLUMNS);
        c.addAll(TOTAL_COLUMNS);
        return c;
    }

    /** The VTK fields of the cell snapshots that one species gives. */
    static List<String> speciesFields(String name) {
        return List.of("c_" + name, "c_" + name + "_ms");
    }

    /** The outputs of a spatial run in its directory (what a new run there replaces; patterns with *). */
    static final List<String> OUTPUTS = List.of("scenario.toml", TimeSeriesWriter.FILE_NAME, "summary.json",
            "mode_amplitude.png", "deviation.png", CheckpointFile.FILE_NAME, CheckpointFile.FILE_NAME + ".prev",
            "fields/cells_*.vtk");

    /** The time-series columns, in order: t, the per-species mode columns, the norms, the conserved totals. */
    static List<String> columns(Mixture mixture) {
        List<String> c = new ArrayList<>();
        c.add("t");
        for (int i = 0; i < mixture.size(); i++) {
            c.addAll(modeColumns(mixture.name(i)));
        }
        c.addAll(NORM_COLUMNS);
        for (int i = 0; i < mixture.size(); i++) {
            c.add(massColumn(mixture.name(i)));
        }
        c.addAll(TOTAL_COLUMNS);
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
        ModePerturbation perturbation = new ModePerturbation(plan.modes(), plan.grid().lengths());
        return new InitialProfile() {
            @Override
            public double density(int i, double x, double y, double z) {
                return m.concentration(i) + eps * perturbation.at(i, x, y, z);
            }

            @Override
            public double densityBound(int i, int cell) {
                return m.concentration(i) + eps * perturbation.bound(i);
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
            List<String> names = speciesFields(m.name(i));
            named.put(names.get(0), fields[i]);
            double[] ms = new double[cells];
            for (int c = 0; c < cells; c++) {
                ms[c] = maxwellian.concentration(i, c);
            }
            named.put(names.get(1), ms);
        }
        named.put("dev_norm_sq_density", fields[m.size()]);
        VtkWriter.write(plan.dir().resolve("fields").resolve(String.format(Locale.ROOT, "cells_%04d.vtk", index)),
                VtkWriter.title(String.format(Locale.ROOT, "knudsen %s t = %.17g", plan.scenario().name(), t)), plan.grid().cells(),
                plan.grid().lengths(), named);
    }

    /**
     * How a run is driven besides its scenario.
     *
     * @param interactive     progress bar on a terminal (else periodic log lines)
     * @param checkpointEvery overrides {@code [output] checkpoint_every} (seconds of wall time; 0 = at every sample)
     * @param handleSignals   install a shutdown hook: SIGINT/SIGTERM write a checkpoint at the next step boundary
     * @param stopAfterStep   test hook: behave as if a stop was requested after this step (≤ 0: never)
     * @param force           a new run may replace an unfinished run, and outputs knudsen did not write, in its directory
     */
    public record Options(boolean interactive, OptionalDouble checkpointEvery, boolean handleSignals, long stopAfterStep,
                          boolean force) {
        public Options {
            if (checkpointEvery.isPresent() && !(checkpointEvery.getAsDouble() >= 0)) {
                throw new InputException("--checkpoint-every = " + checkpointEvery.getAsDouble()
                        + ": must be a number of seconds >= 0 (0 = a checkpoint at every sample)");
            }
        }

        /** Checkpoints as the scenario says, signals handled, no stop. */
        public static Options defaults(boolean interactive) {
            return new Options(interactive, OptionalDouble.empty(), true, 0, false);
        }

        public Options withCheckpointEvery(double seconds) {
            return withCheckpointEvery(OptionalDouble.of(seconds));
        }

        public Options withCheckpointEvery(OptionalDouble seconds) {
            return new Options(interactive, seconds, handleSignals, stopAfterStep, force);
        }

        public Options withSignals(boolean handle) {
            return new Options(interactive, checkpointEvery, handle, stopAfterStep, force);
        }

        public Options withStopAfterStep(long step) {
            return new Options(interactive, checkpointEvery, handleSignals, step, force);
        }

        public Options withForce(boolean replace) {
            return new Options(interactive, checkpointEvery, handleSignals, stopAfterStep, replace);
        }
    }

    /**
     * A stop request from SIGINT/SIGTERM: the JVM runs shutdown hooks on these signals; ours sets a flag that the
     * time loop reads at every step boundary, then waits (at most {@link #SIGNAL_WAIT_SECONDS}) until the loop has
     * written its checkpoint and let go. The JVM then exits with the usual status 128 + signal (130, 143).
     */
    private static final class StopRequest {
        private volatile boolean requested;
        private final CountDownLatch released = new CountDownLatch(1);
        private Thread hook;

        void install() {
            hook = new Thread(() -> {
                requested = true;
                try {
                    released.await(SIGNAL_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "knudsen-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        boolean requested() {
            return requested;
        }

        /** The loop is done (checkpoint written, or finished, or failed): the hook may return. */
        void release() {
            released.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running; it returns now that the latch is released
                }
                hook = null;
            }
        }
    }

    private final Plan plan;
    private final Options options;
    private final PrintStream out;
    private final String scenarioText;
    private final String scenarioSha256;
    private final Mixture mixture;
    private final MaxwellStefanSolver fluid;
    private final LocalMaxwellian maxwellian;
    private final double[] weights;
    private final SpatialDsmc dsmc;
    private final DeviationMonitor monitor;
    private final RunStatistics stats;
    private final List<double[]> rows;
    private final long snapshotEvery;
    private TimeSeriesWriter series;
    private ProgressReporter progress;
    private long step;
    private int snapshot;

    /** The solver objects of a plan, before initial data or a checkpoint is put in. */
    private SpatialRun(Plan plan, Options options, PrintStream out, String scenarioText) {
        this.plan = plan;
        this.options = options;
        this.out = out;
        this.scenarioText = scenarioText;
        this.scenarioSha256 = sha256(scenarioText);
        this.mixture = plan.mixture();
        int n = mixture.size();
        double eps = plan.scenario().epsilon();
        this.stats = new RunStatistics();
        this.fluid = MaxwellStefanSolver.forMixture(mixture, plan.fluidGrid(), plan.meanVelocity(), eps, plan.modes(),
                IntegratorOptions.defaults());
        double[] masses = new double[n];
        for (int i = 0; i < n; i++) {
            masses[i] = mixture.mass(i);
        }
        this.maxwellian = new LocalMaxwellian(fluid, masses, eps);
        double weight = mixture.totalConcentration() * plan.grid().cellVolume() / plan.perCell();
        this.weights = new double[n];
        java.util.Arrays.fill(weights, weight); // equal weights: exact conservation in every collision
        this.dsmc = new SpatialDsmc(mixture, plan.grid(), eps, weights, plan.threads(), plan.scenario().seed());
        this.monitor = new DeviationMonitor(mixture, plan.grid(), plan.fluidGrid(), plan.trackedMode());
        this.rows = new ArrayList<>();
        long samples = plan.steps() / plan.sampleEvery();
        this.snapshotEvery = Math.max(1, samples / SNAPSHOTS);
    }

    /** Runs a scenario from its initial data to its end (signals handled, checkpoints as the scenario says). */
    public static RunResult run(Scenario scenario, PrintStream out, boolean interactive) {
        return run(scenario, out, Options.defaults(interactive));
    }

    /**
     * Runs a scenario from its initial data: writes scenario.toml, the first sample and snapshot, then steps to
     * the end, checkpointing periodically. Returns early (after a checkpoint) on SIGINT/SIGTERM or the test stop.
     */
    public static RunResult run(Scenario scenario, PrintStream out, Options options) {
        Plan plan = Plan.of(scenario).withCheckpointEvery(options.checkpointEvery());
        ScenarioInfo info = ScenarioInfo.of(scenario);
        if (info.diffusiveSeparation() > 0.1) {
            out.printf(Locale.ROOT, "knudsen: note: diffusive separation %.3g > 0.1 (fastest Maxwell-Stefan rate / slowest "
                    + "momentum relaxation, see knudsen info): species inertia will make the particles depart from "
                    + "Maxwell-Stefan at this epsilon.%n", info.diffusiveSeparation());
        }
        String text = scenario.toToml();
        try (RunDirectory claimed = RunDirectory.claimForNewRun(plan.dir(), "output.dir", OUTPUTS, options.force())) {
            TextFiles.write(plan.dir().resolve("scenario.toml"), text, "output.dir");
            CheckpointFile.discard(plan.dir());
            VtkWriter.deleteSnapshots(plan.dir().resolve("fields"), "cells_");
            out.printf(Locale.ROOT, "knudsen: run '%s': %d species, epsilon = %g, %s cells, %d particles per cell, "
                    + "dt = %.4g, %d steps, %d threads, seed %d -> %s%n", scenario.name(), plan.mixture().size(),
                    scenario.epsilon(), java.util.Arrays.toString(plan.grid().cells()), plan.perCell(), plan.dt(),
                    plan.steps(), plan.threads(), scenario.seed(), plan.dir());
            try (SpatialRun run = new SpatialRun(plan, options, out, text)) {
                run.startFromInitialData();
                return run.loop();
            }
        }
    }

    /**
     * Continues the run in {@code dir} from its checkpoint ({@code checkpoint.bin}, or {@code checkpoint.bin.prev}
     * if that one is damaged): reads and validates {@code dir/scenario.toml}, checks it is the scenario of the
     * checkpoint, cuts {@code timeseries.csv} back to the rows of the checkpoint and steps on to the end.
     *
     * @throws InputException (exit 2) if the scenario or checkpoint is missing, damaged or of another scenario
     */
    public static RunResult resume(Path dir, PrintStream out, Options options) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir + ": no such run directory");
        }
        Path scenarioFile = dir.resolve("scenario.toml");
        String text = TextFiles.read(scenarioFile);
        Scenario scenario = ScenarioParser.parse(text, scenarioFile.toString(), RunRules.spatialRun());
        try (RunDirectory claimed = RunDirectory.claimForResume(dir, List.of("fields"))) {
            Plan plan = Plan.of(scenario).inDirectory(dir).withCheckpointEvery(options.checkpointEvery());
            Path checkpoint = dir.resolve(CheckpointFile.FILE_NAME);
            if (!Files.exists(checkpoint) && !Files.exists(AtomicFiles.previousOf(checkpoint))) {
                throw new InputException(checkpoint + ": no such checkpoint file (the run stopped before its first "
                        + "checkpoint; start it again with knudsen run --force)");
            }
            SpatialRun run = new SpatialRun(plan, options, out, text);
            try {
                CheckpointFile.readWithFallback(checkpoint, in -> {
                    run.readState(in, checkpoint);
                    return Boolean.TRUE;
                }, warning -> out.println("knudsen: warning: " + warning));
                out.printf(Locale.ROOT, "knudsen: resume '%s' in %s at step %d of %d (t = %.6g), %d time-series rows "
                        + "kept%n", scenario.name(), dir, run.step, plan.steps(), run.step * plan.dt(), run.rows.size());
                run.series = TimeSeriesWriter.openForResume(dir.resolve(TimeSeriesWriter.FILE_NAME),
                        columns(plan.mixture()), run.rows.size());
                return run.loop();
            } finally {
                run.close();
            }
        }
    }

    /** Particles from M^{ε,in}, the first row and snapshot at t = 0. */
    private void startFromInitialData() {
        maxwellian.update(0);
        series = TimeSeriesWriter.create(plan.dir().resolve(TimeSeriesWriter.FILE_NAME), columns(mixture));
        dsmc.initialise(initialProfile(plan, maxwellian));
        appendRow(monitor.sample(0, dsmc, maxwellian));
        writeSnapshot(plan, snapshot++, 0, monitor, maxwellian, weights);
    }

    private void appendRow(DeviationMonitor.Sample sample) {
        double[] r = row(sample);
        rows.add(r);
        series.append(r);
    }

    /**
     * Steps from the current step to the end. After every step: the sample (if due), then a checkpoint if one is
     * due (wall-clock interval, or every sample for checkpoint_every = 0), or if a stop was requested, in which
     * case the loop returns right after it.
     */
    private RunResult loop() {
        StopRequest stop = new StopRequest();
        if (options.handleSignals()) {
            stop.install();
        }
        try {
            progress = ProgressReporter.create(plan.scenario().name(), plan.steps() * plan.dt(), options.interactive(), out);
            long checkpointNanos = (long) Math.min(Long.MAX_VALUE, plan.checkpointEvery() * 1e9);
            long lastCheckpoint = System.nanoTime();
            while (step < plan.steps()) {
                step++;
                long before = dsmc.totalCollisions();
                long t0 = System.nanoTime();
                dsmc.step(plan.dt());
                stats.recordStep(System.nanoTime() - t0, dsmc.store().size(), dsmc.totalCollisions() - before);
                double t = step * plan.dt();
                boolean sampled = step % plan.sampleEvery() == 0 || step == plan.steps();
                if (sampled) { // the monitor loads M^eps at t itself
                    appendRow(monitor.sample(t, dsmc, maxwellian));
                    if ((step / plan.sampleEvery()) % snapshotEvery == 0 || step == plan.steps()) {
                        writeSnapshot(plan, snapshot++, t, monitor, maxwellian, weights);
                    }
                }
                progress.update(t, step);
                boolean stopNow = stop.requested() || step == options.stopAfterStep();
                if (stopNow && step < plan.steps()) {
                    checkpoint("interrupted");
                    closeProgress();
                    out.printf(Locale.ROOT, "%nknudsen: stopped at step %d of %d (t = %.6g); checkpoint %s written. "
                            + "Continue with: knudsen resume %s%n", step, plan.steps(), t,
                            plan.dir().resolve(CheckpointFile.FILE_NAME), plan.dir());
                    out.flush();
                    return new RunResult(step, t, java.util.Optional.of(plan.dir()));
                }
                boolean due = plan.checkpointEvery() == 0 ? sampled : System.nanoTime() - lastCheckpoint >= checkpointNanos;
                if (due && step < plan.steps()) {
                    checkpoint("running");
                    lastCheckpoint = System.nanoTime();
                }
            }
            closeProgress();
            // the final checkpoint holds the final particle state; resuming a finished run does nothing
            checkpoint("complete");
        } finally {
            stop.release();
        }
        writePlots(plan, rows);
        int n = mixture.size();
        double[] last = rows.get(rows.size() - 1);
        out.printf(Locale.ROOT, "knudsen: done. final |F - M| = %.4g +- %.2g (fluid part %.4g +- %.2g); outputs in %s%n",
                last[1 + 3 * n], last[2 + 3 * n], last[3 + 3 * n], last[4 + 3 * n], plan.dir());
        return new RunResult(plan.steps(), plan.steps() * plan.dt(), java.util.Optional.of(plan.dir()));
    }

    /** Rows to disk first (the checkpoint vouches for them), then the checkpoint, then the summary. */
    private void checkpoint(String status) {
        series.sync();
        CheckpointFile.write(plan.dir().resolve(CheckpointFile.FILE_NAME), this::writeState);
        writeSummary(status);
    }

    /**
     * The run-level checkpoint body: scenario (hash and text), position (step, time, rows, snapshots), the rows
     * themselves (for the plots), then the particle solver, the Maxwell–Stefan integrator and the statistics.
     */
    private void writeState(DataOutput o) throws IOException {
        o.writeInt(RUN_STATE_VERSION);
        o.writeUTF(scenarioSha256);
        byte[] text = scenarioText.getBytes(StandardCharsets.UTF_8);
        o.writeInt(text.length);
        o.write(text);
        o.writeLong(step);
        o.writeLong(plan.steps());
        o.writeDouble(step * plan.dt());
        o.writeInt(snapshot);
        int width = rows.get(0).length;
        o.writeLong(rows.size());
        o.writeInt(width);
        for (double[] r : rows) {
            for (double v : r) {
                o.writeDouble(v);
            }
        }
        dsmc.writeState(o);
        fluid.writeState(o);
        stats.writeState(o);
    }

    private void readState(DataInput in, Path file) throws IOException {
        int version = in.readInt();
        if (version != RUN_STATE_VERSION) {
            throw new IOException("run state version " + version + ", this knudsen reads " + RUN_STATE_VERSION);
        }
        String sha = in.readUTF();
        if (!sha.equals(scenarioSha256)) {
            throw new InputException(file + ": belongs to another scenario (sha256 " + sha + "), but "
                    + plan.dir().resolve("scenario.toml") + " has sha256 " + scenarioSha256
                    + "; resume needs the scenario.toml the run was started with");
        }
        int textLength = in.readInt();
        if (textLength < 0 || textLength > (1 << 26)) {
            throw new IOException("scenario text length " + textLength);
        }
        in.readFully(new byte[textLength]); // kept in the file for the record; the hash above ties it to scenario.toml
        long savedStep = in.readLong();
        long totalSteps = in.readLong();
        in.readDouble();
        int savedSnapshot = in.readInt();
        if (totalSteps != plan.steps() || savedStep < 0 || savedStep > totalSteps || savedSnapshot < 0) {
            throw new IOException("step " + savedStep + " of " + totalSteps + " (this scenario has " + plan.steps()
                    + " steps), snapshot " + savedSnapshot);
        }
        long rowCount = in.readLong();
        int width = in.readInt();
        int expectedWidth = columns(mixture).size();
        if (width != expectedWidth || rowCount < 1 || rowCount > savedStep + 1) {
            throw new IOException(rowCount + " time-series rows of " + width + " values (expected 1.." + (savedStep + 1)
                    + " rows of " + expectedWidth + ")");
        }
        rows.clear();
        for (long k = 0; k < rowCount; k++) {
            double[] r = new double[width];
            for (int c = 0; c < width; c++) {
                r[c] = in.readDouble();
            }
            rows.add(r);
        }
        dsmc.readState(in);
        if (dsmc.steps() != savedStep) {
            throw new IOException("the particle solver has made " + dsmc.steps() + " steps, the run " + savedStep);
        }
        fluid.readState(in);
        stats.readState(in);
        step = savedStep;
        snapshot = savedSnapshot;
    }

    /**
     * The particle solver and Maxwell–Stefan state held by the checkpoint in {@code dir}, as bytes (tests compare
     * the final states of an interrupted-and-resumed and an uninterrupted run byte for byte).
     */
    static byte[] solverState(Path dir) {
        Path scenarioFile = dir.resolve("scenario.toml");
        String text = TextFiles.read(scenarioFile);
        Plan plan = Plan.of(ScenarioParser.parse(text, scenarioFile.toString())).inDirectory(dir);
        Path file = dir.resolve(CheckpointFile.FILE_NAME);
        try (SpatialRun run = new SpatialRun(plan, Options.defaults(false).withSignals(false), System.out, text)) {
            CheckpointFile.read(file, in -> {
                run.readState(in, file);
                return Boolean.TRUE;
            });
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            java.io.DataOutputStream o = new java.io.DataOutputStream(bytes);
            run.dsmc.writeState(o);
            run.fluid.writeState(o);
            o.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }


    /** summary.json: written at every checkpoint (status running / interrupted) and at the end (complete). */
    private void writeSummary(String status) {
        Map<String, Object> summary = new LinkedHashMap<>();
        Scenario s = plan.scenario();
        summary.put("scenario", s.name());
        summary.put("scenario_sha256", scenarioSha256);
        summary.put("status", status);
        summary.put("step", step);
        summary.put("steps_total", plan.steps());
        summary.put("seed", s.seed());
        summary.put("threads", plan.threads());
        summary.put("epsilon", s.epsilon());
        summary.put("particles", dsmc.store().size());
        summary.put("cells", plan.grid().cellCount());
        summary.put("dt", plan.dt());
        summary.putAll(stats.toSummary());
        int n = mixture.size();
        double[] last = rows.get(rows.size() - 1);
        Map<String, Object> deviation = new LinkedHashMap<>();
        deviation.put("t", last[0]);
        deviation.put("dev_norm", last[1 + 3 * n]);
        deviation.put("dev_norm_se", last[2 + 3 * n]);
        deviation.put("dev_fluid_norm", last[3 + 3 * n]);
        deviation.put("dev_fluid_norm_se", last[4 + 3 * n]);
        summary.put("final", deviation);
        JsonOutput.writeFile(plan.dir().resolve("summary.json"), summary);
    }

    /** Closes the progress reporter once (a line reporter prints its "done" line on close). */
    private void closeProgress() {
        if (progress != null) {
            ProgressReporter p = progress;
            progress = null;
            p.close();
        }
    }

    @Override
    public void close() {
        try {
            closeProgress();
            if (series != null) {
                series.close();
            }
        } finally {
            dsmc.close();
        }
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
