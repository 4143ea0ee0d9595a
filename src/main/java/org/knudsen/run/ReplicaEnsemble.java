package org.knudsen.run;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.knudsen.io.AtomicFiles;
import org.knudsen.io.CheckpointFile;
import org.knudsen.io.InputException;
import org.knudsen.io.RunDirectory;
import org.knudsen.io.TextFiles;
import org.knudsen.io.TimeSeriesWriter;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioParser;

/**
 * A run as R independent replicas ({@code knudsen run --replicas R}, {@code --replica r/R}, {@code knudsen resume} of
 * an ensemble directory). Layout and identity: {@link ReplicaLayout}; the merge: {@link ReplicaMerge}.
 *
 * <p><b>In process</b> ({@link #runAll}): the replicas run in parallel on min(threads, R) threads (the scenario's
 * {@code threads}, 0 = all cores), each single-threaded, each a normal {@link SpatialRun} in
 * {@code DIR/replicas/r<r>}; a replica's numbers depend on (scenario, r) only, so neither the thread count nor the
 * order in which the replicas finish changes a byte. When all are complete they are merged into {@code DIR}.
 * <b>One replica</b> ({@link #runOne}, a task of a job array): only {@code DIR/replicas/r<r>}, on the scenario's
 * threads; {@code knudsen merge DIR} combines them when all R are done.
 *
 * <p><b>Interrupted.</b> SIGINT/SIGTERM makes every running replica write its checkpoint (as a single run does) and no
 * further replica start; nothing is merged, and the log names the unfinished replicas. {@link #resume} (the command
 * {@code knudsen resume DIR}) then continues each unfinished replica from its checkpoint, starts those that never
 * started (or stopped before their first checkpoint), leaves the complete ones alone, and merges: the result is the
 * same bytes as an uninterrupted run. One replica can also be continued alone: {@code knudsen resume DIR/replicas/r3}.
 */
public final class ReplicaEnsemble {
    private ReplicaEnsemble() {
    }

    /** {@code knudsen run SCENARIO --replicas R}: all replicas in this process, then the merge. */
    public static RunResult runAll(Scenario base, int replicas, PrintStream out, SpatialRun.Options options) {
        requireReplicas(replicas, "--replicas = " + replicas);
        RunRules.requireSpatial(base);
        Path dir = base.runDirectory();
        int parallel = Math.min(RunRules.threads(base), replicas);
        validate(base, parallel, dir);
        for (int r = 0; r < replicas; r++) {
            Path d = ReplicaLayout.replicaDir(dir, r);
            if (!options.force() && RunDirectory.holdsUnfinishedRun(d)) {
                throw new InputException("output.dir = " + dir + ": replica " + r + " (" + d + ") holds an unfinished "
                        + "run; continue the replicas with: knudsen resume " + dir + "   or start over with --force");
            }
        }
        try (RunDirectory claimed = RunDirectory.claimForNewRun(dir, "output.dir", ReplicaLayout.MERGED_FILES,
                options.force())) {
            ReplicaLayout.removeMerged(dir);
            List<String> beyond = ReplicaLayout.replicaChildren(dir.resolve(ReplicaLayout.REPLICA_DIR)).stream()
                    .filter(d -> ReplicaLayout.indexOf(d).orElseThrow() >= replicas)
                    .map(d -> d.getFileName().toString()).toList();
            if (!beyond.isEmpty()) {
                out.printf(Locale.ROOT, "knudsen: warning: %s also holds %s, beyond the %d replicas of this run (an "
                        + "earlier ensemble?); this run merges r0..r%d only, but knudsen merge %s and knudsen resume %s "
                        + "would refuse the mixture: remove them%n", dir.resolve(ReplicaLayout.REPLICA_DIR),
                        String.join(", ", beyond), replicas, replicas - 1, dir, dir);
            }
            Scenario one = ReplicaLayout.replicaScenario(base, 0, 1, dir);
            out.printf(Locale.ROOT, "knudsen: run '%s' as %d replicas (seeds from scenario seed %d), %d in parallel, "
                    + "each on 1 thread: about %s of wall time -> %s/r<r>, merged into %s%n", base.name(), replicas,
                    base.seed(), parallel, Simulation.duration(replicas * Simulation.particleSteps(one)
                            * Simulation.NANOS_PER_PARTICLE_STEP * 1e-9 / Math.max(1, Math.min(parallel, cores()))),
                    dir.resolve(ReplicaLayout.REPLICA_DIR), dir);
            out.flush();
            warmLinearReference(one);
            return runAndMerge(dir, replicas, IntStream.range(0, replicas).boxed().toList(), parallel, options, one,
                    out, r -> {
                        ReplicaLayout.Identity.of(base, r, replicas).write(ReplicaLayout.replicaDir(dir, r));
                        return SpatialRun.run(ReplicaLayout.replicaScenario(base, r, 1, dir), log(out, r, replicas),
                                replicaOptions(options));
                    });
        }
    }

