package org.knudsen.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.knudsen.TestScenarios;
import org.knudsen.run.ReplicaLayout;

/**
 * {@code knudsen run --replicas R | --replica r/R}, {@code knudsen merge} of run replicas and {@code knudsen resume} of
 * an ensemble through the command line: exit codes, messages, and a real SIGTERM to an in-process ensemble.
 */
class RunReplicasCommandTest extends CommandLineTest {
    @TempDir
    Path tmp;

    private Path scenario(String name, String text) throws IOException {
        Path file = tmp.resolve(name + ".toml");
        Files.writeString(file, text);
        return file;
    }

    private static void assertSameMergedFiles(Path a, Path b) throws IOException {
        for (String f : ReplicaLayout.MERGED_FILES) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
    }

    @Test
    void replicasInProcessEqualReplicaTasksMergedThroughTheCommandLine() throws IOException {
        Path file = scenario("tiny", TestScenarios.tiny(tmp.resolve("unused"), 0, 300));
        Path together = tmp.resolve("together");
        assertEquals(Knudsen.OK, knudsen("run", file.toString(), "--replicas", "2", "--dir", together.toString()),
                err::toString);
        assertTrue(out.toString().contains("knudsen: merged 2 replicas into " + together), out::toString);
        Path apart = tmp.resolve("apart");
        for (String r : List.of("1/2", "0/2")) {
            assertEquals(Knudsen.OK, knudsen("run", file.toString(), "--replica", r, "--dir", apart.toString(),
                    "--set", "threads=1"), err::toString);
        }
        assertTrue(out.toString().contains("combine them with: knudsen merge " + apart), out::toString);
        assertEquals(Knudsen.OK, knudsen("merge", apart.toString()), err::toString);
        assertSameMergedFiles(together, apart);
        // merge of a replica directory: into its ensemble by default; the same bytes
        assertEquals(Knudsen.OK, knudsen("merge", ReplicaLayout.replicaDir(apart, 0).toString(),
                ReplicaLayout.replicaDir(apart, 1).toString()), err::toString);
        assertSameMergedFiles(together, apart);
        // a merge that holds both kinds of replicas is refused
        Files.writeString(apart.resolve("replicas").resolve("replica_0_of_2.csv"), "");
        assertEquals(Knudsen.BAD_INPUT, knudsen("merge", apart.toString()));
        assertTrue(err.toString().contains("merge one kind at a time"), err::toString);
    }

    @Test
    void badReplicaOptionsAreRefusedNamingTheOptionAndNothingIsWritten() throws IOException {
        Path file = scenario("tiny", TestScenarios.tiny(tmp.resolve("unused"), 1, 300));
        Path dir = tmp.resolve("d");
        java.util.Map<List<String>, String> refused = new java.util.LinkedHashMap<>();
        refused.put(List.of("--replica", "3/3"), "--replica = 3/3: r = 3 is not a replica of R = 3");
        refused.put(List.of("--replica", "0/1"), "--replica = 0/1: R = 1, but a run needs R >= 2 replicas");
        refused.put(List.of("--replica", "a/b"), "--replica = a/b: expected r/R");
        refused.put(List.of("--replicas", "1"), "--replicas = 1: a run needs R >= 2 replicas");
        refused.put(List.of("--replicas", "3", "--replica", "1/2"), "--replicas = 3 and --replica = 1/2 disagree on R");
        refused.put(List.of("--replicas", "2", "--homogeneous"), "--homogeneous: replicas are of spatial particle runs");
        for (var e : refused.entrySet()) {
            err.getBuffer().setLength(0);
            List<String> all = new java.util.ArrayList<>(List.of("run", file.toString(), "--dir", dir.toString()));
            all.addAll(e.getKey());
            assertEquals(Knudsen.BAD_INPUT, knudsen(all.toArray(String[]::new)), e.getKey()::toString);
            assertTrue(err.toString().startsWith(e.getValue()), e.getKey() + ": " + err);
            assertFalse(Files.exists(dir), "nothing written for " + e.getKey());
        }
    }

    /**
     * A real JVM runs {@code knudsen run --replicas 3} (2 in parallel) and gets SIGTERM once a replica has a
     * checkpoint: the running replicas checkpoint, the third does not start, nothing is merged, exit 143; then
     * {@code knudsen resume DIR} finishes all three and merges: the same bytes as an uninterrupted ensemble. 32 cells
     * × 500 particles, 400 steps per replica (about 1.5 s each).
     */
    @Test
    @Timeout(180)
    void sigtermStopsAnInProcessEnsembleAndResumeOfItsDirectoryFinishesAndMerges() throws Exception {
        String text = TestScenarios.tiny(tmp.resolve("unused"), 2, 0).replace("cells = [16, 1, 1]", "cells = [32, 1, 1]")
                .replace("per_cell = 50", "per_cell = 500").replace("end = 1.0", "end = 2.0");
        Path file = scenario("ensemble", text);
        Path dir = tmp.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "org.knudsen.cli.Knudsen", "run", file.toString(), "--replicas",
                "3", "--dir", dir.toString()));
        pb.redirectErrorStream(true);
        Path logFile = tmp.resolve("killed.log");
        pb.redirectOutput(logFile.toFile());
        Process p = pb.start();
        Path checkpoint = ReplicaLayout.replicaDir(dir, 0).resolve("checkpoint.bin");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(checkpoint)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("no checkpoint appeared; log:\n" + Files.readString(logFile));
            }
            Thread.sleep(10);
        }
        Thread.sleep(200);
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String log = Files.readString(logFile);
        assertEquals(143, p.exitValue(), log);
        assertTrue(log.contains("replicas unfinished (") && log.contains("nothing merged. Continue them and merge with: "
                + "knudsen resume " + dir), log);
        assertFalse(Files.exists(dir.resolve("timeseries.csv")), "nothing merged");
        assertEquals(Knudsen.OK, knudsen("resume", dir.toString()), err::toString);
        assertTrue(out.toString().contains("knudsen: resume the 3 replicas of 'tiny' in " + dir), out::toString);
        Path straight = tmp.resolve("straight");
        assertEquals(Knudsen.OK, knudsen("run", file.toString(), "--replicas", "3", "--dir", straight.toString()),
                err::toString);
        assertSameMergedFiles(straight, dir);
    }
}
