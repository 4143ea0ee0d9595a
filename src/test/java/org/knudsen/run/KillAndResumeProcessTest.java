package org.knudsen.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.knudsen.io.CheckpointFile;
import org.knudsen.io.InputException;
import org.knudsen.io.TimeSeriesWriter;
import org.knudsen.scenario.ScenarioParser;

/**
 * A real separate JVM runs {@code knudsen run}; it is killed mid-run (SIGKILL, and in the second test SIGTERM),
 * then {@code knudsen resume} finishes the run. timeseries.csv and the final particle and Maxwell–Stefan state
 * must equal those of an uninterrupted run byte for byte. 32 cells × 1000 particles, 400 steps (about 2.5 s).
 */
class KillAndResumeProcessTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    private static String scenario(Path dir) {
        return CheckpointResumeTest.tinyScenario(dir, 1, 0)
                .replace("cells = [16, 1, 1]", "cells = [32, 1, 1]")
                .replace("per_cell = 50", "per_cell = 1000")
                .replace("end = 1.0", "end = 2.0");
    }

    private static SpatialRun.Options quiet() {
        return SpatialRun.Options.defaults(false).withSignals(false);
    }

    /** Starts {@code knudsen run} on the scenario in a new JVM and returns once its first checkpoint exists. */
    private Process startAndAwaitCheckpoint(Path dir) throws IOException, InterruptedException {
        Path file = tmp.resolve(dir.getFileName() + ".toml");
        Files.writeString(file, scenario(dir));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "org.knudsen.cli.Knudsen", "run", file.toString()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve(dir.getFileName() + ".log").toFile());
        Process p = pb.start();
        Path checkpoint = dir.resolve(CheckpointFile.FILE_NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (!Files.exists(checkpoint)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("no checkpoint appeared; process log:\n" + processLog(dir));
            }
            Thread.sleep(10);
        }
        return p;
    }

    private String processLog(Path dir) throws IOException {
        return Files.readString(tmp.resolve(dir.getFileName() + ".log"));
    }

    /** Resumes in this JVM and returns the step it resumed at (which must lie strictly inside the run). */
    private long resume(Path dir) {
        log.reset();
        SpatialRun.resume(dir, out, quiet());
        Matcher m = Pattern.compile("at step (\\d+) of 400").matcher(log.toString(StandardCharsets.UTF_8));
        assertTrue(m.find(), log::toString);
        long step = Long.parseLong(m.group(1));
        assertTrue(step > 0 && step < 400, "resumed at step " + step + ", not mid-run");
        return step;
    }

    private void assertSameAsUninterrupted(Path dir) throws IOException {
        Path straight = tmp.resolve("straight");
        SpatialRun.run(ScenarioParser.parse(scenario(straight)), out, quiet());
        assertArrayEquals(Files.readAllBytes(straight.resolve(TimeSeriesWriter.FILE_NAME)),
                Files.readAllBytes(dir.resolve(TimeSeriesWriter.FILE_NAME)), "timeseries.csv");
        assertArrayEquals(SpatialRun.solverState(straight), SpatialRun.solverState(dir), "final particle and MS state");
        CheckpointResumeTest.assertSameSnapshots(straight, dir);
    }

    /** Temporary files of atomic writes left in {@code dir} and its fields/ (".name.hex.tmp"). */
    private static List<Path> temporaries(Path dir) throws IOException {
        List<Path> found = new java.util.ArrayList<>();
        for (Path d : List.of(dir, dir.resolve("fields"))) {
            if (Files.isDirectory(d)) {
                try (var s = Files.list(d)) {
                    s.filter(f -> f.getFileName().toString().matches("\\..+\\.[0-9a-f]+\\.tmp")).forEach(found::add);
                }
            }
        }
        return found;
    }

    @Test
    @Timeout(120)
    void runKilledWithSigkillAndResumedEqualsUninterruptedRunAndLeavesNoTemporaryFiles() throws Exception {
        Path dir = tmp.resolve("killed");
        Process p = startAndAwaitCheckpoint(dir);
        // while the other process runs, this one may neither start over in its directory nor resume it
        SpatialRun.Options forced = quiet().withForce(true);
        InputException busy = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> SpatialRun.run(ScenarioParser.parse(scenario(dir)), out, forced));
        assertTrue(busy.getMessage().contains("another knudsen process is running"), busy::getMessage);
        assertThrows(InputException.class, () -> SpatialRun.resume(dir, out, quiet()));
        Thread.sleep(300);
        p.destroyForcibly(); // SIGKILL: no hook runs, possibly in the middle of writing a row or a checkpoint
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        String processLog = processLog(dir);
        assertEquals(137, p.exitValue(), () -> "killed by SIGKILL; log:\n" + processLog);
        // what a kill between creating and renaming a checkpoint, summary or snapshot leaves behind
        Files.writeString(dir.resolve(".checkpoint.bin.1f2e3d4c.tmp"), "half a checkpoint");
        Files.writeString(dir.resolve(".checkpoint.bin.prev.abc.tmp"), "half a link");
        Files.writeString(dir.resolve(".summary.json.7.tmp"), "{");
        Files.writeString(dir.resolve("fields").resolve(".cells_0003.vti.99.tmp"), "<?xml");
        resume(dir);
        assertEquals(List.of(), temporaries(dir), "no stray temporary files after the resumed run");
        assertSameAsUninterrupted(dir);
    }

    @Test
    @Timeout(120)
    void sigtermWritesACheckpointExits143AndTheResumedRunEqualsUninterruptedRun() throws Exception {
        Path dir = tmp.resolve("terminated");
        Process p = startAndAwaitCheckpoint(dir);
        p.destroy(); // SIGTERM: the shutdown hook lets the loop checkpoint at the next step boundary
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String processLog = processLog(dir);
        assertEquals(143, p.exitValue(), () -> "128 + SIGTERM; log:\n" + processLog);
        Matcher m = Pattern.compile("stopped at step (\\d+) of 400").matcher(processLog);
        assertTrue(m.find(), processLog);
        assertTrue(Files.readString(dir.resolve("summary.json")).contains("\"status\" : \"interrupted\""));
        assertEquals(Long.parseLong(m.group(1)), resume(dir), "resumed exactly where the signal stopped the run");
        assertSameAsUninterrupted(dir);
    }

}