    /** {@code knudsen run SCENARIO --replica r/R}: replica r alone, in {@code DIR/replicas/r<r>}. */
    public static RunResult runOne(Scenario base, int r, int replicas, PrintStream out, SpatialRun.Options options) {
        requireReplicas(replicas, "--replica = " + r + "/" + replicas);
        RunRules.requireSpatial(base);
        Path dir = base.runDirectory();
        validate(base, 1, dir);
        Path d = ReplicaLayout.replicaDir(dir, r);
        if (!options.force() && RunDirectory.holdsUnfinishedRun(d)) {
            throw new InputException("output.dir = " + dir + ": replica " + r + " (" + d + ") holds an unfinished run; "
                    + "continue it with: knudsen resume " + d + "   or start over with --force");
        }
        ReplicaLayout.removeStaleMerge(dir);
        ReplicaLayout.Identity id = ReplicaLayout.Identity.of(base, r, replicas);
        id.write(d);
        out.printf(Locale.ROOT, "knudsen: replica %d of %d of '%s' (seed %d from scenario seed %d) -> %s%n", r, replicas,
                base.name(), id.seed(), base.seed(), d);
        Scenario s = ReplicaLayout.replicaScenario(base, r, base.threads(), dir);
        RunResult result = Simulation.run(s, false, out, options);
        if (result.steps() == s.timeGrid().steps()) {
            out.printf(Locale.ROOT, "knudsen: replica %d of %d complete; when all %d are, combine them with: knudsen "
                    + "merge %s%n", r, replicas, replicas, dir);
        }
        return result;
    }

    /** Whether {@code dir} is the directory of an ensemble (replicas/r<r>/, and no run of its own). */
    public static boolean isEnsemble(Path dir) {
        return !Files.exists(dir.resolve("scenario.toml"))
                && !ReplicaLayout.replicaChildren(dir.resolve(ReplicaLayout.REPLICA_DIR)).isEmpty();
    }

