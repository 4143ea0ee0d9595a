package org.knudsen.check;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.knudsen.io.InputException;
import org.knudsen.io.ReplicaFile;
import org.knudsen.run.ReplicaSeeds;

/** The validated replica files of one check, read for its combination ({@code check --replicas R} and {@code merge}). */
final class ReplicaSet {
    /** Replicas 0..R−1 by index, with the file each came from. */
    final TreeMap<Integer, ReplicaFile.Data> byIndex = new TreeMap<>();
    final Map<Integer, Path> source = new TreeMap<>();

    private ReplicaSet() {
    }

    ReplicaFile.Data first() {
        return byIndex.get(0);
    }

    /**
     * Reads and validates the replica files of replicas 0..R−1 (exit 2, before anything is written):
     * <ul>
     * <li>every file: header and name agree on (r, R); every number finite ({@link ReplicaFile#read});</li>
     * <li>one content per replica index: the same file reached twice (e.g. {@code merge d d/replicas}) or a
     * byte-for-byte identical copy of it (a replica re-run with its seed gives the same numbers) counts once; two
     * files of the same index with different contents are refused (they cannot both be replica r);</li>
     * <li>none missing; all from the same scenario, fields file, grid, times and R;</li>
     * <li>the seed of each file is replicaSeed(scenario seed, r), with the same scenario seed for all (checked through
     * {@link ReplicaSeeds#scenarioSeedOf}, so also for files without {@code scenario_seed}): a file renamed or re-indexed from
     * another replica is refused;</li>
     * <li>no two replicas have identical particle values (independent replicas never agree to the last bit: one is
     * a copy of the other with an edited header).</li>
     * </ul>
     */
    static ReplicaSet read(List<Path> files, List<Path> where, int replicas, PrintStream log) {
        ReplicaSet set = new ReplicaSet();
        TreeMap<Integer, ReplicaFile.Data> byIndex = set.byIndex;
        Map<Integer, Path> source = set.source;
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
        return set;
    }

    private static final java.util.regex.Pattern REPLICA_NAME = java.util.regex.Pattern.compile(
            "replica_(\\d{1,9})_of_(\\d{1,9})\\.csv");

    static List<Path> replicaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir + ": no such directory");
        }
        List<Path> found = new ArrayList<>();
        for (Path d : List.of(dir, dir.resolve(CrossCheck.REPLICA_DIR))) {
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

    static int replicasOf(Path f) {
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
     * Each file's seed must be replicaSeed(S, r) for its index r and one scenario seed S shared by all (and S must be
     * the file's {@code scenario_seed} when it records one).
     */
    private static void checkSeeds(TreeMap<Integer, ReplicaFile.Data> byIndex, Map<Integer, Path> source) {
        Long common = null;
        int commonFrom = -1;
        for (Map.Entry<Integer, ReplicaFile.Data> e : byIndex.entrySet()) {
            int r = e.getKey();
            ReplicaFile.Data d = e.getValue();
            long s0 = ReplicaSeeds.scenarioSeedOf(d.seed(), r);
            java.util.OptionalLong recorded = d.scenarioSeed();
            if (recorded.isPresent() && recorded.getAsLong() != s0) {
                throw new InputException(source.get(r) + ": seed = " + d.seed() + " is not the seed of replica " + r
                        + " of scenario seed " + recorded.getAsLong() + " (that is " + ReplicaSeeds.replicaSeed(recorded.getAsLong(), r)
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
}
