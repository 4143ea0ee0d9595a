package org.knudsen.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knudsen.io.InputException;
import org.knudsen.io.JsonInput;
import org.knudsen.io.JsonOutput;
import org.knudsen.io.TimeSeriesWriter;
import org.knudsen.scenario.OutputSpec;
import org.knudsen.scenario.Scenario;

/**
 * Where the replicas of a run live and what makes them replicas of one ensemble (README, "Replicas and clusters").
 *
 * <p>Replica r of R of a run into {@code DIR} is a complete, normal run directory {@code DIR/replicas/r<r>/} (its own
 * scenario.toml, timeseries.csv, summary.json, snapshots, plots, checkpoints and lock; {@code knudsen resume} continues
 * it), run with the seed {@link ReplicaSeeds#runSeed}(scenario seed, r), plus {@value #REPLICA_FILE}: its index r, R,
 * the scenario seed, its seed and the ensemble's {@link #ensembleSha256}. The merged outputs ({@link #MERGED_FILES})
 * go to {@code DIR} itself.
 *
 * <p>The ensemble's identity is the SHA-256 of the replicas' scenario with the scenario seed put back and what cannot
 * change a number of the time series normalised: the thread count (a run gives the same bytes on any number of
 * threads), the directory and the checkpoint interval. So replicas run in one process (each on one thread) and as
 * separate processes (each on the scenario's threads, e.g. a Slurm job array) are replicas of the same ensemble.
 */
public final class ReplicaLayout {
    /** The subdirectory of the ensemble directory that holds the replica directories. */
    public static final String REPLICA_DIR = "replicas";
    /** The identity file of a replica directory. */
    public static final String REPLICA_FILE = "replica.json";
    /** The suffix of the replica-SE column of every merged time-series column. */
    public static final String SE_SUFFIX = "_replica_se";
    /** What a merge writes into the ensemble directory (summary.json last). */
    public static final List<String> MERGED_FILES = List.of(TimeSeriesWriter.FILE_NAME, "mode_amplitude.png",
            "deviation.png", "summary.json");
    private static final Pattern NAME = Pattern.compile("r(0|[1-9]\\d{0,8})");

    private ReplicaLayout() {
    }

    /** {@code DIR/replicas/r<r>}. */
    public static Path replicaDir(Path ensemble, int r) {
        return ensemble.resolve(REPLICA_DIR).resolve(name(r));
    }

    static String name(int r) {
        return "r" + r;
    }