    /** {@code knudsen resume DIR} of an ensemble: the unfinished replicas continued or started, then the merge. */
    public static RunResult resume(Path dir, PrintStream out, SpatialRun.Options options) {
        List<ReplicaLayout.Identity> ids = new ArrayList<>();
        Scenario found = null;
        for (Path d : ReplicaLayout.replicaChildren(dir.resolve(ReplicaLayout.REPLICA_DIR))) {
            if (!ReplicaLayout.isReplica(d)) {
                continue; // started in another way, or never: run again below if its index is missing
            }
            ReplicaLayout.Identity id = ReplicaLayout.Identity.read(d);
            if (!ids.isEmpty() && (id.replicas() != ids.get(0).replicas()
                    || !id.scenarioSha256().equals(ids.get(0).scenarioSha256()))) {
                throw new InputException(d + ": replica " + id.replica() + " of " + id.replicas() + " of scenario_sha256 "
                        + id.scenarioSha256() + ", but the first replica found is of " + ids.get(0).replicas() + " and "
                        + ids.get(0).scenarioSha256() + "; an ensemble directory holds one ensemble");
            }
            ids.add(id);
            if (found == null && Files.isRegularFile(d.resolve("scenario.toml"))) {
                Path file = d.resolve("scenario.toml");
                found = ScenarioParser.parse(TextFiles.read(file), file.toString(), RunRules.spatialRun());
            }
        }
        if (ids.isEmpty() || found == null) {
            throw new InputException(dir + ": no replica of this ensemble has started (no " + ReplicaLayout.REPLICA_DIR
                    + "/r<r>/scenario.toml); run it again with knudsen run SCENARIO --replicas R --dir " + dir);
        }
        int replicas = ids.get(0).replicas();
        Scenario base = ReplicaLayout.baseScenario(found, ids.get(0).scenarioSeed(), dir);
        if (!ReplicaLayout.ensembleSha256(base, base.seed()).equals(ids.get(0).scenarioSha256())) {
            throw new InputException(dir + ": the replicas' scenario.toml is not of the ensemble their "
                    + ReplicaLayout.REPLICA_FILE + " names; merge or remove the foreign replica directories");
        }
        List<Integer> todo = new ArrayList<>();
        int complete = 0;
        for (int r = 0; r < replicas; r++) {
            if (isComplete(ReplicaLayout.replicaDir(dir, r))) {
                complete++;
            } else {
                todo.add(r);
            }
        }
        int parallel = Math.max(1, Math.min(cores(), todo.size()));
        validate(base, parallel, dir);
        try (RunDirectory claimed = RunDirectory.claimForNewRun(dir, "run directory", ReplicaLayout.MERGED_FILES, false)) {
            ReplicaLayout.removeMerged(dir);
            out.printf(Locale.ROOT, "knudsen: resume the %d replicas of '%s' in %s: %d complete, %d to continue or start, "
                    + "%d in parallel%n", replicas, base.name(), dir, complete, todo.size(), parallel);
            out.flush();
            return runAndMerge(dir, replicas, todo, parallel, options, ReplicaLayout.replicaScenario(base, 0, 1, dir),
                    out, r -> {
                Path d = ReplicaLayout.replicaDir(dir, r);
                PrintStream log = log(out, r, replicas);
                if (Files.exists(d.resolve(CheckpointFile.FILE_NAME))
                        || Files.exists(AtomicFiles.previousOf(d.resolve(CheckpointFile.FILE_NAME)))) {
                    return SpatialRun.resume(d, log, replicaOptions(options));
                }
                ReplicaLayout.Identity.of(base, r, replicas).write(d);
                return SpatialRun.run(ReplicaLayout.replicaScenario(base, r, 1, dir), log, replicaOptions(options));
            });
        }
    }

    private static boolean isComplete(Path replicaDir) {
        Path summary = replicaDir.resolve("summary.json");
        if (!ReplicaLayout.isReplica(replicaDir) || !Files.isRegularFile(summary)) {
            return false;
        }
        try {
            return "complete".equals(org.knudsen.io.JsonInput.readObject(summary).path("status").asText());
        } catch (InputException unreadable) {
            return false;
        }
    }

    public static void requireReplicas(int replicas, String option) {
        if (replicas < 2) {
            throw new InputException(option + ": a run needs R >= 2 replicas (the standard error comes from the replica "
                    + "spread)");
        }
    }

