package org.knudsen.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knudsen.io.InputException;
import org.knudsen.io.JsonInput;
import org.knudsen.io.TextFiles;
import org.knudsen.io.TimeSeriesReader;
import org.knudsen.io.TimeSeriesWriter;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioParser;

/**
 * The validated replicas 0..R−1 of one run ensemble, read for {@code knudsen merge} (and the merge that ends
 * {@code run --replicas R}). Everything is checked before anything is written; a problem is bad input (exit 2)
 * naming the directory and what to do:
 * <ul>
 * <li>each replica directory: a valid {@value ReplicaLayout#REPLICA_FILE} whose index is the directory's name
 * {@code r<r>}; a summary.json that says {@code complete} (an unfinished replica is named with the command that
 * continues it); a scenario.toml whose SHA-256 is the summary's {@code scenario_sha256}, whose seed is the replica's
 * and whose ensemble identity is the one in replica.json;</li>
 * <li>one content per index: the same directory reached twice counts once, a byte-identical copy too (with a note),
 * two different runs of one index are refused;</li>
 * <li>none missing; all of the same R and of the same ensemble (scenario_sha256); the same columns and output
 * times; no two replicas with identical time series (one is a copy of the other).</li>
 * </ul>
 */
final class RunReplicaSet {
    /** One replica directory as read. */
    record Replica(Path dir, ReplicaLayout.Identity id, Scenario scenario, JsonNode summary, TimeSeriesReader series) {
    }

    private final List<Replica> replicas;

    private RunReplicaSet(List<Replica> replicas) {
        this.replicas = List.copyOf(replicas);
    }

    /** Replicas 0..R−1 in index order. */
    List<Replica> replicas() {
        return replicas;
    }

    int size() {
        return replicas.size();
    }

    Replica first() {
        return replicas.get(0);
    }

    /** Reads one replica directory and checks it on its own. */
    static Replica readReplica(Path dir) {
        ReplicaLayout.Identity id = ReplicaLayout.Identity.read(dir);
        int r = id.replica();
        if (!ReplicaLayout.indexOf(dir).equals(java.util.Optional.of(r))) {
            throw new InputException(dir + ": " + ReplicaLayout.REPLICA_FILE + " says replica " + r + " of "
                    + id.replicas() + ", the directory's name says otherwise (expected " + ReplicaLayout.name(r)
                    + "); the directory was renamed or copied");
        }
        Path summaryFile = dir.resolve("summary.json");
        if (!Files.isRegularFile(summaryFile)) {
            throw new InputException(dir + ": replica " + r + " of " + id.replicas() + " has no summary.json: it has not "
                    + "run, or was stopped before its first checkpoint; run it (knudsen run SCENARIO --replica " + r
                    + "/" + id.replicas() + " --dir ENSEMBLE_DIR, or knudsen resume ENSEMBLE_DIR for all)");
        }
        JsonNode summary = JsonInput.readObject(summaryFile);
        JsonNode status = summary.get("status");
        if (status == null || !"complete".equals(status.asText())) {
            throw new InputException(dir + ": replica " + r + " of " + id.replicas() + " is unfinished (summary.json "
                    + "status " + (status == null ? "missing" : status.asText()) + "); continue it with: knudsen resume "
                    + dir);
        }
        Path scenarioFile = dir.resolve("scenario.toml");
        String text = TextFiles.read(scenarioFile);
        String sha = Scenario.sha256(text);
        String recorded = JsonInput.text(summary, "scenario_sha256", summaryFile);
        if (!sha.equals(recorded)) {
            throw new InputException(scenarioFile + ": its SHA-256 is " + sha + ", but summary.json says the run was of "
                    + "scenario_sha256 = " + recorded + "; the scenario was changed after the run");
        }
        Scenario scenario = ScenarioParser.parse(text, scenarioFile.toString());
        if (scenario.seed() != id.seed()) {
            throw new InputException(scenarioFile + ": seed = " + scenario.seed() + ", but " + ReplicaLayout.REPLICA_FILE
                    + " says replica " + r + " runs with seed " + id.seed());
        }
        String ensemble = ReplicaLayout.ensembleSha256(scenario, id.scenarioSeed());
        if (!ensemble.equals(id.scenarioSha256())) {
            throw new InputException(scenarioFile + ": its ensemble identity is " + ensemble + ", but "
                    + ReplicaLayout.REPLICA_FILE + " says scenario_sha256 = " + id.scenarioSha256()
                    + "; the directory holds a run of another scenario");
        }
        TimeSeriesReader series = TimeSeriesReader.read(dir.resolve(TimeSeriesWriter.FILE_NAME));
        return new Replica(dir, id, scenario, summary, series);
    }

