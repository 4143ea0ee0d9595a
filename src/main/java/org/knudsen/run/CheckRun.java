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
import org.knudsen.moments.Comparison;
import org.knudsen.moments.DeviationMonitor;
import org.knudsen.moments.Verdict;
import org.knudsen.particles.SpatialDsmc;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.TransportCoefficients;

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
 * Exit status: 0 when the verdict is consistent at the level, {@link #INCONSISTENT_EXIT} (3) when not.
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

    private CheckRun() {
    }

    /**
     * How to run a check.
     *
     * @param dir         output directory (null: the scenario's [output] dir)
     * @param replicas    R ≥ 2
     * @param onlyReplica run only this replica (0..R−1) and write its file; −1 = all, then combine
     * @param level       significance level in (0, 1)
     * @param threads     replicas run in parallel on this many threads (≥ 1)
     */
    public record Options(Path dir, int replicas, int onlyReplica, double level, int threads) {
        public Options {
            if (replicas < 2) {
                throw new InputException("--replicas = " + replicas + ": a check needs at least 2 replicas (the "
                        + "standard error comes from the replica spread)");
            }
            if (onlyReplica < -1 || onlyReplica >= replicas) {
                throw new InputException("--replica = " + onlyReplica + "/" + replicas + ": the replica index must lie"
                        + " in 0.." + (replicas - 1));
            }
            if (!(level > 0 && level < 1)) {
                throw new InputException("--level = " + level + ": must lie in (0, 1)");
            }
            if (threads < 1) {
                throw new InputException("threads = " + threads + ": must be >= 1");
            }
        }
    }

    /** The outcome of a combination. */
    public record Result(Verdict verdict, Verdict allTimes, Path checkFile) {
        public boolean consistent() {
            return verdict.consistent();
        }
    }

    /**
     * The seed of replica r: the SplitMix64 finaliser of seed + (r + 1)·φ (φ = 0x9E3779B97F4A7C15, the golden-ratio
     * increment of SplitMix64), i.e. the (r+1)-th output of a SplitMix64 generator started at the scenario seed.
     * Distinct replicas get well-mixed, distinct seeds; the same (seed, r) always gives the same seed.
     */
    public static long replicaSeed(long seed, int r) {
        long z = seed + (r + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The output times of a plan: t = 0 and every sample step (as in a spatial run). */
    static long[] sampleSteps(SpatialRun.Plan plan) {
        List<Long> steps = new ArrayList<>();
        steps.add(0L);
        for (long s = 1; s <= plan.steps(); s++) {
            if (s % plan.sampleEvery() == 0 || s == plan.steps()) {
                steps.add(s);
            }
        }
        return steps.stream().mapToLong(Long::longValue).toArray();
    }

    /** The output times of the scenario's spatial run (step × dt at t = 0 and every sample step). */
    public static double[] outputTimes(Scenario scenario) {
        SpatialRun.Plan plan = planOf(scenario);
        long[] s = sampleSteps(plan);
        double[] t = new double[s.length];
        for (int k = 0; k < s.length; k++) {
            t[k] = s[k] * plan.dt();
        }
        return t;
    }

    private static SpatialRun.Plan planOf(Scenario scenario) {
        if (scenario.domain().isEmpty() || scenario.particles().isEmpty() || scenario.time().isEmpty()) {
            throw new InputException("scenario " + scenario.name() + ": a check needs a spatial particle run "
                    + "([domain], [particles] and [time])");
        }
        return SpatialRun.Plan.of(scenario);
    }

    /**
     * Writes the built-in Maxwell–Stefan solution of the scenario at its output times as a fields file, with every
     * Δ_ij multiplied by {@code deltaScale} (1 = the true MS solution; other values emulate a wrong external solver).
     */
    public static void writeMaxwellStefanFields(Scenario scenario, Path file, double deltaScale, boolean velocities) {
        if (!(deltaScale > 0) || !Double.isFinite(deltaScale)) {
            throw new InputException("--delta-scale = " + deltaScale + ": must be finite and > 0");
        }
        SpatialRun.Plan plan = planOf(scenario);
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
     * {@code knudsen check}: runs all replicas (then combines) or one ({@code onlyReplica ≥ 0}, then returns empty).
     *
     * @throws InputException (exit 2) for a bad fields file or scenario
     */
    public static Optional<Result> check(Scenario scenario, Path fieldsFile, Options options, PrintStream out) {
        SpatialRun.Plan plan = planOf(scenario);
        Path dir = options.dir() != null ? options.dir() : plan.dir();
        TabulatedFields fields = FieldsFile.read(fieldsFile, scenario.speciesNames(), plan.grid().lengths());
        double[] times = outputTimes(scenario);
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
        Path replicaDir = dir.resolve(REPLICA_DIR);
        int[] todo = options.onlyReplica() >= 0 ? new int[] {options.onlyReplica()}
                : java.util.stream.IntStream.range(0, options.replicas()).toArray();
        out.printf(Locale.ROOT, "knudsen: check '%s' against %s: %d replica(s) of %d on %d thread(s), %s cells, "
                        + "%d particles per cell, %d steps, %d output times -> %s%n", scenario.name(), fieldsFile,
                todo.length, options.replicas(), Math.min(options.threads(), todo.length),
                java.util.Arrays.toString(plan.grid().cells()), plan.perCell(), plan.steps(), times.length, dir);
        runReplicas(plan, fields, base, todo, replicaDir, Math.min(options.threads(), todo.length), out);
        if (options.onlyReplica() >= 0) {
            return Optional.empty();
        }
        return Optional.of(combine(List.of(dir), dir, options.replicas(), options.level(), out));
    }

    private static void runReplicas(SpatialRun.Plan plan, TabulatedFields fields, Map<String, String> base, int[] todo,
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
    static void runReplica(SpatialRun.Plan plan, TabulatedFields fields, Map<String, String> base, int r,
                           Path replicaDir, PrintStream out) {
        long t0 = System.nanoTime();
        Mixture m = plan.mixture();
        int n = m.size();
        double eps = plan.scenario().epsilon();
        double[] masses = new double[n];
        for (int i = 0; i < n; i++) {
            masses[i] = m.mass(i);
        }
        TabulatedFluidState reference = new TabulatedFluidState(fields, plan.fluidGrid(), m.concentrations(),
                TabulatedFluidState.SpaceInterpolation.FOURIER, TabulatedFluidState.TimeInterpolation.CUBIC);
        LocalMaxwellian maxwellian = new LocalMaxwellian(reference, masses, eps);
        double weight = m.totalConcentration() * plan.grid().cellVolume() / plan.perCell();
        double[] weights = new double[n];
        java.util.Arrays.fill(weights, weight); // equal weights, as in a spatial run
        long seed = replicaSeed(plan.scenario().seed(), r);
        long[] sampleSteps = sampleSteps(plan);
        int cells = plan.grid().cellCount();
        double[][][] particle = new double[sampleSteps.length][n][cells + 1];
        double[][][] ref = new double[sampleSteps.length][n][cells + 1];
        double[] times = new double[sampleSteps.length];
        int particles;
        try (SpatialDsmc dsmc = new SpatialDsmc(m, plan.grid(), eps, weights, 1, seed)) {
            DeviationMonitor monitor = new DeviationMonitor(m, plan.grid(), plan.fluidGrid(), plan.trackedMode());
            maxwellian.update(0);
            dsmc.initialise(SpatialRun.initialProfile(plan, maxwellian));
            particles = dsmc.store().size();
            long step = 0;
            for (int k = 0; k < sampleSteps.length; k++) {
                while (step < sampleSteps[k]) {
                    dsmc.step(plan.dt());
                    step++;
                }
                double t = step * plan.dt();
                times[k] = t;
                DeviationMonitor.Sample s = monitor.sample(t, dsmc, maxwellian); // leaves the cell averages loaded
                double[][] cellFields = monitor.lastCellFields(weights);
                for (int i = 0; i < n; i++) {
                    particle[k][i][0] = s.modeParticles()[i];
                    ref[k][i][0] = s.modeFluid()[i];
                    for (int c = 0; c < cells; c++) {
                        particle[k][i][1 + c] = cellFields[i][c];
                        ref[k][i][1 + c] = maxwellian.concentration(i, c);
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
        header.put("epsilon", Double.toString(eps));
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
        SpatialRun.Plan plan = planOf(scenario);
        Mixture m = plan.mixture();
        int n = m.size();
        double[] masses = new double[n];
        for (int i = 0; i < n; i++) {
            masses[i] = m.mass(i);
        }
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
                header.put("fields", fieldsFile.getFileName().toString());
                header.put("fields_sha256", sha);
                ReplicaFile.write(out.resolve(REPLICA_DIR).resolve(f.getFileName().toString()),
                        new ReplicaFile.Data(header, data.particle(), ref));
            }
        }
    }

    /**
     * {@code knudsen merge}: combines the replica files found in the given directories (each directory, or its
     * {@code replicas/} subdirectory) into {@code out/check.json}.
     *
     * @throws InputException (exit 2) if none is found, R differs between files, or a replica is missing
     */
    public static Result merge(List<Path> dirs, Path out, double level, PrintStream log) {
        if (!(level > 0 && level < 1)) {
            throw new InputException("--level = " + level + ": must lie in (0, 1)");
        }
        Integer replicas = null;
        Path firstFile = null;
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
            }
        }
        if (replicas == null) {
            throw new InputException("merge: no replica files (replica_<r>_of_<R>.csv) in " + dirs
                    + " or their " + REPLICA_DIR + "/ subdirectories");
        }
        return combine(dirs, out, replicas, level, log);
    }

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
                s.filter(p -> p.getFileName().toString().matches("replica_\\d+_of_\\d+\\.csv")).sorted()
                        .forEach(found::add);
            } catch (IOException e) {
                throw new InputException(d + ": cannot list (" + e.getMessage() + ")");
            }
        }
        return found;
    }

    private static int replicasOf(Path f) {
        String name = f.getFileName().toString();
        return Integer.parseInt(name.substring(name.indexOf("_of_") + 4, name.length() - 4));
    }

    /**
     * Reads replicas 0..R−1 from the directories (first found wins; a second copy must be identical in content) and
     * writes {@code out/check.json} and {@code out/check_z.png}.
     */
    static Result combine(List<Path> dirs, Path out, int replicas, double level, PrintStream log) {
        TreeMap<Integer, ReplicaFile.Data> byIndex = new TreeMap<>();
        Map<Integer, Path> source = new TreeMap<>();
        for (Path d : dirs) {
            for (Path f : replicaFiles(d)) {
                if (replicasOf(f) != replicas) {
                    continue;
                }
                ReplicaFile.Data data = ReplicaFile.read(f);
                int r = data.replica();
                if (data.replicas() != replicas || !f.getFileName().toString().equals(ReplicaFile.fileName(r, replicas))) {
                    throw new InputException(f + ": its header says replica " + r + " of " + data.replicas()
                            + ", its name says otherwise; the file was renamed or damaged");
                }
                if (!byIndex.containsKey(r)) {
                    byIndex.put(r, data);
                    source.put(r, f);
                }
            }
        }
        for (int r = 0; r < replicas; r++) {
            if (!byIndex.containsKey(r)) {
                throw new InputException("replica " + r + " of " + replicas + " is missing: no "
                        + ReplicaFile.fileName(r, replicas) + " in " + dirs + " (run it with --replica " + r + "/"
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
        List<String> species = first.species();
        double[] times = first.times();
        int cells = first.cells();
        int n = species.size();
        String modeName = "mode " + first.header().get("mode");
        List<Comparison> modes = new ArrayList<>();
        List<Comparison> cellComparisons = new ArrayList<>();
        List<Comparison> averages = new ArrayList<>();
        double[] x = new double[replicas];
        double[][] zMode = new double[n][times.length];
        double[][] maxCellZ = new double[n][times.length];
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
                        zMode[i][k] = c.z();
                        if (times[k] > 0) {
                            for (int r = 0; r < replicas; r++) {
                                average[r] += x[r];
                            }
                            counted++;
                        }
                    } else {
                        Comparison c = Comparison.of(times[k], species.get(i), "cell", q - 1, x);
                        cellComparisons.add(c);
                        maxCellZ[i][k] = Math.max(maxCellZ[i][k], Math.abs(c.z()));
                    }
                }
            }
            if (counted == 0) {
                throw new InputException("the scenario has no output time t > 0 to average over");
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

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", first.header().get("scenario"));
        json.put("scenario_sha256", first.header().get("scenario_sha256"));
        json.put("fields", first.header().get("fields"));
        json.put("fields_sha256", first.header().get("fields_sha256"));
        json.put("consistent", verdict.consistent());
        json.put("level", level);
        Map<String, Object> sizes = new LinkedHashMap<>();
        long total = 0;
        List<Long> perReplica = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        for (ReplicaFile.Data d : byIndex.values()) {
            long p = Long.parseLong(d.header().get("particles"));
            perReplica.add(p);
            total += p;
            seeds.add(Long.parseLong(d.header().get("seed")));
        }
        sizes.put("replicas", replicas);
        sizes.put("particles_per_replica", perReplica);
        sizes.put("particles_total", total);
        sizes.put("cells", cells);
        sizes.put("steps", Long.parseLong(first.header().get("steps")));
        sizes.put("dt", Double.parseDouble(first.header().get("dt")));
        sizes.put("epsilon", Double.parseDouble(first.header().get("epsilon")));
        sizes.put("output_times", times.length);
        sizes.put("replica_seeds", seeds);
        json.put("run", sizes);
        json.put("verdict", verdictMap(verdict, "per species: the tracked mode's particle-minus-reference amplitude "
                + "averaged over the output times t > 0 (family c)"));
        json.put("verdict_all_times", verdictMap(allTimes, "for information: the tracked mode's amplitude difference "
                + "at every output time t > 0, per species (family a)"));
        Map<String, Object> comparisons = new LinkedHashMap<>();
        comparisons.put("mode_time_average", averages);
        comparisons.put("mode", modes);
        comparisons.put("cell", cellComparisons);
        json.put("comparisons", comparisons);
        Path checkFile = out.resolve(CHECK_FILE);
        JsonOutput.writeFile(checkFile, json);
        writePlot(out, species, times, zMode, maxCellZ, allTimes.criticalZ(), modeName);
        log.printf(Locale.ROOT, "knudsen: %s at level %g: max |z| = %.3f (%s, %s), Bonferroni p = %.3g over %d "
                        + "time-averaged mode comparisons; all-times mode check (information): max |z| = %.3f, p = %.3g "
                        + "over %d; %s written%n", verdict.consistent() ? "CONSISTENT" : "INCONSISTENT", level,
                verdict.maxAbsZ(), verdict.worst().species(), verdict.worst().quantity(), verdict.pValue(),
                verdict.tests(), allTimes.maxAbsZ(), allTimes.pValue(), allTimes.tests(), checkFile);
        log.flush();
        return new Result(verdict, allTimes, checkFile);
    }

    private static Map<String, Object> verdictMap(Verdict v, String family) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", family);
        m.put("method", v.method());
        m.put("consistent", v.consistent());
        m.put("p_value", v.pValue());
        m.put("level", v.level());
        m.put("tests", v.tests());
        m.put("replicas", v.replicas());
        m.put("max_abs_z", v.maxAbsZ());
        m.put("critical_z", v.criticalZ());
        m.put("worst", v.worst());
        return m;
    }

    private static void writePlot(Path out, List<String> species, double[] times, double[][] zMode, double[][] maxCellZ,
                                  double critical, String modeName) {
        List<Plots.Series> series = new ArrayList<>();
        for (int i = 0; i < species.size(); i++) {
            series.add(Plots.Series.points("z " + modeName + " " + species.get(i), times, zMode[i], null));
        }
        series.add(Plots.Series.line("+critical (all-times family)", new double[] {times[0], times[times.length - 1]},
                new double[] {critical, critical}));
        series.add(Plots.Series.line("-critical", new double[] {times[0], times[times.length - 1]},
                new double[] {-critical, -critical}));
        Plots.linePlot(out.resolve("check_z.png"), "Particles minus reference: z of the " + modeName + " amplitude",
                "t", "z = difference / SE (R-1 dof)", series);
        List<Plots.Series> cellSeries = new ArrayList<>();
        for (int i = 0; i < species.size(); i++) {
            cellSeries.add(Plots.Series.points("max over cells |z| " + species.get(i), times, maxCellZ[i], null));
        }
        Plots.linePlot(out.resolve("check_cells_z.png"), "Cell concentrations: largest |z| over the cells", "t",
                "max |z|", cellSeries);
    }
}
