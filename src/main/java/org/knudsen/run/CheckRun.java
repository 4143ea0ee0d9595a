package org.knudsen.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.knudsen.fluid.CompatibleInitialData;
import org.knudsen.fluid.IntegratorOptions;
import org.knudsen.fluid.LocalMaxwellian;
import org.knudsen.fluid.MaxwellStefanSolver;
import org.knudsen.fluid.TabulatedFields;
import org.knudsen.fluid.TabulatedFluidState;
import org.knudsen.io.FieldsFile;
import org.knudsen.io.InputException;
import org.knudsen.io.JsonOutput;
import org.knudsen.io.Plots;
import org.knudsen.io.ReplicaFile;
import org.knudsen.stats.Comparison;
import org.knudsen.moments.DeviationMonitor;
import org.knudsen.stats.Verdict;
import org.knudsen.stats.VerdictPower;
import org.knudsen.particles.SpatialDsmc;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioInfo;

/**
 * The cross-check of an external deterministic solver (issue 7): {@code knudsen check} and {@code knudsen merge}.
 *
 * <p><b>Reference.</b> The fields file (format: {@link FieldsFile}) read for the scenario's species and box, as a
 * {@link TabulatedFluidState} on the scenario grid (Fourier in space, cubic in time, c_{i,∞} from the scenario):
 * M^ε is built on it exactly as on the built-in Maxwell–Stefan solution in a {@link SpatialRun}.
 *
 * <p><b>Replicas.</b> Replica r (0-based) of R runs the scenario's particle problem with the initial data of a
 * spatial run (particles from the scenario's modes, drift from the reference at t = 0), single-threaded, with its own
 * seed {@link #replicaSeed}(scenario seed, r); inside, SpatialDsmc derives its per-block streams from that seed. A
 * replica's numbers depend on (scenario, fields, r) only, not on R, scheduling or the machine's core count. At every
 * output time of the scenario and for every species it records the tracked mode's cosine amplitude (particles:
 * exact positions; reference: from its cell-centre values, like the run's {@code conc_mode_*_ms}) and the
 * concentration of every cell (particles: count × weight / volume; reference: exact cell averages), and writes them
 * to {@code DIR/replicas/replica_<r>_of_<R>.csv} ({@link ReplicaFile}).
 *
 * <p><b>Combination</b> ({@link #combine}, shared by the in-process path and {@link #merge}, so both give the same
 * bytes): the replica files for r = 0..R−1 are read and, in replica-index order, every quantity becomes a
 * {@link Comparison} (replica mean of particle − reference, SE from the replica spread, Student t with R − 1 dof):
 * <ol type="a">
 * <li>the mode amplitude at every output time, per species;</li>
 * <li>every cell concentration at every output time, per species;</li>
 * <li>per species, the mode difference averaged over the output times t &gt; 0 (one number per replica).</li>
 * </ol>
 * <b>The verdict is {@link Verdict#decide} over family (c)</b>: N comparisons, each pooling the whole time series, so
 * the Bonferroni factor is small and the power high for an error that accumulates in time (a wrong diffusion
 * coefficient shifts the decay of the mode at every time in the same direction). A second verdict over all
 * per-time mode comparisons (a) is reported for information (it locates an error in time, at the price of a
 * Bonferroni factor N × times). The cell comparisons (b) are reported, not tested. check.json holds all of them.
 * Exit status: 0 when the verdict is consistent at the level, {@link #INCONSISTENT_EXIT} (3) when not,
 * {@link #UNDECIDABLE_EXIT} (4) when no comparison of the verdict has a usable SE (all excluded, see {@link Verdict}).
 *
 * <p><b>Before anything is written</b> ({@link #check}): the arguments, the scenario (a spatial particle run with an
 * output time t &gt; 0), the power of the verdict ({@link #assessPower}: too few replicas are refused), the heap for the
 * replicas running in parallel ({@link #checkMemory}) and the fields file are validated; only then is the output
 * directory created. {@link #merge} reads and validates every replica file (finite numbers, one content per replica
 * index, seeds that match their index, no two replicas with the same particle values) before writing; the plots are
 * rendered before any file is written and check.json is written last.
 */
public final class CheckRun {
    /** The output file of the combination. */
    public static final String CHECK_FILE = "check.json";
    /** Subdirectory of the check directory holding the replica files. */
    public static final String REPLICA_DIR = "replicas";
    /** Default significance level of the verdict. */
    public static final double DEFAULT_LEVEL = 0.01;
    /** The exit status for "inconsistent at the level" (the CLI's CHECK_INCONSISTENT). */
    public static final int INCONSISTENT_EXIT = 3;
    /** The exit status for "undecidable: no usable comparison" (the CLI's CHECK_UNDECIDABLE). */
    public static final int UNDECIDABLE_EXIT = 4;
    /** {@link Options#onlyReplica()} for "run all replicas, then combine". */
    public static final int ALL_REPLICAS = -1;
    /** The plots of a check, next to check.json. */
    public static final List<String> PLOT_FILES = List.of("check_z.png", "check_cells_z.png");
    /** The measured power that the log and check.json cite (docs/check.md, "Acceptance tests and measured numbers"). */
    public static final String MEASURED_POWER = "docs/check.md: on docs/check-binary.toml, R = 16 replicas x 12 800 "
            + "particles at level 0.01 (critical |t| 3.29, 1.29 per-replica SDs for 95 % power by the formula) detect "
            + "a 6 % error in Delta with 95 % power (100 seeds)";
    /** The share of the heap the particles of the replicas running in parallel may take (as for a run). */
    static final double HEAP_SHARE = 0.8;

