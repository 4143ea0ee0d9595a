package org.knudsen.run;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.knudsen.fluid.MaxwellStefanSolver;
import org.knudsen.io.AtomicFiles;
import org.knudsen.io.CheckpointFile;
import org.knudsen.io.InputException;
import org.knudsen.io.ProgressReporter;
import org.knudsen.io.Provenance;
import org.knudsen.io.RunDirectory;
import org.knudsen.io.TextFiles;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioInfo;
import org.knudsen.scenario.ScenarioParser;

/**
 * The spatial run (DESIGN.md, PHYSICS.md §10–§11): the {@link ParticleRun} beside the Maxwell–Stefan solution it is
 * measured against; at every output time a row goes to {@code timeseries.csv} ({@link RunOutputs}), and at the end
 * {@code summary.json} and the plots.
 *
 * <p><b>Checkpoints and resume.</b> Every {@code [output] checkpoint_every} seconds of wall time (at the next step
 * boundary; 0 = after every sample), at the end, and on SIGINT/SIGTERM, {@code checkpoint.bin} is replaced atomically
 * ({@link RunCheckpoint}). {@link #resume} rebuilds the solvers from scenario.toml, loads that state and cuts
 * timeseries.csv back to the checkpoint's rows; the continued run is bit-identical to an uninterrupted one
 * (timeseries.csv, snapshots, final state), because nothing a step computes depends on wall time, thread scheduling
 * or the JIT's state. A signal makes the JVM exit with 128 + signal (130, 143) after the checkpoint.
 */
public final class SpatialRun implements AutoCloseable {
    /** Default wall time between checkpoints (scenario key {@code [output] checkpoint_every}). */
    public static final double DEFAULT_CHECKPOINT_EVERY = RunPlan.DEFAULT_CHECKPOINT_EVERY;

    /**
     * How a run is driven besides its scenario.
     *
     * @param interactive     progress bar on a terminal (else periodic log lines)
     * @param checkpointEvery overrides {@code [output] checkpoint_every} (seconds of wall time; 0 = at every sample)
     * @param handleSignals   install a shutdown hook: SIGINT/SIGTERM write a checkpoint at the next step boundary
     * @param stopAfterStep   test hook: behave as if a stop was requested after this step (≤ 0: never)
     * @param force           a new run may replace an unfinished run, and outputs knudsen did not write, in its directory
     * @param provenance      the process for summary.json's {@code provenance} block (the command line comes from cli)
     */
    public record Options(boolean interactive, OptionalDouble checkpointEvery, boolean handleSignals, long stopAfterStep,
                          boolean force, Provenance provenance) {
        public Options {
            if (checkpointEvery.isPresent() && !(checkpointEvery.getAsDouble() >= 0)) {
                throw new InputException("--checkpoint-every = " + checkpointEvery.getAsDouble()
                        + ": must be a number of seconds >= 0 (0 = a checkpoint at every sample)");
            }
            java.util.Objects.requireNonNull(provenance, "provenance");
        }

        /** As the canonical constructor, called as a library (no command line), started now. */
        public Options(boolean interactive, OptionalDouble checkpointEvery, boolean handleSignals, long stopAfterStep,
                       boolean force) {
            this(interactive, checkpointEvery, handleSignals, stopAfterStep, force, Provenance.inProcess());
        }

        /** Checkpoints as the scenario says, signals handled, no stop. */
        public static Options defaults(boolean interactive) {
            return new Options(interactive, OptionalDouble.empty(), true, 0, false);
        }

        public Options withCheckpointEvery(double seconds) {
            return withCheckpointEvery(OptionalDouble.of(seconds));
        }

        public Options withCheckpointEvery(OptionalDouble seconds) {
            return new Options(interactive, seconds, handleSignals, stopAfterStep, force, provenance);
        }

        public Options withSignals(boolean handle) {
            return new Options(interactive, checkpointEvery, handle, stopAfterStep, force, provenance);
        }

        public Options withStopAfterStep(long step) {
            return new Options(interactive, checkpointEvery, handleSignals, step, force, provenance);
        }

        public Options withForce(boolean replace) {
            return new Options(interactive, checkpointEvery, handleSignals, stopAfterStep, replace, provenance);
        }

        public Options withProvenance(Provenance p) {
            return new Options(interactive, checkpointEvery, handleSignals, stopAfterStep, force, p);
        }
    }

    private final RunPlan plan;
    private final Options options;
    private final PrintStream out;
    private final String scenarioText;
    private final String scenarioSha256;
    private final MaxwellStefanSolver fluid;
    private final ParticleRun particles;
    private final RunStatistics stats = new RunStatistics();
    private final LinearColumns linear;
    private final RunOutputs outputs;
    private ProgressReporter progress;
    private long step;
    /** The provenance blocks of the processes that ran this run before (a resumed run), oldest first. */
    private List<Object> earlierProvenance = List.of();