    /** Reads and validates the replica directories (any order, duplicates allowed as described above). */
    static RunReplicaSet read(List<Path> dirs, List<Path> where, PrintStream log) {
        if (dirs.isEmpty()) {
            throw new InputException("merge: no run replicas (" + ReplicaLayout.REPLICA_DIR + "/r<r>/"
                    + ReplicaLayout.REPLICA_FILE + ") in " + where);
        }
        TreeMap<Integer, Replica> byIndex = new TreeMap<>();
        Replica firstSeen = null;
        for (Path d : dirs) {
            Replica x = readReplica(d);
            if (firstSeen == null) {
                firstSeen = x;
            } else {
                requireSameEnsemble(firstSeen, x);
            }
            int r = x.id().replica();
            Replica seen = byIndex.get(r);
            if (seen == null) {
                byIndex.put(r, x);
            } else if (sameDirectory(seen.dir(), d)) {
                continue;
            } else if (sameContents(seen, x)) {
                log.println("knudsen: note: replica " + r + " of " + x.id().replicas() + " found twice with identical "
                        + "time series (" + seen.dir() + ", " + d + "): counted once");
            } else {
                throw new InputException("replica " + r + " of " + x.id().replicas() + " found twice with different "
                        + "time series: " + seen.dir() + " and " + d + "; one replica index must come from one run "
                        + "(remove the wrong copy)");
            }
        }
        int total = firstSeen.id().replicas();
        for (int r = 0; r < total; r++) {
            if (!byIndex.containsKey(r)) {
                throw new InputException("replica " + r + " of " + total + " is missing: no " + ReplicaLayout.REPLICA_DIR
                        + "/" + ReplicaLayout.name(r) + " in " + where + " (run it with --replica " + r + "/" + total
                        + ", or knudsen resume ENSEMBLE_DIR for all missing ones)");
            }
        }
        List<Replica> ordered = new ArrayList<>(byIndex.values());
        requireSameSeries(ordered);
        requireDistinct(ordered);
        return new RunReplicaSet(ordered);
    }

    private static void requireSameEnsemble(Replica a, Replica b) {
        if (a.id().replicas() != b.id().replicas()) {
            throw new InputException(b.dir() + ": a replica of R = " + b.id().replicas() + ", but " + a.dir()
                    + " is of R = " + a.id().replicas() + "; merge the replicas of one ensemble only");
        }
        if (!a.id().scenarioSha256().equals(b.id().scenarioSha256())) {
            throw new InputException(b.dir() + ": scenario_sha256 = " + b.id().scenarioSha256() + ", but " + a.dir()
                    + " has " + a.id().scenarioSha256() + " (scenario seed " + b.id().scenarioSeed() + " vs "
                    + a.id().scenarioSeed() + "); all replicas must come from the same scenario and R");
        }
    }

    /** The same columns, the same number of rows and the very same output times in every replica. */
    private static void requireSameSeries(List<Replica> ordered) {
        TimeSeriesReader s0 = ordered.get(0).series();
        double[] t0 = s0.column("t");
        for (Replica x : ordered.subList(1, ordered.size())) {
            TimeSeriesReader s = x.series();
            if (!s.columns().equals(s0.columns()) || s.rows().size() != s0.rows().size()
                    || !Arrays.equals(s.column("t"), t0)) {
                throw new InputException(x.dir().resolve(TimeSeriesWriter.FILE_NAME) + ": " + s.rows().size() + " rows of "
                        + s.columns().size() + " columns, but " + ordered.get(0).dir().resolve(TimeSeriesWriter.FILE_NAME)
                        + " has " + s0.rows().size() + " rows of " + s0.columns().size() + " columns (or other output "
                        + "times); the replicas of one ensemble have the same time series layout");
            }
        }
    }

    /** No two replicas with bit-identical time series: independent replicas never agree to the last bit. */
    private static void requireDistinct(List<Replica> ordered) {
        Map<Integer, List<Replica>> buckets = new java.util.HashMap<>();
        for (Replica x : ordered) {
            int h = deepHash(x.series());
            for (Replica other : buckets.getOrDefault(h, List.of())) {
                if (sameRows(other.series(), x.series())) {
                    throw new InputException(x.dir() + ": replica " + x.id().replica() + " has exactly the time series "
                            + "of replica " + other.id().replica() + " (" + other.dir() + "): independent replicas never "
                            + "agree to the last bit, so one is a copy of the other; remove it and run replica "
                            + x.id().replica() + " (--replica " + x.id().replica() + "/" + x.id().replicas() + ")");
                }
            }
            buckets.computeIfAbsent(h, k -> new ArrayList<>()).add(x);
        }
    }

    private static int deepHash(TimeSeriesReader s) {
        int h = s.columns().hashCode();
        for (double[] row : s.rows()) {
            h = 31 * h + Arrays.hashCode(row);
        }
        return h;
    }

    private static boolean sameRows(TimeSeriesReader a, TimeSeriesReader b) {
        if (!a.columns().equals(b.columns()) || a.rows().size() != b.rows().size()) {
            return false;
        }
        for (int k = 0; k < a.rows().size(); k++) {
            if (!Arrays.equals(a.rows().get(k), b.rows().get(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameContents(Replica a, Replica b) {
        return a.id().equals(b.id()) && sameRows(a.series(), b.series());
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
