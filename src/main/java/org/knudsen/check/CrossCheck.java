package org.knudsen.check;

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
import org.knudsen.fluid.TabulatedFields;
import org.knudsen.io.FieldsFile;
import org.knudsen.io.InputException;
import org.knudsen.io.Provenance;
import org.knudsen.io.ReplicaFile;
import org.knudsen.run.ReplicaSeeds;
import org.knudsen.run.RunMemory;
import org.knudsen.run.RunPlan;
import org.knudsen.scenario.Scenario;
import org.knudsen.stats.Verdict;
import org.knudsen.stats.VerdictPower;

/**
 * The cross-check of an external deterministic solver (DESIGN.md, "The command"): {@code knudsen check} and {@code knudsen merge}.
 *
 * <p><b>Reference.</b> The fields file (format: {@link FieldsFile}) read for the scenario's species and box, as a
 * {@link TabulatedFluidState} on the scenario grid (Fourier in space, cubic in time, c_{i,∞} from the scenario):
 * M^ε is built on it exactly as on the built-in Maxwell–Stefan solution in a {@code knudsen run}.
 *
 * <p><b>Replicas.</b> Replica r (0-based) of R runs the scenario's particle problem with the initial data of a
 * spatial run (particles from the scenario's modes, drift from the reference at t = 0), single-threaded, with its own
 * seed {@link ReplicaSeeds#replicaSeed}(scenario seed, r); inside, SpatialDsmc derives its per-block streams from that seed. A
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
public final class CrossCheck {
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

    private CrossCheck() {
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
     * @param provenance  the process, for check.json's {@code provenance} block (the command line comes from cli)
     */
    public record Options(Path dir, int replicas, int onlyReplica, double level, int threads, Provenance provenance) {
        /** As the canonical constructor, called as a library (no command line), started now. */
        public Options(Path dir, int replicas, int onlyReplica, double level, int threads) {
            this(dir, replicas, onlyReplica, level, threads, Provenance.inProcess());
        }

        public Options {
            java.util.Objects.requireNonNull(provenance, "provenance");
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

    /** The output times of the scenario's spatial run (step × dt at t = 0 and every sample step). */
    public static double[] outputTimes(Scenario scenario) {
        return planOf(scenario).outputTimes();
    }

    static RunPlan planOf(Scenario scenario) {
        if (scenario.domain().isEmpty() || scenario.particles().isEmpty() || scenario.time().isEmpty()) {
            throw new InputException("scenario " + scenario.name() + ": a check needs a spatial particle run "
                    + "([domain], [particles] and [time])");
        }
        return RunPlan.of(scenario);
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
        String[] columns = new String[1];
        TabulatedFields fields = FieldsFile.read(fieldsFile, scenario.speciesNames(), plan.grid().lengths(),
                c -> columns[0] = c);
        double first = fields.times()[0];
        double last = fields.times()[fields.times().length - 1];
        double end = times[times.length - 1];
        if (first > 0 || last < end * (1 - 1e-12)) {
            throw new InputException(fieldsFile + ": the fields cover t in [" + first + ", " + last + "], the check "
                    + "needs [0, " + end + "] (the scenario's time.end)");
        }
        Map<String, String> base = new LinkedHashMap<>();
        base.put("scenario", scenario.name());
        base.put("scenario_sha256", Scenario.sha256(scenario.toToml()));
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
        out.printf(Locale.ROOT, "knudsen: fields file %s: %s%n", fieldsFile, columns[0]);
        if (options.onlyReplica() < 0) {
            removeStaleOutputs(dir); // a check.json next to replica files it was not combined from would mislead
        }
        ReplicaRunner.runReplicas(plan, fields, base, todo, replicaDir, threads, out);
        if (options.onlyReplica() >= 0) {
            return Optional.empty();
        }
        List<Path> files = new ArrayList<>();
        for (int r = 0; r < options.replicas(); r++) {
            files.add(replicaDir.resolve(ReplicaFile.fileName(r, options.replicas())));
        }
        return Optional.of(combine(files, List.of(replicaDir), dir, options.replicas(), options.level(), null,
                options.provenance(), out));
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

    /**
     * {@code knudsen merge}: combines the replica files found in the given directories (each directory, or its
     * {@code replicas/} subdirectory) into {@code out/check.json}. The power rule ({@link #assessPower}) applies as
     * for {@code check --replicas R}.
     *
     * @throws InputException (exit 2) if none is found, R differs between files, a replica is missing, found twice
     *                        with different contents, does not match its seed or duplicates another's data
     */
    public static Result merge(List<Path> dirs, Path out, double level, PrintStream log) {
        return merge(dirs, out, level, Provenance.inProcess(), log);
    }

    /** As {@link #merge(List, Path, double, PrintStream)}, with the process's provenance for check.json. */
    public static Result merge(List<Path> dirs, Path out, double level, Provenance provenance, PrintStream log) {
        if (!(level > 0 && level < 1)) {
            throw new InputException("--level = " + level + ": must lie in (0, 1)");
        }
        Integer replicas = null;
        Path firstFile = null;
        List<Path> files = new ArrayList<>();
        for (Path d : dirs) {
            for (Path f : ReplicaSet.replicaFiles(d)) {
                int r = ReplicaSet.replicasOf(f);
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
        return combine(files, dirs, out, replicas, level, "R = " + replicas + " (merge)", provenance, log);
    }

    /** Whether any of the directories (or its replicas/ subdirectory) holds check replica files. */
    public static boolean holdsReplicaFiles(List<Path> dirs) {
        return dirs.stream().anyMatch(d -> Files.isDirectory(d) && !ReplicaSet.replicaFiles(d).isEmpty());
    }

    /** Re-references existing replicas to another fields file ({@link ReplicaRunner#rereference}). */
    public static void rereference(Scenario scenario, Path fieldsFile, List<Path> replicaDirs, int replicas, Path out) {
        ReplicaRunner.rereference(scenario, fieldsFile, replicaDirs, replicas, out);
    }

    /** Reads and validates the replica files, then writes the report ({@link ReplicaSet}, {@link CheckReport}). */
    static Result combine(List<Path> files, List<Path> where, Path out, int replicas, double level, String powerOption,
                          Provenance provenance, PrintStream log) {
        return CheckReport.combine(ReplicaSet.read(files, where, replicas, log), out, replicas, level, powerOption,
                provenance, log);
    }
}