    /** The solver objects of a plan, before initial data or a checkpoint is put in. */
    private SpatialRun(RunPlan plan, Options options, PrintStream out, String scenarioText) {
        this.plan = plan;
        this.options = options;
        this.out = out;
        this.scenarioText = scenarioText;
        this.scenarioSha256 = Scenario.sha256(scenarioText);
        double[][] delta = plan.closure().delta(plan.mixture());
        this.fluid = plan.maxwellStefan(delta);
        // deterministic, so a resumed run recomputes the same columns (nothing of it is in the checkpoint)
        this.linear = LinearColumns.of(plan, delta);
        this.particles = new ParticleRun(plan, fluid, plan.scenario().seed());
        this.outputs = new RunOutputs(plan, linear);
    }

    private RunCheckpoint.Solvers solvers() {
        return new RunCheckpoint.Solvers(particles, fluid, stats);
    }

    /** Runs a scenario from its initial data to its end (signals handled, checkpoints as the scenario says). */
    public static RunResult run(Scenario scenario, PrintStream out, boolean interactive) {
        return run(scenario, out, Options.defaults(interactive));
    }

    /**
     * Runs a scenario from its initial data: claims the run directory, writes scenario.toml, the first sample and
     * snapshot, then steps to the end, checkpointing periodically. Returns early (after a checkpoint) on
     * SIGINT/SIGTERM or the test stop.
     */
    public static RunResult run(Scenario scenario, PrintStream out, Options options) {
        RunPlan plan = RunPlan.of(scenario).withCheckpointEvery(options.checkpointEvery());
        ScenarioInfo info = ScenarioInfo.of(scenario);
        if (info.diffusiveSeparation() > 0.1) {
            out.printf(Locale.ROOT, "knudsen: note: diffusive separation %.3g > 0.1 (fastest Maxwell-Stefan rate / slowest "
                    + "momentum relaxation, see knudsen info): species inertia will make the particles depart from "
                    + "Maxwell-Stefan at this epsilon.%n", info.diffusiveSeparation());
        }
        windowNote(plan, info, out);
        String text = scenario.toToml();
        try (RunDirectory claimed = RunDirectory.claimForNewRun(plan.dir(), "output.dir", RunOutputs.FILES,
                options.force())) {
            TextFiles.write(plan.dir().resolve("scenario.toml"), text, "output.dir");
            CheckpointFile.discard(plan.dir());
            CellSnapshots.clear(plan.dir());
            out.printf(Locale.ROOT, "knudsen: run '%s': %d species, epsilon = %g, %s cells, %d particles per cell, "
                    + "dt = %.4g, %d steps, %d threads, seed %d -> %s%n", scenario.name(), plan.mixture().size(),
                    scenario.epsilon(), java.util.Arrays.toString(plan.grid().cells()), plan.perCell(), plan.dt(),
                    plan.steps(), plan.threads(), scenario.seed(), plan.dir());
            try (SpatialRun run = new SpatialRun(plan, options, out, text)) {
                out.println("knudsen: " + run.linear.describe());
                run.startFromInitialData();
                return run.loop();
            }
        }
    }

    /**
     * Window rows: batch means are unbiased only for batches longer than the correlation time, of which the slowest
     * species momentum relaxation is a lower bound (docs/averaging.md); a shorter batch gets a note.
     */
    private static void windowNote(RunPlan plan, ScenarioInfo info, PrintStream out) {
        if (!plan.windowed()) {
            return;
        }
        double slowest = java.util.Arrays.stream(info.momentumRelaxationRates()).min().orElse(Double.POSITIVE_INFINITY);
        double relaxationSteps = 1 / (slowest * plan.dt());
        long batchSteps = plan.sampleEvery() / plan.scenario().output().orElseThrow().batches();
        if (batchSteps < 2 * relaxationSteps) {
            out.printf(Locale.ROOT, "knudsen: note: window batches of %d steps are shorter than twice the slowest momentum "
                    + "relaxation time (%.0f steps, knudsen info): the window standard errors will be too small and the "
                    + "squared norms biased high; lengthen output.every or lower output.batches (docs/averaging.md).%n",
                    batchSteps, relaxationSteps);
        }
    }