    private CheckRun() {
    }

    /**
     * How to run a check.
     *
     * @param dir         output directory (null: the scenario's [output] dir)
     * @param replicas    R ≥ 2
     * @param onlyReplica run only this replica (0..R−1) and write its file; {@link #ALL_REPLICAS} (−1) = all, then
     *                    combine (the command line never passes −1: {@code --replica -1/R} is refused there)
     * @param level       significance level in (0, 1)
     * @param threads     replicas run in parallel on this many threads (≥ 1)
     */
    public record Options(Path dir, int replicas, int onlyReplica, double level, int threads) {
        public Options {
            String option = optionLabel(onlyReplica, replicas);
            if (replicas < 2) {
                throw new InputException(option + ": a check needs R >= 2 replicas (the standard error comes from the "
                        + "replica spread)");
            }
            if (onlyReplica < ALL_REPLICAS || onlyReplica >= replicas) {
                throw new InputException(option + ": the replica index r is 0-based and must lie in 0.." + (replicas - 1));
            }
            if (!(level > 0 && level < 1)) {
                throw new InputException("--level = " + level + ": must lie in (0, 1)");
            }
            if (threads < 1) {
                throw new InputException("--threads = " + threads + ": must be >= 1");
            }
        }

        /** The option that chose R, with its value, for messages. */
        String replicasOption() {
            return optionLabel(onlyReplica, replicas);
        }

        private static String optionLabel(int onlyReplica, int replicas) {
            return onlyReplica >= 0 ? "--replica = " + onlyReplica + "/" + replicas : "--replicas = " + replicas;
        }
    }

    /** The outcome of a combination. */
    public record Result(Verdict verdict, Verdict allTimes, VerdictPower power, Path checkFile) {
        public boolean consistent() {
            return verdict.consistent();
        }

        /** False when no comparison of the verdict had a usable SE. */
        public boolean decidable() {
            return verdict.decidable();
        }

        /** 0 consistent, {@link #INCONSISTENT_EXIT} inconsistent, {@link #UNDECIDABLE_EXIT} undecidable. */
        public int exitStatus() {
            return !decidable() ? UNDECIDABLE_EXIT : consistent() ? 0 : INCONSISTENT_EXIT;
        }
    }