    /** Before anything is written: a directory of its own, merged column names, the heap of the parallel replicas. */
    private static void validate(Scenario base, int parallel, Path dir) {
        ReplicaMerge.refusePlainRun(dir, "output.dir");
        List<String> merged = ReplicaMerge.mergedColumns(new RunOutputs.Columns(base.mixture(),
                base.particles().orElseThrow().varianceReduced()).names());
        Set<String> seen = new HashSet<>();
        for (String c : merged) {
            if (!seen.add(c) || !TimeSeriesWriter.isColumnName(c)) {
                throw new InputException("species " + base.speciesNames() + ": the merged time series of the replicas "
                        + "would have the column '" + c + "' twice (every column c gets c" + ReplicaLayout.SE_SUFFIX
                        + "); rename the species whose name ends in " + ReplicaLayout.SE_SUFFIX);
            }
        }
        long one = RunMemory.spatialRun(ReplicaLayout.replicaScenario(base, 0, 1, dir), 1);
        if ((double) one * parallel > RunMemory.available()) {
            long fit = RunMemory.available() / one;
            throw new InputException(String.format(Locale.ROOT, "particles.per_cell = %d: %d replica(s) running in "
                    + "parallel need about %s (%d x %s), more than %.0f%% of the Java heap (%s); %s",
                    base.particles().orElseThrow().perCell(), parallel, RunMemory.mib((long) (one * (double) parallel)),
                    parallel, RunMemory.mib(one), 100 * RunMemory.HEAP_FRACTION,
                    RunMemory.mib(Runtime.getRuntime().maxMemory()), fit >= 1 ? "use --set threads=" + fit + " (or "
                            + "fewer replicas in parallel), fewer particles, or a larger heap (KNUDSEN_JAVA_OPTS=-Xmx...)"
                            : "use fewer particles or a larger heap (KNUDSEN_JAVA_OPTS=-Xmx...)"));
        }
    }

    /** The exact linear columns once, before the replicas start (they are the same for all: cached per physics). */
    private static void warmLinearReference(Scenario replica) {
        RunPlan plan = RunPlan.of(replica);
        LinearColumns.of(plan, plan.closure().delta(plan.mixture()));
    }

    /** A replica's run options: no progress bar (replicas share the terminal), the rest as given. */
    private static SpatialRun.Options replicaOptions(SpatialRun.Options o) {
        return SpatialRun.Options.defaults(false).withCheckpointEvery(o.checkpointEvery()).withSignals(o.handleSignals())
                .withStopAfterStep(o.stopAfterStep()).withForce(o.force());
    }

    private static PrintStream log(PrintStream out, int r, int replicas) {
        return ReplicaPool.prefixed(out, "[replica " + r + "/" + replicas + "] ");
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** One replica's outcome in the pool: its result, or never started (a stop came first). */
    record Outcome(int replica, RunResult result) {
        boolean started() {
            return result != null;
        }
    }

    /**
     * Runs the replicas of {@code todo} on the pool, then merges when every replica of the ensemble is complete, or names
     * the unfinished ones and how to continue. The stop request (SIGINT/SIGTERM) is held until that is said, so the
     * JVM exits after it.
     */
    private static RunResult runAndMerge(Path dir, int replicas, List<Integer> todo, int parallel,
                                         SpatialRun.Options options, Scenario one, PrintStream out,
                                         java.util.function.IntFunction<RunResult> task) {
        StopRequest stop = new StopRequest();
        if (options.handleSignals()) {
            stop.install();
        }
        try {
            List<Outcome> outcomes = ReplicaPool.run(todo, parallel, stop, task);
            List<String> unfinished = new ArrayList<>();
            for (Outcome o : outcomes) {
                if (!o.started()) {
                    unfinished.add("r" + o.replica() + " not started");
                } else if (!isComplete(ReplicaLayout.replicaDir(dir, o.replica()))) {
                    unfinished.add("r" + o.replica() + " stopped at step " + o.result().steps());
                }
            }
            if (!unfinished.isEmpty()) {
                out.printf(Locale.ROOT, "knudsen: %d of %d replicas unfinished (%s); nothing merged. Continue them and "
                        + "merge with: knudsen resume %s%n", unfinished.size(), replicas, String.join(", ", unfinished),
                        dir);
                out.flush();
                long steps = outcomes.stream().mapToLong(o -> o.started() ? o.result().steps() : 0).min().orElse(0);
                return new RunResult(steps, steps * one.timeGrid().dt(), Optional.of(dir));
            }
            List<Path> dirs = IntStream.range(0, replicas).mapToObj(r -> ReplicaLayout.replicaDir(dir, r)).toList();
            ReplicaMerge.write(dir, RunReplicaSet.read(dirs, List.of(dir), out), out);
            long steps = one.timeGrid().steps();
            return new RunResult(steps, steps * one.timeGrid().dt(), Optional.of(dir));
        } finally {
            stop.release();
        }
    }
}