    /**
     * Continues the run in {@code dir} from its checkpoint ({@code checkpoint.bin}, or {@code checkpoint.bin.prev}
     * if that one is damaged): reads and validates {@code dir/scenario.toml}, claims the directory, checks the
     * checkpoint is of that scenario, cuts {@code timeseries.csv} back to its rows and steps on to the end.
     *
     * @throws InputException (exit 2) if the scenario or checkpoint is missing, damaged or of another scenario, or
     *                        another process holds the directory
     */
    public static RunResult resume(Path dir, PrintStream out, Options options) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir + ": no such run directory");
        }
        Path scenarioFile = dir.resolve("scenario.toml");
        String text = TextFiles.read(scenarioFile);
        Scenario scenario = ScenarioParser.parse(text, scenarioFile.toString(), RunRules.spatialRun());
        try (RunDirectory claimed = RunDirectory.claimForResume(dir, List.of("fields"))) {
            RunPlan plan = RunPlan.of(scenario).inDirectory(dir).withCheckpointEvery(options.checkpointEvery());
            Path checkpoint = dir.resolve(CheckpointFile.FILE_NAME);
            if (!Files.exists(checkpoint) && !Files.exists(AtomicFiles.previousOf(checkpoint))) {
                throw new InputException(checkpoint + ": no such checkpoint file (the run stopped before its first "
                        + "checkpoint; start it again with knudsen run --force)");
            }
            try (SpatialRun run = new SpatialRun(plan, options, out, text)) {
                run.earlierProvenance = RunDirectory.summaryProvenance(dir);
                RunCheckpoint.Position at = RunCheckpoint.read(plan, run.scenarioSha256, run.outputs.columns().width(),
                        run.solvers(), warning -> out.println("knudsen: warning: " + warning));
                run.step = at.step();
                out.printf(Locale.ROOT, "knudsen: resume '%s' in %s at step %d of %d (t = %.6g), %d time-series rows "
                        + "kept%n", scenario.name(), dir, run.step, plan.steps(), run.step * plan.dt(), at.rows().size());
                run.outputs.resume(at.rows(), at.snapshots());
                return run.loop();
            }
        }
    }

    /** Particles from M^{ε,in}, the first row and snapshot at t = 0. */
    private void startFromInitialData() {
        outputs.create();
        particles.initialise();
        outputs.record(0, particles.sample(0), particles);
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
                long before = particles.dsmc().totalCollisions();
                long t0 = System.nanoTime();
                particles.step();
                if (particles.windowed()) { // part of the step's work: the every-step moments of the window
                    particles.addToWindow(step);
                }
                stats.recordStep(System.nanoTime() - t0, particles.dsmc().store().size(),
                        particles.dsmc().totalCollisions() - before);
                double t = step * plan.dt();
                boolean sampled = step % plan.sampleEvery() == 0;
                if (sampled) { // the monitor loads M^eps at the output time itself (step x dt to rounding)
                    outputs.record(step, particles.outputSample(plan.outputTime(step / plan.sampleEvery())),
                            particles);
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
                    return new RunResult(step, t, Optional.of(plan.dir()));
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
        outputs.writePlots();
        out.printf(Locale.ROOT, "knudsen: done. final |F - M| %s (fluid part %s); outputs in %s%n",
                normText(outputs.last("dev_norm"), outputs.last("dev_norm_se"), outputs.last("dev_norm_sq"),
                        outputs.last("dev_norm_sq_se")),
                normText(outputs.last("dev_fluid_norm"), outputs.last("dev_fluid_norm_se"),
                        outputs.last("dev_fluid_norm_sq"), outputs.last("dev_fluid_norm_sq_se")), plan.dir());
        return new RunResult(plan.steps(), plan.steps() * plan.dt(), Optional.of(plan.dir()));
    }

    /**
     * A deviation norm for the final message. A squared estimate within 2 SE of zero (possibly negative: it is
     * noise-bias-corrected) says "within the noise" with its 2-SE upper bound rather than a clipped "0.000".
     */
    static String normText(double norm, double normSe, double squared, double squaredSe) {
        if (squared < 2 * squaredSe) {
            return String.format(Locale.ROOT, "within the noise (squared %.2g +- %.2g; below %.2g at 2 SE)", squared,
                    squaredSe, Math.sqrt(Math.max(squared, 0) + 2 * squaredSe));
        }
        return String.format(Locale.ROOT, "= %.4g +- %.2g", norm, normSe);
    }

    /** Rows to disk first (the checkpoint vouches for them), then the checkpoint, then the summary. */
    private void checkpoint(String status) {
        outputs.sync();
        RunCheckpoint.write(plan, scenarioText, scenarioSha256,
                new RunCheckpoint.Position(step, outputs.snapshots(), outputs.rows()), solvers());
        Provenance process = "running".equals(status) ? options.provenance() : options.provenance().endedNow();
        outputs.writeSummary(status, scenarioSha256, step, particles.dsmc().store().size(), stats.toSummary(),
                particles.lastVarianceInflation(),
                process.toMap(), earlierProvenance);
    }

    /**
     * The particle solver and Maxwell–Stefan state held by the checkpoint in {@code dir}, as bytes (tests compare
     * the final states of an interrupted-and-resumed and an uninterrupted run byte for byte).
     */
    static byte[] solverState(Path dir) {
        Path scenarioFile = dir.resolve("scenario.toml");
        String text = TextFiles.read(scenarioFile);
        RunPlan plan = RunPlan.of(ScenarioParser.parse(text, scenarioFile.toString())).inDirectory(dir);
        try (SpatialRun run = new SpatialRun(plan, Options.defaults(false).withSignals(false), System.out, text)) {
            RunCheckpoint.read(plan, run.scenarioSha256, run.outputs.columns().width(), run.solvers(), warning -> {
                throw new IllegalStateException(warning);
            });
            return RunCheckpoint.solverBytes(run.solvers());
        }
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
            outputs.close();
        } finally {
            particles.close();
        }
    }
}
