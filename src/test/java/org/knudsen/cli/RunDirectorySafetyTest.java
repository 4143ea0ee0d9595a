package org.knudsen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.knudsen.io.CheckpointFile;
import org.knudsen.io.RunDirectory;
import org.knudsen.TestScenarios;
import picocli.CommandLine;

/**
 * A run never destroys a resumable run or a user's files: {@code run} over an unfinished run refuses and
 * {@code --force} proceeds; outputs that knudsen did not write are not replaced without {@code --force}; other files
 * survive either way; a second {@code run} or {@code resume} of a directory in use refuses.
 */
class RunDirectorySafetyTest {
    @TempDir
    Path tmp;

    private String out = "", err = "";

    private int knudsen(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        CommandLine cmd = new CommandLine(new Knudsen());
        cmd.setOut(new PrintWriter(o, true));
        cmd.setErr(new PrintWriter(e, true));
        int code = cmd.execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private Path scenario(Path dir, String name, double end) throws IOException {
        Path file = tmp.resolve(name + ".toml");
        Files.writeString(file, TestScenarios.tiny(dir, 1, 0).replace("end = 1.0", "end = " + end));
        return file;
    }

    /** Leaves an unfinished run in {@code dir}: a finished run whose summary then says "interrupted", as a stopped run's does. */
    private void leaveUnfinished(Path dir, Path file) throws IOException {
        assertEquals(0, knudsen("run", file.toString(), "--checkpoint-every", "0"), err);
        Path summary = dir.resolve("summary.json");
        Files.writeString(summary, Files.readString(summary).replace("\"complete\"", "\"interrupted\""));
        assertTrue(RunDirectory.holdsUnfinishedRun(dir));
    }

    @Test
    void runOverAnUnfinishedRunRefusesAndForceProceedsKeepingTheUsersOtherFiles() throws IOException {
        Path dir = tmp.resolve("run");
        Path file = scenario(dir, "s", 0.2);
        leaveUnfinished(dir, file);
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "my notes");
        byte[] checkpoint = Files.readAllBytes(dir.resolve(CheckpointFile.FILE_NAME));
        assertEquals(2, knudsen("run", file.toString()));
        assertTrue(err.contains("holds an unfinished run") && err.contains("knudsen resume") && err.contains("--force"),
                err);
        assertTrue(java.util.Arrays.equals(checkpoint, Files.readAllBytes(dir.resolve(CheckpointFile.FILE_NAME))));
        assertEquals(0, knudsen("run", file.toString(), "--force"), err);
        assertTrue(Files.readString(dir.resolve("summary.json")).contains("\"complete\""));
        assertEquals("my notes", Files.readString(notes), "a file knudsen did not write survives --force");
        assertFalse(RunDirectory.holdsUnfinishedRun(dir));
        assertEquals(0, knudsen("run", file.toString()), "a finished run's directory is reused without --force: " + err);
    }

    @Test
    void outputsThatKnudsenDidNotWriteAreNotReplacedWithoutForce() throws IOException {
        Path dir = tmp.resolve("mine");
        Files.createDirectories(dir);
        Path mine = dir.resolve("timeseries.csv");
        Files.writeString(mine, "my own data\n");
        Path other = dir.resolve("analysis.py");
        Files.writeString(other, "print(1)\n");
        Path file = scenario(dir, "s", 0.1);
        assertEquals(2, knudsen("run", file.toString()));
        assertTrue(err.contains("timeseries.csv") && err.contains("no knudsen run wrote") && err.contains("--force"), err);
        assertEquals("my own data\n", Files.readString(mine));
        assertFalse(Files.exists(dir.resolve(RunDirectory.LOCK_FILE)), "nothing created in a refused directory");
        assertEquals(0, knudsen("run", file.toString(), "--force"), err);
        assertEquals("print(1)\n", Files.readString(other));
        assertTrue(Files.exists(dir.resolve(RunDirectory.LOCK_FILE)));
    }

    @Test
    void aRunIntoAFileIsRefused() throws IOException {
        Path notADir = tmp.resolve("plain");
        Files.writeString(notADir, "x");
        assertEquals(2, knudsen("run", scenario(notADir, "s", 0.1).toString()));
        assertTrue(err.contains("not a directory"), err);
    }

    @Test
    @Timeout(120)
    void aSecondRunOrResumeOfADirectoryInUseRefuses() throws Exception {
        Path dir = tmp.resolve("busy");
        Path file = scenario(dir, "long", 40.0); // 8000 steps: seconds, long enough to be caught running
        StringWriter firstErr = new StringWriter();
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
            CommandLine cmd = new CommandLine(new Knudsen());
            cmd.setOut(new PrintWriter(new StringWriter(), true));
            cmd.setErr(new PrintWriter(firstErr, true));
            return cmd.execute("run", file.toString(), "--checkpoint-every", "0");
        });
        Path lock = dir.resolve(RunDirectory.LOCK_FILE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(dir.resolve(CheckpointFile.FILE_NAME)) && Files.size(lock) > 0)) {
            assertFalse(first.isDone(), "the first run ended before it could be caught: " + firstErr);
            assertTrue(System.nanoTime() < deadline, "the first run never claimed its directory");
            Thread.sleep(5);
        }
        assertEquals(2, knudsen("run", file.toString(), "--force"), "--force does not override a live run");
        assertTrue(err.contains("another knudsen process is running"), err);
        assertEquals(2, knudsen("resume", dir.toString()));
        assertTrue(err.contains("another knudsen process is running"), err);
        assertEquals(0, first.get(90, TimeUnit.SECONDS), firstErr::toString);
    }
}