    /** The index in a replica directory's name {@code r<r>}, if it is one. */
    static Optional<Integer> indexOf(Path dir) {
        Path n = dir.getFileName();
        Matcher m = n == null ? null : NAME.matcher(n.toString());
        return m != null && m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /**
     * The scenario of replica r: the base scenario with the seed {@link ReplicaSeeds#runSeed}(base seed, r), its
     * directory {@code DIR/replicas/r<r>} and {@code threads}; output.every as the base resolves it.
     */
    static Scenario replicaScenario(Scenario base, int r, int threads, Path ensemble) {
        return with(base, ReplicaSeeds.runSeed(base.seed(), r), threads, replicaDir(ensemble, r).toString(),
                base.output().map(OutputSpec::checkpointEvery).orElse(OutputSpec.DEFAULT_CHECKPOINT_EVERY));
    }

    /** The base scenario of an ensemble from one of its replicas' scenarios: the scenario seed back, in {@code ensemble}. */
    static Scenario baseScenario(Scenario replica, long scenarioSeed, Path ensemble) {
        return with(replica, scenarioSeed, replica.threads(), ensemble.toString(),
                replica.output().map(OutputSpec::checkpointEvery).orElse(OutputSpec.DEFAULT_CHECKPOINT_EVERY));
    }

    /** The identity of the ensemble a replica's scenario (or the base scenario) belongs to, for the scenario seed. */
    public static String ensembleSha256(Scenario scenario, long scenarioSeed) {
        return Scenario.sha256(with(scenario, scenarioSeed, 0, "", OutputSpec.DEFAULT_CHECKPOINT_EVERY).toToml());
    }

    private static Scenario with(Scenario s, long seed, int threads, String dir, double checkpointEvery) {
        double every = s.output().map(OutputSpec::every).orElse(s.time().orElseThrow().end() / 50);
        return new Scenario(s.name(), seed, threads, s.epsilon(), s.species(), s.collisions(), s.domain(), s.fluid(),
                s.particles(), s.time(), Optional.of(s.output().map(o -> o.with(dir, every, checkpointEvery))
                        .orElse(new OutputSpec(dir, every, checkpointEvery))));
    }

    /** What {@value #REPLICA_FILE} says: replica r of R of the ensemble of scenario seed S, run with {@code seed}. */
    record Identity(int replica, int replicas, long scenarioSeed, long seed, String scenarioSha256) {
        static Identity of(Scenario base, int r, int replicas) {
            return new Identity(r, replicas, base.seed(), ReplicaSeeds.runSeed(base.seed(), r),
                    ensembleSha256(base, base.seed()));
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("replica", replica);
            m.put("replicas", replicas);
            m.put("scenario_seed", scenarioSeed);
            m.put("seed", seed);
            m.put("scenario_sha256", scenarioSha256);
            m.put("about", "replica " + replica + " of " + replicas + " of a run (knudsen run --replicas/--replica); "
                    + "knudsen merge combines the " + replicas + " replica directories");
            return m;
        }

        void write(Path replicaDir) {
            JsonOutput.writeFile(replicaDir.resolve(REPLICA_FILE), toMap());
        }

        /** The identity in {@code replicaDir}, validated (0 ≤ r &lt; R, R ≥ 2, seed = runSeed(S, r)). */
        static Identity read(Path replicaDir) {
            Path file = replicaDir.resolve(REPLICA_FILE);
            JsonNode n = JsonInput.readObject(file);
            long r = JsonInput.integer(n, "replica", file);
            long total = JsonInput.integer(n, "replicas", file);
            if (total < 2 || total > Integer.MAX_VALUE || r < 0 || r >= total) {
                throw new InputException(file + ": replica " + r + " of " + total + ": expected 0 <= r < R, R >= 2");
            }
            long s = JsonInput.integer(n, "scenario_seed", file);
            long seed = JsonInput.integer(n, "seed", file);
            if (seed != ReplicaSeeds.runSeed(s, (int) r)) {
                throw new InputException(file + ": seed = " + seed + " is not the seed of replica " + r + " of scenario "
                        + "seed " + s + " (that is " + ReplicaSeeds.runSeed(s, (int) r) + "); the file was edited or "
                        + "copied from another replica");
            }
            return new Identity((int) r, (int) total, s, seed, JsonInput.text(n, "scenario_sha256", file));
        }
    }

    /** Whether {@code dir} is a replica directory (holds {@value #REPLICA_FILE}). */
    static boolean isReplica(Path dir) {
        return Files.isRegularFile(dir.resolve(REPLICA_FILE));
    }

    /** The directories named {@code r<r>} in {@code dir}, by index. */
    static List<Path> replicaChildren(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> Files.isDirectory(p) && indexOf(p).isPresent())
                    .sorted(java.util.Comparator.comparing(p -> indexOf(p).orElseThrow())).forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
        return found;
    }

    /**
     * Removes the merged outputs of an earlier ensemble in {@code dir} (when its summary.json is a merged one), so that
     * a merged timeseries.csv never sits next to replicas it was not merged from. A plain run's outputs are kept.
     */
    static void removeStaleMerge(Path dir) {
        Path summary = dir.resolve("summary.json");
        if (!Files.isRegularFile(summary)) {
            return;
        }
        boolean merged;
        try {
            merged = JsonInput.readObject(summary).has("replica_dirs");
        } catch (InputException unreadable) {
            merged = false;
        }
        if (merged) {
            removeMerged(dir);
        }
    }

    /** Removes the files a merge writes into {@code dir} (summary.json first: it vouches for the others). */
    static void removeMerged(Path dir) {
        List<String> names = new ArrayList<>(MERGED_FILES);
        java.util.Collections.reverse(names);
        for (String name : names) {
            try {
                Files.deleteIfExists(dir.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(dir.resolve(name) + ": cannot remove the earlier merge's file", e);
            }
        }
    }
}