    /**
     * The seed of replica r: the SplitMix64 finaliser of seed + (r + 1)·φ (φ = 0x9E3779B97F4A7C15, the golden-ratio
     * increment of SplitMix64), i.e. the (r+1)-th output of a SplitMix64 generator started at the scenario seed.
     * Distinct replicas get well-mixed, distinct seeds; the same (seed, r) always gives the same seed.
     */
    public static long replicaSeed(long seed, int r) {
        long z = seed + (r + 1L) * GOLDEN;
        z = (z ^ (z >>> 30)) * MIX1;
        z = (z ^ (z >>> 27)) * MIX2;
        return z ^ (z >>> 31);
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long MIX1 = 0xBF58476D1CE4E5B9L;
    private static final long MIX2 = 0x94D049BB133111EBL;

    /**
     * The scenario seed whose replica r has the seed {@code replicaSeed}: the inverse of {@link #replicaSeed} (the
     * SplitMix64 finaliser is a bijection of the 64-bit integers: each xor-shift and each odd multiplier is
     * invertible), so {@code scenarioSeedOf(replicaSeed(s, r), r) == s} for every s and r. merge uses it to check
     * that a replica file's seed belongs to its index, also for files that do not record the scenario seed.
     */
    public static long scenarioSeedOf(long replicaSeed, int r) {
        long z = unshift(replicaSeed, 31);
        z *= inverse(MIX2);
        z = unshift(z, 27);
        z *= inverse(MIX1);
        z = unshift(z, 30);
        return z - (r + 1L) * GOLDEN;
    }

    /** x from z = x ^ (x >>> s). */
    private static long unshift(long z, int s) {
        long x = z;
        for (long t = z >>> s; t != 0; t >>>= s) {
            x ^= t;
        }
        return x;
    }

    /** The inverse of an odd m modulo 2^64 (Newton: each step doubles the correct low bits, m·m ≡ 1 mod 8). */
    private static long inverse(long m) {
        long x = m;
        for (int i = 0; i < 5; i++) {
            x *= 2 - m * x;
        }
        return x;
    }

    /** The output times of the scenario's spatial run (step × dt at t = 0 and every sample step). */
    public static double[] outputTimes(Scenario scenario) {
        return planOf(scenario).outputTimes();
    }

    private static RunPlan planOf(Scenario scenario) {
        if (scenario.domain().isEmpty() || scenario.particles().isEmpty() || scenario.time().isEmpty()) {
            throw new InputException("scenario " + scenario.name() + ": a check needs a spatial particle run "
                    + "([domain], [particles] and [time])");
        }
        return RunPlan.of(scenario);
    }

    /**
     * Writes the built-in Maxwell–Stefan solution of the scenario at its output times as a fields file, with every
     * Δ_ij multiplied by {@code deltaScale} (1 = the true MS solution; other values emulate a wrong external solver).
     */
    public static void writeMaxwellStefanFields(Scenario scenario, Path file, double deltaScale, boolean velocities) {
        if (!(deltaScale > 0) || !Double.isFinite(deltaScale)) {
            throw new InputException("--delta-scale = " + deltaScale + ": must be finite and > 0");
        }
        RunPlan plan = planOf(scenario);
        Mixture m = plan.mixture();
        double[][] delta = TransportCoefficients.deltaMatrix(m);
        for (double[] row : delta) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= deltaScale;
            }
        }
        CompatibleInitialData data = CompatibleInitialData.build(m.concentrations(), scenario.epsilon(), plan.modes(),
                plan.fluidGrid());
        MaxwellStefanSolver solver = new MaxwellStefanSolver(delta, m.concentrations(), plan.fluidGrid(),
                plan.meanVelocity(), data.concentrations(), IntegratorOptions.defaults());
        FieldsFile.write(file, solver, scenario.speciesNames(), outputTimes(scenario), velocities);
    }

    /**
     * {@code knudsen check}: validates everything, then runs all replicas (then combines) or one
     * ({@code onlyReplica ≥ 0}, then returns empty). Nothing is written, and the output directory is not created,
     * before the arguments, the scenario, the power rule, the heap and the fields file have passed.
     *
     * @throws InputException (exit 2) for a bad fields file, scenario or argument, too few replicas for any power, or
     *                        replicas that would not fit in the heap
     */
    public static Optional<Result> check(Scenario scenario, Path fieldsFile, Options options, PrintStream out) {
        RunPlan plan = planOf(scenario);
        Path dir = options.dir() != null ? options.dir() : plan.dir();
        checkOutputDirectory(dir, options.dir() != null ? "--dir" : "output.dir");
        double[] times = outputTimes(scenario);
        if (times.length < 2) {
            throw new InputException("scenario " + scenario.name() + ": the check averages the mode difference over the "
                    + "output times t > 0, and there is none (time.end = " + times[times.length - 1] + ")");
        }
        int[] todo = options.onlyReplica() >= 0 ? new int[] {options.onlyReplica()}
                : java.util.stream.IntStream.range(0, options.replicas()).toArray();
        int threads = Math.min(options.threads(), todo.length);
        assessPower(options.replicas(), scenario.speciesNames().size(), options.level(), options.replicasOption(), out);
        checkMemory(scenario, threads, Runtime.getRuntime().maxMemory());
        TabulatedFields fields = FieldsFile.read(fieldsFile, scenario.speciesNames(), plan.grid().lengths());
        double first = fields.times()[0];
        double last = fields.times()[fields.times().length - 1];
        double end = times[times.length - 1];
        if (first > 0 || last < end * (1 - 1e-12)) {
            throw new InputException(fieldsFile + ": the fields cover t in [" + first + ", " + last + "], the check "
                    + "needs [0, " + end + "] (the scenario's time.end)");
        }
        Map<String, String> base = new LinkedHashMap<>();
        base.put("scenario", scenario.name());
        base.put("scenario_sha256", SpatialRun.sha256(scenario.toToml()));
        base.put("fields", fieldsFile.getFileName().toString());
        base.put("fields_sha256", ReplicaFile.sha256(fieldsFile));
        base.put("replicas", Integer.toString(options.replicas()));
        base.put("scenario_seed", Long.toString(scenario.seed()));
        Path replicaDir = dir.resolve(REPLICA_DIR);
        // validated: from here on the check writes
        out.printf(Locale.ROOT, "knudsen: check '%s' against %s: %d replica(s) of %d on %d thread(s), %s cells, "
                        + "%d particles per cell, %d steps, %d output times -> %s%n", scenario.name(), fieldsFile,
                todo.length, options.replicas(), threads, java.util.Arrays.toString(plan.grid().cells()),
                plan.perCell(), plan.steps(), times.length, dir);
        if (options.onlyReplica() < 0) {
            removeStaleOutputs(dir); // a check.json next to replica files it was not combined from would mislead
        }
        runReplicas(plan, fields, base, todo, replicaDir, threads, out);
        if (options.onlyReplica() >= 0) {
            return Optional.empty();
        }
        List<Path> files = new ArrayList<>();
        for (int r = 0; r < options.replicas(); r++) {
            files.add(replicaDir.resolve(ReplicaFile.fileName(r, options.replicas())));
        }
        return Optional.of(combine(files, List.of(replicaDir), dir, options.replicas(), options.level(), null, out));
    }

    /**
     * The power rule of a check (docs/check.md, "Power"): logs the power of the verdict over {@code tests}
     * comparisons from R replicas at the level ({@link VerdictPower}), warns when its few-replicas factor exceeds
     * {@value VerdictPower#WARN_FACTOR}, and refuses (exit 2, naming {@code option}) when it exceeds
     * {@value VerdictPower#REFUSE_FACTOR}: such a check has no useful power.
     */
    public static VerdictPower assessPower(int replicas, int tests, double level, String option, PrintStream out) {
        VerdictPower p = VerdictPower.of(replicas, tests, level);
        if (p.refused()) {
            int minimum = VerdictPower.minimumReplicas(tests, level, VerdictPower.REFUSE_FACTOR);
            int recommended = VerdictPower.minimumReplicas(tests, level, VerdictPower.WARN_FACTOR);
            throw new InputException(String.format(Locale.ROOT, "%s: too few replicas for a check with any power: %s "
                            + "(rule: refused above %s). Use R >= %d replicas (R >= %d for a factor below %s; %s)", option,
                    p.describe(), VerdictPower.REFUSE_FACTOR, minimum, recommended, VerdictPower.WARN_FACTOR,
                    MEASURED_POWER));
        }
        synchronized (out) {
            out.println("knudsen: power of the verdict: " + p.describe() + " (" + MEASURED_POWER + ")");
            if (p.low()) {
                out.printf(Locale.ROOT, "knudsen: warning: %s: low power (factor %.3g > %s); R >= %d recommended%n",
                        option, p.fewReplicasFactor(), VerdictPower.WARN_FACTOR,
                        VerdictPower.minimumReplicas(tests, level, VerdictPower.WARN_FACTOR));
            }
            out.flush();
        }
        return p;
    }

    /**
     * Refuses (exit 2, naming {@code particles.per_cell} and the numbers) a check whose replicas running in parallel
     * ({@code threads} of them, each single-threaded with one run's particles, {@link RunMemory#of})
     * would take more than {@value #HEAP_SHARE} of the heap.
     */
    static void checkMemory(Scenario scenario, int threads, long heap) {
        long perReplica = RunMemory.of(scenario);
        double needed = (double) perReplica * threads;
        if (needed > HEAP_SHARE * heap) {
            long fit = (long) Math.floor(HEAP_SHARE * heap / perReplica);
            throw new InputException(String.format(Locale.ROOT, "particles.per_cell = %d: %d replica(s) running in "
                            + "parallel need about %.0f MiB of particles (%d x %.0f MiB), more than %.0f%% of the Java "
                            + "heap (%.0f MiB); %s", scenario.particles().orElseThrow().perCell(), threads,
                    needed / 1048576.0, threads, perReplica / 1048576.0, 100 * HEAP_SHARE, heap / 1048576.0,
                    fit >= 1 ? "use --threads " + fit + " (or fewer), fewer particles per cell, or a larger heap "
                            + "(KNUDSEN_JAVA_OPTS=-Xmx...)"
                            : "even one replica does not fit: use fewer particles per cell or a larger heap "
                            + "(KNUDSEN_JAVA_OPTS=-Xmx...)"));
        }
    }

    /** The directory, or its nearest existing ancestor, must be a directory (else it could never be created). */
    static void checkOutputDirectory(Path dir, String option) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new InputException(option + " = " + dir + ": " + (p.equals(dir.toAbsolutePath()) ? "exists and "
                            + "is not a directory" : p + " is not a directory, so the directory cannot be created"));
                }
                return;
            }
        }
    }

    /** Removes the combined outputs (check.json and plots) of an earlier check in {@code dir}. */
    private static void removeStaleOutputs(Path dir) {
        List<String> names = new ArrayList<>(PLOT_FILES);
        names.add(CHECK_FILE);
        for (String name : names) {
            try {
                Files.deleteIfExists(dir.resolve(name));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(dir.resolve(name) + ": cannot remove the earlier check's file", e);
            }
        }
    }

    private static void runReplicas(RunPlan plan, TabulatedFields fields, Map<String, String> base, int[] todo,
                                    Path replicaDir, int threads, PrintStream out) {
        if (threads <= 1) {
            for (int r : todo) {
                runReplica(plan, fields, base, r, replicaDir, out);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "knudsen-replica");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int r : todo) {
                futures.add(pool.submit(() -> runReplica(plan, fields, base, r, replicaDir, out)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("check interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("a replica failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs replica r single-threaded and writes its replica file. */
    static void runReplica(RunPlan plan, TabulatedFields fields, Map<String, String> base, int r,
                           Path replicaDir, PrintStream out) {
        long t0 = System.nanoTime();
        Mixture m = plan.mixture();
        int n = m.size();
        TabulatedFluidState reference = new TabulatedFluidState(fields, plan.fluidGrid(), m.concentrations(),
                TabulatedFluidState.SpaceInterpolation.FOURIER, TabulatedFluidState.TimeInterpolation.CUBIC);
        long seed = replicaSeed(plan.scenario().seed(), r);
        double[] times = plan.outputTimes();
        int cells = plan.grid().cellCount();
        double[][][] particle = new double[times.length][n][cells + 1];
        double[][][] ref = new double[times.length][n][cells + 1];
        int particles;
        try (ParticleRun run = new ParticleRun(plan.withThreads(1), reference, seed)) {
            run.initialise();
            particles = run.dsmc().store().size();
            for (int k = 0; k < times.length; k++) {
                while (run.steps() < plan.sampleStep(k)) {
                    run.step();
                }
                DeviationMonitor.Sample s = run.sample(times[k]); // leaves the cell averages loaded
                double[][] cellFields = run.lastCellFields();
                for (int i = 0; i < n; i++) {
                    particle[k][i][0] = s.modeParticles()[i];
                    ref[k][i][0] = s.modeFluid()[i];
                    for (int c = 0; c < cells; c++) {
                        particle[k][i][1 + c] = cellFields[i][c];
                        ref[k][i][1 + c] = run.maxwellian().concentration(i, c);
                    }
                }
            }
        }
        Map<String, String> header = new LinkedHashMap<>(base);
        header.put("replica", Integer.toString(r));
        header.put("seed", Long.toString(seed));
        header.put("species", String.join(",", plan.scenario().speciesNames()));
        int[] mode = plan.trackedMode();
        header.put("mode", mode[0] + "," + mode[1] + "," + mode[2]);
        header.put("particles", Integer.toString(particles));
        header.put("cells", Integer.toString(cells));
        header.put("steps", Long.toString(plan.steps()));
        header.put("dt", Double.toString(plan.dt()));
        header.put("epsilon", Double.toString(plan.scenario().epsilon()));
        header.put("times", ReplicaFile.joinExact(times));
        ReplicaFile.Data data = new ReplicaFile.Data(header, particle, ref);
        int replicas = Integer.parseInt(base.get("replicas"));
        ReplicaFile.write(replicaDir.resolve(ReplicaFile.fileName(r, replicas)), data);
        synchronized (out) {
            out.printf(Locale.ROOT, "knudsen: replica %d of %d done (seed %d, %d particles, %.1f s)%n", r, replicas,
                    seed, particles, (System.nanoTime() - t0) / 1e9);
            out.flush();
        }
    }

    /**
     * Re-references existing replicas to another fields file: copies the replica files of R replicas found in
     * {@code replicaDirs} into {@code out/replicas/} with the particle values kept and the reference values (mode
     * amplitude from the cell-centre values, exact cell averages: the same formulas as {@link DeviationMonitor})
     * recomputed from {@code fieldsFile}. The particles were started with the drift of the original reference at
     * t = 0, so this equals a fresh check only up to that initial drift (a momentum layer of duration O(ε²) that
     * moves the concentrations by O(ε² × separation)); used by the power scan, where it saves one particle run per
     * trial reference. Then {@link #merge} the output directory.
     */
    public static void rereference(Scenario scenario, Path fieldsFile, List<Path> replicaDirs, int replicas, Path out) {
        RunPlan plan = planOf(scenario);
        Mixture m = plan.mixture();
        int n = m.size();
        double[] masses = m.masses();
        TabulatedFields fields = FieldsFile.read(fieldsFile, scenario.speciesNames(), plan.grid().lengths());
        String sha = ReplicaFile.sha256(fieldsFile);
        double[] cosines = org.knudsen.moments.ModeAmplitudes.cellCosines(plan.grid(),
                org.knudsen.fluid.FourierMode.angularWavevector(plan.trackedMode(), plan.grid().lengths()));
        int cells = plan.grid().cellCount();
        double[] field = new double[cells];
        for (Path d : replicaDirs) {
            for (Path f : replicaFiles(d)) {
                if (replicasOf(f) != replicas) {
                    continue;
                }
                ReplicaFile.Data data = ReplicaFile.read(f);
                TabulatedFluidState reference = new TabulatedFluidState(fields, plan.fluidGrid(), m.concentrations(),
                        TabulatedFluidState.SpaceInterpolation.FOURIER, TabulatedFluidState.TimeInterpolation.CUBIC);
                LocalMaxwellian maxwellian = new LocalMaxwellian(reference, masses, scenario.epsilon());
                double[] times = data.times();
                double[][][] ref = new double[times.length][n][cells + 1];
                for (int k = 0; k < times.length; k++) {
                    maxwellian.update(times[k]);
                    for (int i = 0; i < n; i++) {
                        for (int c = 0; c < cells; c++) {
                            field[c] = maxwellian.concentration(i, c);
                        }
                        ref[k][i][0] = org.knudsen.moments.ModeAmplitudes.gridAmplitude(field, cosines);
                    }
                    maxwellian.updateCellAverages(times[k]);
                    for (int i = 0; i < n; i++) {
                        for (int c = 0; c < cells; c++) {
                            ref[k][i][1 + c] = maxwellian.concentration(i, c);
                        }
                    }
                }
                Map<String, String> header = new LinkedHashMap<>(data.header());
                header.putIfAbsent("scenario_seed", Long.toString(scenario.seed())); // files of older versions
                header.put("fields", fieldsFile.getFileName().toString());
                header.put("fields_sha256", sha);
                ReplicaFile.write(out.resolve(REPLICA_DIR).resolve(f.getFileName().toString()),
                        new ReplicaFile.Data(header, data.particle(), ref));
            }
        }
    }

    /**
     * {@code knudsen merge}: combines the replica files found in the given directories (each directory, or its
     * {@code replicas/} subdirectory) into {@code out/check.json}. The power rule ({@link #assessPower}) applies as
     * for {@code check --replicas R}.
     *
     * @throws InputException (exit 2) if none is found, R differs between files, a replica is missing, found twice
     *                        with different contents, does not match its seed or duplicates another's data
     */
    public static Result merge(List<Path> dirs, Path out, double level, PrintStream log) {
        if (!(level > 0 && level < 1)) {
            throw new InputException("--level = " + level + ": must lie in (0, 1)");
        }
        Integer replicas = null;
        Path firstFile = null;
        List<Path> files = new ArrayList<>();
        for (Path d : dirs) {
            for (Path f : replicaFiles(d)) {
                int r = replicasOf(f);
                if (replicas == null) {
                    replicas = r;
                    firstFile = f;
                } else if (replicas != r) {
                    throw new InputException(f + ": a replica of R = " + r + ", but " + firstFile + " is of R = "
                            + replicas + "; merge replicas of one check only");
                }
                files.add(f);
            }
        }
        if (replicas == null) {
            throw new InputException("merge: no replica files (replica_<r>_of_<R>.csv) in " + dirs
                    + " or their " + REPLICA_DIR + "/ subdirectories");
        }
        checkOutputDirectory(out, "--out");
        return combine(files, dirs, out, replicas, level, "R = " + replicas + " (merge)", log);
    }

    private static final java.util.regex.Pattern REPLICA_NAME = java.util.regex.Pattern.compile(
            "replica_(\\d{1,9})_of_(\\d{1,9})\\.csv");

    private static List<Path> replicaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir + ": no such directory");
        }
        List<Path> found = new ArrayList<>();
        for (Path d : List.of(dir, dir.resolve(REPLICA_DIR))) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> REPLICA_NAME.matcher(p.getFileName().toString()).matches()).sorted()
                        .forEach(found::add);
            } catch (IOException e) {
                throw new InputException(d + ": cannot list (" + e.getMessage() + ")");
            }
        }
        return found;
    }

    private static int replicasOf(Path f) {
        java.util.regex.Matcher m = REPLICA_NAME.matcher(f.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(f + ": not a replica file name");
        }
        return Integer.parseInt(m.group(2));
    }

    /** Same header and the very same numbers (bit for bit). */
    private static boolean sameContents(ReplicaFile.Data a, ReplicaFile.Data b) {
        return a.header().equals(b.header()) && java.util.Arrays.deepEquals(a.particle(), b.particle())
                && java.util.Arrays.deepEquals(a.reference(), b.reference());
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads and validates the replica files of replicas 0..R−1, then writes {@code out/check.json} and the plots.
     * Validation (exit 2, before anything is written):
     * <ul>
     * <li>every file: header and name agree on (r, R); every number finite ({@link ReplicaFile#read});</li>
     * <li>one content per replica index: the same file reached twice (e.g. {@code merge d d/replicas}) or a
     * byte-for-byte identical copy of it (a replica re-run with its seed gives the same numbers) counts once; two
     * files of the same index with different contents are refused (they cannot both be replica r);</li>
     * <li>none missing; all from the same scenario, fields file, grid, times and R;</li>
     * <li>the seed of each file is replicaSeed(scenario seed, r), with the same scenario seed for all (checked through
     * {@link #scenarioSeedOf}, so also for files without {@code scenario_seed}): a file renamed or re-indexed from
     * another replica is refused;</li>
     * <li>no two replicas have identical particle values (independent replicas never agree to the last bit: one is
     * a copy of the other with an edited header).</li>
     * </ul>
     *
     * @param powerOption when not null, the power rule is applied (and logged) under this name (merge); the
     *                    in-process check applied it before running
     */
    static Result combine(List<Path> files, List<Path> where, Path out, int replicas, double level, String powerOption,
                          PrintStream log) {
        TreeMap<Integer, ReplicaFile.Data> byIndex = new TreeMap<>();
        Map<Integer, Path> source = new TreeMap<>();
        for (Path f : files) {
            if (replicasOf(f) != replicas) {
                continue;
            }
            ReplicaFile.Data data = ReplicaFile.read(f);
            int r = data.replica();
            if (data.replicas() != replicas || !f.getFileName().toString().equals(ReplicaFile.fileName(r, replicas))) {
                throw new InputException(f + ": its header says replica " + r + " of " + data.replicas()
                        + ", its name says otherwise; the file was renamed or damaged");
            }
            Path seen = source.get(r);
            if (seen == null) {
                byIndex.put(r, data);
                source.put(r, f);
            } else if (sameFile(seen, f)) {
                continue;
            } else if (sameContents(byIndex.get(r), data)) {
                log.println("knudsen: note: replica " + r + " of " + replicas + " found twice with identical contents ("
                        + seen + ", " + f + "): counted once");
            } else {
                throw new InputException("replica " + r + " of " + replicas + " found twice with different contents: "
                        + seen + " and " + f + "; one replica index must come from one run (remove the wrong copy)");
            }
        }
        for (int r = 0; r < replicas; r++) {
            if (!byIndex.containsKey(r)) {
                throw new InputException("replica " + r + " of " + replicas + " is missing: no "
                        + ReplicaFile.fileName(r, replicas) + " in " + where + " (run it with --replica " + r + "/"
                        + replicas + ")");
            }
        }
        ReplicaFile.Data first = byIndex.get(0);
        for (int r = 1; r < replicas; r++) {
            ReplicaFile.Data d = byIndex.get(r);
            for (String key : List.of("scenario_sha256", "fields_sha256", "replicas", "species", "mode", "cells",
                    "steps", "dt", "epsilon", "times")) {
                if (!d.header().get(key).equals(first.header().get(key))) {
                    throw new InputException(source.get(r) + ": " + key + " = " + d.header().get(key) + ", but "
                            + source.get(0) + " has " + first.header().get(key)
                            + "; all replicas must come from the same scenario, fields file and R");
                }
            }
        }
        checkSeeds(byIndex, source);
        checkDistinctData(byIndex, source);
        List<String> species = first.species();
        double[] times = first.times();
        if (times.length < 2 || times[times.length - 1] <= 0) {
            throw new InputException(source.get(0) + ": the replicas have no output time t > 0 to average over");
        }
        if (powerOption != null) {
            assessPower(replicas, species.size(), level, powerOption, log);
        }
        int cells = first.cells();
        int n = species.size();
        String modeName = "mode " + first.header().get("mode");
        List<Comparison> modes = new ArrayList<>();
        List<Comparison> cellComparisons = new ArrayList<>();
        List<Comparison> averages = new ArrayList<>();
        double[] x = new double[replicas];
        double[][] zMode = new double[n][times.length];
        double[][] maxCellZ = new double[n][times.length];
        for (double[] row : maxCellZ) {
            java.util.Arrays.fill(row, Double.NaN); // stays NaN (not drawn) at a time without a usable cell comparison
        }
        for (int i = 0; i < n; i++) {
            double[] average = new double[replicas];
            int counted = 0;
            for (int k = 0; k < times.length; k++) {
                for (int q = 0; q <= cells; q++) {
                    for (int r = 0; r < replicas; r++) {
                        ReplicaFile.Data d = byIndex.get(r);
                        x[r] = d.particle()[k][i][q] - d.reference()[k][i][q];
                    }
                    if (q == 0) {
                        Comparison c = Comparison.of(times[k], species.get(i), modeName, -1, x);
                        modes.add(c);
                        zMode[i][k] = c.z(); // NaN unless usable
                        if (times[k] > 0) {
                            for (int r = 0; r < replicas; r++) {
                                average[r] += x[r];
                            }
                            counted++;
                        }
                    } else {
                        Comparison c = Comparison.of(times[k], species.get(i), "cell", q - 1, x);
                        cellComparisons.add(c);
                        if (c.usable()) {
                            double a = Math.abs(c.z());
                            maxCellZ[i][k] = Double.isNaN(maxCellZ[i][k]) ? a : Math.max(maxCellZ[i][k], a);
                        }
                    }
                }
            }
            for (int r = 0; r < replicas; r++) {
                average[r] /= counted;
            }
            averages.add(Comparison.of(times[times.length - 1], species.get(i), modeName + " mean over t > 0", -1,
                    average));
        }
        Verdict verdict = Verdict.decide(averages, level);
        List<Comparison> positiveTimes = modes.stream().filter(c -> c.time() > 0).toList();
        Verdict allTimes = Verdict.decide(positiveTimes, level);
        VerdictPower power = verdict.decidable() ? VerdictPower.of(replicas, verdict.tests(), level) : null;
        VerdictPower allTimesPower = allTimes.decidable() ? VerdictPower.of(replicas, allTimes.tests(), level) : null;

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", first.header().get("scenario"));
        json.put("scenario_sha256", first.header().get("scenario_sha256"));
        json.put("fields", first.header().get("fields"));
        json.put("fields_sha256", first.header().get("fields_sha256"));
        json.put("outcome", verdict.outcome());
        json.put("consistent", verdict.decidable() ? verdict.consistent() : null);
        json.put("level", level);
        Map<String, Object> sizes = new LinkedHashMap<>();
        long total = 0;
        List<Long> perReplica = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        for (ReplicaFile.Data d : byIndex.values()) {
            long p = Long.parseLong(d.header().get("particles"));
            perReplica.add(p);
            total += p;
            seeds.add(d.seed());
        }
        sizes.put("replicas", replicas);
        sizes.put("particles_per_replica", perReplica);
        sizes.put("particles_total", total);
        sizes.put("cells", cells);
        sizes.put("steps", Long.parseLong(first.header().get("steps")));
        sizes.put("dt", Double.parseDouble(first.header().get("dt")));
        sizes.put("epsilon", Double.parseDouble(first.header().get("epsilon")));
        sizes.put("output_times", times.length);
        sizes.put("scenario_seed", scenarioSeedOf(first.seed(), 0));
        sizes.put("replica_seeds", seeds);
        json.put("run", sizes);
        json.put("verdict", verdictMap(verdict, power, "per species: the tracked mode's particle-minus-reference "
                + "amplitude averaged over the output times t > 0 (family c)"));
        json.put("verdict_all_times", verdictMap(allTimes, allTimesPower, "for information: the tracked mode's "
                + "amplitude difference at every output time t > 0, per species (family a)"));
        Map<String, Object> comparisons = new LinkedHashMap<>();
        comparisons.put("mode_time_average", averages);
        comparisons.put("mode", modes);
        comparisons.put("cell", cellComparisons);
        json.put("comparisons", comparisons);
        String text = JsonOutput.toJson(json);
        // render every plot before writing anything, write check.json last: a failure leaves no half-written check
        Map<String, byte[]> plots = renderPlots(out, species, times, zMode, maxCellZ, allTimes.criticalZ(), modeName);
        Path checkFile = out.resolve(CHECK_FILE);
        for (String name : PLOT_FILES) {
            Path png = out.resolve(name);
            byte[] bytes = plots.get(name);
            try {
                if (bytes == null) {
                    Files.deleteIfExists(png); // an earlier check's plot must not pass for this one's
                    log.println("knudsen: " + name + " not written: no comparison with a usable standard error to plot");
                } else {
                    org.knudsen.io.AtomicFiles.write(png, o -> o.write(bytes));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(png + ": cannot write", e);
            }
        }
        JsonOutput.writeText(checkFile, text);
        if (verdict.decidable()) {
            log.printf(Locale.ROOT, "knudsen: %s at level %s: max |z| = %.3f (%s, %s), Bonferroni p = %.3g over %d "
                            + "time-averaged mode comparisons (%d excluded for a zero or non-finite SE); all-times mode "
                            + "check (information): %s; %s written%n",
                    verdict.consistent() ? "CONSISTENT" : "INCONSISTENT", level, verdict.maxAbsZ(),
                    verdict.worst().species(), verdict.worst().quantity(), verdict.pValue(), verdict.tests(),
                    verdict.excluded(), describeInformation(allTimes), checkFile);
        } else {
            log.printf(Locale.ROOT, "knudsen: UNDECIDABLE at level %s: none of the %d time-averaged mode comparisons has "
                            + "a usable standard error (%d excluded: %s), so the check cannot say consistent or "
                            + "inconsistent (exit %d); all-times mode check (information): %s; %s written%n", level,
                    verdict.excluded(), verdict.excluded(), statusCounts(averages), UNDECIDABLE_EXIT,
                    describeInformation(allTimes), checkFile);
        }
        log.flush();
        return new Result(verdict, allTimes, power, checkFile);
    }

    private static String describeInformation(Verdict v) {
        if (!v.decidable()) {
            return "undecidable (" + v.excluded() + " excluded)";
        }
        return String.format(Locale.ROOT, "max |z| = %.3f, p = %.3g over %d (%d excluded)", v.maxAbsZ(), v.pValue(),
                v.tests(), v.excluded());
    }

    /** E.g. "2 zero_se, 0 non_finite": why comparisons were excluded. */
    private static String statusCounts(List<Comparison> cs) {
        long zero = cs.stream().filter(c -> Comparison.ZERO_SE.equals(c.status())).count();
        long nonFinite = cs.stream().filter(c -> Comparison.NON_FINITE.equals(c.status())).count();
        return zero + " " + Comparison.ZERO_SE + " (identical replica values), " + nonFinite + " "
                + Comparison.NON_FINITE;
    }

    /**
     * Each file's seed must be replicaSeed(S, r) for its index r and one scenario seed S shared by all (and S must be
     * the file's {@code scenario_seed} when it records one).
     */
    private static void checkSeeds(TreeMap<Integer, ReplicaFile.Data> byIndex, Map<Integer, Path> source) {
        Long common = null;
        int commonFrom = -1;
        for (Map.Entry<Integer, ReplicaFile.Data> e : byIndex.entrySet()) {
            int r = e.getKey();
            ReplicaFile.Data d = e.getValue();
            long s0 = scenarioSeedOf(d.seed(), r);
            java.util.OptionalLong recorded = d.scenarioSeed();
            if (recorded.isPresent() && recorded.getAsLong() != s0) {
                throw new InputException(source.get(r) + ": seed = " + d.seed() + " is not the seed of replica " + r
                        + " of scenario seed " + recorded.getAsLong() + " (that is " + replicaSeed(recorded.getAsLong(), r)
                        + "): its data do not belong to replica " + r + " (a file copied or renamed from another "
                        + "replica?)");
            }
            if (common == null) {
                common = s0;
                commonFrom = r;
            } else if (common != s0) {
                throw new InputException(source.get(r) + ": seed = " + d.seed() + " does not belong to replica " + r
                        + " of the scenario seed of " + source.get(commonFrom) + " (" + common
                        + "): the file was copied or renamed from another replica, or comes from another scenario seed");
            }
        }
    }

    /** No two replicas may have bit-identical particle values. */
    private static void checkDistinctData(TreeMap<Integer, ReplicaFile.Data> byIndex, Map<Integer, Path> source) {
        List<Integer> order = new ArrayList<>(byIndex.keySet());
        Map<Integer, List<Integer>> buckets = new java.util.HashMap<>();
        for (int r : order) {
            int h = java.util.Arrays.deepHashCode(byIndex.get(r).particle());
            for (int other : buckets.getOrDefault(h, List.of())) {
                if (java.util.Arrays.deepEquals(byIndex.get(other).particle(), byIndex.get(r).particle())) {
                    throw new InputException(source.get(r) + ": replica " + r + " has exactly the particle values of "
                            + "replica " + other + " (" + source.get(other) + "): independent replicas never agree to "
                            + "the last bit, so one is a copy of the other (with an edited header); remove it and run "
                            + "replica " + r + " (--replica " + r + "/" + byIndex.size() + ")");
                }
            }
            buckets.computeIfAbsent(h, k -> new ArrayList<>()).add(r);
        }
    }

    private static Map<String, Object> verdictMap(Verdict v, VerdictPower power, String family) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", family);
        m.put("method", v.method());
        m.put("outcome", v.outcome());
        m.put("consistent", v.decidable() ? v.consistent() : null);
        m.put("p_value", v.pValue());
        m.put("level", v.level());
        m.put("tests", v.tests());
        m.put("excluded", v.excluded());
        m.put("replicas", v.replicas());
        m.put("max_abs_z", v.maxAbsZ());
        m.put("critical_z", v.criticalZ());
        m.put("worst", v.worst());
        m.put("power", power == null ? null : power.toMap(MEASURED_POWER));
        return m;
    }

    /**
     * The PNG bytes of check_z.png and check_cells_z.png (a name maps to null when it has no point to draw: every
     * comparison excluded). Points with a NaN z (excluded comparisons) are skipped by {@link Plots}; a series
     * without any drawable point is left out of its plot.
     */
    private static Map<String, byte[]> renderPlots(Path out, List<String> species, double[] times, double[][] zMode,
                                                   double[][] maxCellZ, double critical, String modeName) {
        Map<String, byte[]> plots = new LinkedHashMap<>();
        List<Plots.Series> series = new ArrayList<>();
        for (int i = 0; i < species.size(); i++) {
            Plots.Series s = Plots.Series.points("z " + modeName + " " + species.get(i), times, zMode[i], null);
            if (Plots.hasDrawablePoint(s, Plots.Options.DEFAULT)) {
                series.add(s);
            }
        }
        if (!series.isEmpty() && Double.isFinite(critical)) {
            series.add(Plots.Series.line("+critical (all-times family)", new double[] {times[0], times[times.length - 1]},
                    new double[] {critical, critical}));
            series.add(Plots.Series.line("-critical", new double[] {times[0], times[times.length - 1]},
                    new double[] {-critical, -critical}));
        }
        plots.put(PLOT_FILES.get(0), series.isEmpty() ? null : Plots.render(out.resolve(PLOT_FILES.get(0)),
                "Particles minus reference: z of the " + modeName + " amplitude", "t", "z = difference / SE (R-1 dof)",
                series, Plots.Options.DEFAULT));
        List<Plots.Series> cellSeries = new ArrayList<>();
        for (int i = 0; i < species.size(); i++) {
            Plots.Series s = Plots.Series.points("max over cells |z| " + species.get(i), times, maxCellZ[i], null);
            if (Plots.hasDrawablePoint(s, Plots.Options.DEFAULT)) {
                cellSeries.add(s);
            }
        }
        plots.put(PLOT_FILES.get(1), cellSeries.isEmpty() ? null : Plots.render(out.resolve(PLOT_FILES.get(1)),
                "Cell concentrations: largest |z| over the cells", "t", "max |z|", cellSeries, Plots.Options.DEFAULT));
        return plots;
    }
}
