package org.knudsen.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knudsen.TestScenarios;
import org.knudsen.io.InputException;
import org.knudsen.io.TimeSeriesReader;
import org.knudsen.io.TimeSeriesWriter;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioParser;
import org.knudsen.stats.ReplicaStatistics;

/**
 * Replicas of a run (README "Replicas and clusters"): {@code run --replicas R} in process and R separate
 * {@code --replica r/R} runs plus {@code merge} give byte-identical merged outputs; seeds; the merge's refusals; an
 * interrupted replica (or ensemble) resumed and merged equals the uninterrupted ensemble. The tiny binary scenario
 * (16 cells × 50 particles, 200 steps, about 0.3 s per replica).
 */
class ReplicaRunTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    private static SpatialRun.Options quiet() {
        return SpatialRun.Options.defaults(false).withSignals(false);
    }

    /** The tiny scenario into {@code dir} on {@code threads} threads, with this seed. */
    private static Scenario tiny(Path dir, int threads, long seed) {
        return ScenarioParser.parse(TestScenarios.tiny(dir, threads, 300).replace("seed = 7", "seed = " + seed));
    }

    private Path inProcess(String name, int replicas, long seed) {
        Path dir = tmp.resolve(name);
        ReplicaEnsemble.runAll(tiny(dir, 2, seed), replicas, out, quiet());
        return dir;
    }

    /** Replicas as separate runs (here: separate calls), in reverse order, on the scenario's 2 threads each. */
    private Path separate(String name, int replicas, long seed) {
        Path dir = tmp.resolve(name);
        for (int r = replicas - 1; r >= 0; r--) {
            ReplicaEnsemble.runOne(tiny(dir, 2, seed), r, replicas, out, quiet());
        }
        return dir;
    }

    private static void assertSameMergedFiles(Path a, Path b) throws IOException {
        for (String f : ReplicaLayout.MERGED_FILES) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
    }

    @Test
    void inProcessReplicasAndSeparateReplicasMergedGiveByteIdenticalOutputs() throws IOException {
        Path together = inProcess("together", 3, 7);
        Path apart = separate("apart", 3, 7);
        assertFalse(Files.exists(apart.resolve(TimeSeriesWriter.FILE_NAME)), "--replica writes its replica only");
        ReplicaMerge.merge(List.of(apart), apart, out);
        assertSameMergedFiles(together, apart);
        // the merged series: t, then every column's mean and replica SE, from the replicas' own series
        TimeSeriesReader merged = TimeSeriesReader.read(together.resolve(TimeSeriesWriter.FILE_NAME));
        List<TimeSeriesReader> replicas = Stream.of(0, 1, 2)
                .map(r -> TimeSeriesReader.read(ReplicaLayout.replicaDir(together, r).resolve(TimeSeriesWriter.FILE_NAME)))
                .toList();
        assertEquals(2 * replicas.get(0).columns().size() - 1, merged.columns().size());
        assertEquals(replicas.get(0).rows().size(), merged.rows().size());
        int k = 7;
        double[] x = replicas.stream().mapToDouble(s -> s.column("conc_mode_A")[k]).toArray();
        ReplicaStatistics.Summary s = ReplicaStatistics.summarise(x);
        assertEquals(s.mean(), merged.column("conc_mode_A")[k]);
        assertEquals(s.standardError(), merged.column("conc_mode_A_replica_se")[k]);
        assertTrue(s.standardError() > 0);
        assertEquals(replicas.get(0).column("conc_mode_A_lb")[k], merged.column("conc_mode_A_lb")[k],
                "a deterministic column keeps its value");
        assertEquals(0.0, merged.column("conc_mode_B_ms_replica_se")[k]);
        String summary = Files.readString(together.resolve("summary.json"));
        assertTrue(summary.contains("\"replica_dirs\" : [ \"replicas/r0\", \"replicas/r1\", \"replicas/r2\" ]"), summary);
        assertTrue(summary.contains("\"dev_norm_replica_se\""), summary);
        assertFalse(summary.contains("wall") || summary.contains("seconds") || summary.contains("threads"), summary);
    }

    @Test
    void replicaSeedsAreDistinctReproducibleAndDependOnTheScenarioSeedAndIndexOnly() throws IOException {
        Set<Long> seen = new HashSet<>();
        for (int r = 0; r < 1000; r++) {
            long seed = ReplicaSeeds.runSeed(42, r);
            assertTrue(seed >= 0, "a valid scenario seed");
            assertEquals(ReplicaSeeds.replicaSeed(42, r) & Long.MAX_VALUE, seed, "the check's mix, sign bit cleared");
            assertEquals(seed, ReplicaSeeds.runSeed(42, r), "reproducible");
            assertTrue(seen.add(seed), "distinct");
        }
        assertEquals(0xE220A8397B1DCDAFL, ReplicaSeeds.replicaSeed(0, 0), "the check's seeds are unchanged");
        assertEquals(0x6220A8397B1DCDAFL, ReplicaSeeds.runSeed(0, 0));
        // replica 1 of 2 is replica 1 of 3: its numbers depend on (scenario, r) only, not on R or threads
        Path three = inProcess("three", 3, 11);
        Path two = tmp.resolve("two");
        ReplicaEnsemble.runOne(tiny(two, 1, 11), 1, 2, out, quiet());
        Path r1 = ReplicaLayout.replicaDir(three, 1);
        assertArrayEquals(Files.readAllBytes(r1.resolve(TimeSeriesWriter.FILE_NAME)),
                Files.readAllBytes(ReplicaLayout.replicaDir(two, 1).resolve(TimeSeriesWriter.FILE_NAME)));
        assertTrue(Files.readString(r1.resolve("scenario.toml")).contains("seed = " + ReplicaSeeds.runSeed(11, 1) + "\n"));
        assertTrue(Files.readString(r1.resolve(ReplicaLayout.REPLICA_FILE)).contains("\"seed\" : "
                + ReplicaSeeds.runSeed(11, 1)));
    }

    private InputException mergeRefused(Path out, Path... dirs) {
        return assertThrows(InputException.class, () -> ReplicaMerge.merge(List.of(dirs), out, this.out));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else if (!p.getFileName().toString().equals(".knudsen.lock")) {
                    Files.copy(p, q);
                }
            }
        }
    }

    @Test
    void mergeRefusesMissingUnfinishedForeignMismatchedAndDuplicatedReplicasAndWritesNothing() throws IOException {
        Path good = separate("good", 3, 7);
        Path target = tmp.resolve("target");
        Files.createDirectories(target);
        // missing
        Path missing = tmp.resolve("missing");
        copyTree(good, missing);
        deleteTree(ReplicaLayout.replicaDir(missing, 1));
        assertTrue(mergeRefused(target, missing).getMessage().contains("replica 1 of 3 is missing"));
        // unfinished: replica 1 stopped at step 73 (a real interrupted run)
        Path unfinished = tmp.resolve("unfinished");
        for (int r = 0; r < 3; r++) {
            ReplicaEnsemble.runOne(tiny(unfinished, 1, 7), r, 3, out, r == 1 ? quiet().withStopAfterStep(73) : quiet());
        }
        String m = mergeRefused(target, unfinished).getMessage();
        assertTrue(m.contains("replica 1 of 3 is unfinished (summary.json status interrupted); continue it with: "
                + "knudsen resume " + ReplicaLayout.replicaDir(unfinished, 1)), m);
        // another R
        Path otherR = tmp.resolve("otherR");
        ReplicaEnsemble.runOne(tiny(otherR, 1, 7), 0, 2, out, quiet());
        m = mergeRefused(target, good, otherR).getMessage();
        assertTrue(m.contains("a replica of R = 2, but") && m.contains("is of R = 3"), m);
        // another scenario (another seed)
        Path otherSeed = tmp.resolve("otherSeed");
        ReplicaEnsemble.runOne(tiny(otherSeed, 1, 8), 0, 3, out, quiet());
        m = mergeRefused(target, ReplicaLayout.replicaDir(good, 1), ReplicaLayout.replicaDir(good, 2),
                ReplicaLayout.replicaDir(otherSeed, 0)).getMessage();
        assertTrue(m.contains("scenario_sha256 = ") && m.contains("all replicas must come from the same scenario"), m);
        // the same index twice with different contents (one number edited)
        Path edited = tmp.resolve("edited");
        copyTree(ReplicaLayout.replicaDir(good, 0), ReplicaLayout.replicaDir(edited, 0));
        Path series = ReplicaLayout.replicaDir(edited, 0).resolve(TimeSeriesWriter.FILE_NAME);
        List<String> lines = Files.readAllLines(series);
        lines.set(3, lines.get(3).replaceFirst(",[^,]*,", ",0.125,"));
        Files.write(series, lines);
        m = mergeRefused(target, good, edited).getMessage();
        assertTrue(m.contains("replica 0 of 3 found twice with different time series"), m);
        // a replica directory renamed, and one copied over another index with its identity edited consistently
        Path renamed = tmp.resolve("renamed");
        copyTree(good, renamed);
        deleteTree(ReplicaLayout.replicaDir(renamed, 2));
        copyTree(ReplicaLayout.replicaDir(good, 1), ReplicaLayout.replicaDir(renamed, 2));
        m = mergeRefused(target, renamed).getMessage();
        assertTrue(m.contains("says replica 1 of 3, the directory's name says otherwise"), m);
        // unknown scenario change after the run
        Path changed = tmp.resolve("changed");
        copyTree(good, changed);
        Path toml = ReplicaLayout.replicaDir(changed, 2).resolve("scenario.toml");
        Files.writeString(toml, Files.readString(toml).replace("per_cell = 50", "per_cell = 51"));
        m = mergeRefused(target, changed).getMessage();
        assertTrue(m.contains("the scenario was changed after the run"), m);
        try (Stream<Path> s = Files.list(target)) {
            assertEquals(List.of(), s.toList(), "nothing written by a refused merge");
        }
        // identical copies (the same directory twice, a copy elsewhere) count once: the same bytes
        Path copy = tmp.resolve("copy");
        copyTree(ReplicaLayout.replicaDir(good, 1), ReplicaLayout.replicaDir(copy, 1));
        ReplicaMerge.merge(List.of(good), good, out);
        ReplicaMerge.merge(List.of(good, good.resolve("replicas"), copy), target, out);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("found twice with identical time series"));
        for (String f : List.of(TimeSeriesWriter.FILE_NAME, "mode_amplitude.png", "deviation.png")) {
            assertArrayEquals(Files.readAllBytes(good.resolve(f)), Files.readAllBytes(target.resolve(f)), f);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void oneKilledReplicaResumedAndMergedEqualsTheUninterruptedEnsemble() throws IOException {
        Path straight = inProcess("straight", 3, 7);
        Path broken = tmp.resolve("broken");
        for (int r = 0; r < 3; r++) {
            RunResult res = ReplicaEnsemble.runOne(tiny(broken, 1, 7), r, 3, out,
                    r == 2 ? quiet().withStopAfterStep(73) : quiet());
            assertEquals(r == 2 ? 73 : 200, res.steps());
        }
        SpatialRun.resume(ReplicaLayout.replicaDir(broken, 2), out, quiet()); // knudsen resume DIR/replicas/r2
        ReplicaMerge.merge(List.of(broken), broken, out);
        assertSameMergedFiles(straight, broken);
    }

    @Test
    void interruptedInProcessReplicasMergeNothingAndResumeOfTheEnsembleEqualsUninterrupted() throws IOException {
        Path straight = inProcess("straight", 3, 7);
        Path broken = tmp.resolve("broken");
        Scenario s = tiny(broken, 2, 7);
        RunResult r = ReplicaEnsemble.runAll(s, 3, out, quiet().withStopAfterStep(73));
        assertEquals(73, r.steps());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("knudsen: 3 of 3 replicas unfinished (r0 stopped at "
                + "step 73, r1 stopped at step 73, r2 stopped at step 73); nothing merged. Continue them and merge with: "
                + "knudsen resume " + broken), log::toString);
        assertFalse(Files.exists(broken.resolve(TimeSeriesWriter.FILE_NAME)));
        assertTrue(ReplicaEnsemble.isEnsemble(broken));
        // a rerun refuses to discard them without --force
        InputException e = assertThrows(InputException.class, () -> ReplicaEnsemble.runAll(s, 3, out, quiet()));
        assertTrue(e.getMessage().contains("holds an unfinished run; continue the replicas with: knudsen resume "), e::getMessage);
        // replica 1 never started (its directory gone): resume starts it, continues the others, merges
        deleteTree(ReplicaLayout.replicaDir(broken, 1));
        ReplicaEnsemble.resume(broken, out, quiet());
        assertSameMergedFiles(straight, broken);
        // resuming a finished ensemble only merges again: the same bytes
        ReplicaEnsemble.resume(broken, out, quiet());
        assertSameMergedFiles(straight, broken);
    }

    @Test
    void replicasAreRefusedBeforeAnythingIsWritten() {
        Path dir = tmp.resolve("none");
        InputException e = assertThrows(InputException.class, () -> ReplicaEnsemble.runAll(tiny(dir, 1, 7), 1, out,
                quiet()));
        assertTrue(e.getMessage().contains("--replicas = 1: a run needs R >= 2"), e::getMessage);
        // a plain run's directory is not an ensemble directory
        Path plain = tmp.resolve("plain");
        SpatialRun.run(tiny(plain, 1, 7), out, quiet());
        e = assertThrows(InputException.class, () -> ReplicaEnsemble.runAll(tiny(plain, 1, 7), 2, out, quiet()));
        assertTrue(e.getMessage().contains("holds a run (scenario.toml)"), e::getMessage);
        // species whose name would clash in the merged series
        String clash = TestScenarios.tiny(dir, 1, 300).replace("name = \"B\"", "name = \"A_se_replica_se\"")
                .replace("B = -0.2", "A_se_replica_se = -0.2");
        e = assertThrows(InputException.class, () -> ReplicaEnsemble.runAll(ScenarioParser.parse(clash), 2, out,
                quiet()));
        assertTrue(e.getMessage().contains("twice"), e::getMessage);
        assertFalse(Files.exists(dir));
    }
}
