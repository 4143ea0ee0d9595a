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
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knudsen.io.AtomicFiles;
import org.knudsen.io.CheckpointFile;
import org.knudsen.io.InputException;
import org.knudsen.TestScenarios;
import org.knudsen.io.TimeSeriesWriter;
import org.knudsen.io.VtiFiles;
import org.knudsen.scenario.ScenarioParser;

/**
 * Reproducibility of spatial runs (README "Long runs"): the same scenario and seed give byte-identical
 * time series for 1 and 2 threads, and a run stopped at a checkpoint and resumed gives the time series and
 * final particle/Maxwell–Stefan state of an uninterrupted run, bit for bit. Tiny runs: 16 cells × 50 particles,
 * 200 steps, 21 samples (about 0.3 s each).
 */
class CheckpointResumeTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    static String tinyScenario(Path dir, int threads, double checkpointEvery) {
        return TestScenarios.tiny(dir, threads, checkpointEvery);
    }

    private static SpatialRun.Options quiet() {
        return SpatialRun.Options.defaults(false).withSignals(false);
    }

    private Path run(String name, int threads, double checkpointEvery, long stopAfter) {
        Path dir = tmp.resolve(name);
        SpatialRun.run(ScenarioParser.parse(tinyScenario(dir, threads, checkpointEvery)), out,
                quiet().withStopAfterStep(stopAfter));
        return dir;
    }

    private static byte[] series(Path dir) throws IOException {
        return Files.readAllBytes(dir.resolve(TimeSeriesWriter.FILE_NAME));
    }

    private static long lines(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve(TimeSeriesWriter.FILE_NAME)).size();
    }

    @Test
    void oneAndTwoThreadsGiveByteIdenticalTimeSeriesAndFinalState() throws IOException {
        Path one = run("one", 1, 300, 0);
        Path two = run("two", 2, 300, 0);
        assertEquals(22, lines(one), "header + 21 samples");
        assertArrayEquals(series(one), series(two), "timeseries.csv differs between 1 and 2 threads");
        assertArrayEquals(SpatialRun.solverState(one), SpatialRun.solverState(two));
        assertSameSnapshots(one, two);
    }

    @Test
    void runStoppedBetweenSamplesAndResumedEqualsUninterruptedRunBitForBit() throws IOException {
        Path straight = run("straight", 1, 300, 0);
        Path broken = run("broken", 1, 300, 73); // step 73: between the samples of steps 70 and 80
        assertEquals(1 + 8, lines(broken), "header + samples of steps 0, 10, ..., 70 before the stop");
        assertFalse(Files.exists(AtomicFiles.previousOf(broken.resolve(CheckpointFile.FILE_NAME))),
                "only the stop wrote a checkpoint");
        assertTrue(Files.readString(broken.resolve("summary.json")).contains("\"status\" : \"interrupted\""));
        RunResult r = SpatialRun.resume(broken, out, quiet());
        assertEquals(200, r.steps());
        assertArrayEquals(series(straight), series(broken), "timeseries.csv after resume");
        assertArrayEquals(SpatialRun.solverState(straight), SpatialRun.solverState(broken), "final particle state");
        assertSameSnapshots(straight, broken);
        String summary = Files.readString(broken.resolve("summary.json"));
        assertTrue(summary.contains("\"status\" : \"complete\""), summary);
        assertTrue(summary.contains("\"steps\" : 200"), "statistics continue across the resume: " + summary);
    }

    @Test
    void runStoppedTwiceWithCheckpointsAtEverySampleEqualsUninterruptedRun() throws IOException {
        Path straight = run("straight", 2, 0, 0);
        Path broken = run("broken", 2, 0, 40); // a sample step: the row of step 40 is in the checkpoint
        assertTrue(Files.exists(AtomicFiles.previousOf(broken.resolve(CheckpointFile.FILE_NAME))));
        SpatialRun.resume(broken, out, quiet().withStopAfterStep(151));
        assertEquals(1 + 16, lines(broken), "header + samples of steps 0..150");
        SpatialRun.resume(broken, out, quiet());
        assertArrayEquals(series(straight), series(broken));
        assertArrayEquals(SpatialRun.solverState(straight), SpatialRun.solverState(broken));
        assertSameSnapshots(straight, broken);
    }

    @Test
    void rowsAndSnapshotsWrittenAfterTheCheckpointAreDroppedOnResume() throws IOException {
        Path straight = run("straight", 1, 300, 0);
        Path broken = run("broken", 1, 300, 73); // snapshots at steps 0, 20, 40, 60 before the stop
        assertEquals(4, VtiFiles.readCollection(broken.resolve(CellSnapshots.COLLECTION)).size());
        // as if the process had gone on writing rows (and half a row), a snapshot and the collection listing it after
        // the checkpoint before it was killed
        Files.writeString(broken.resolve(TimeSeriesWriter.FILE_NAME), "0.4,1,2,3\n0.45,9,9", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Path later = broken.resolve("fields").resolve("cells_0004.vti");
        Files.writeString(later, "<?xml not this run's");
        Files.writeString(broken.resolve(CellSnapshots.COLLECTION), Files.readString(straight.resolve(CellSnapshots.COLLECTION)));
        SpatialRun.resume(broken, out, quiet().withStopAfterStep(75)); // stopped again before the snapshot of step 80
        List<VtiFiles.DataSet> listed = VtiFiles.readCollection(broken.resolve(CellSnapshots.COLLECTION));
        assertEquals(4, listed.size(), "the collection lists exactly the snapshots written before the checkpoint");
        assertEquals(0.3, listed.get(3).time(), 1e-15);
        assertFalse(Files.exists(later), "a snapshot the checkpoint does not count is removed");
        SpatialRun.resume(broken, out, quiet());
        assertArrayEquals(series(straight), series(broken));
        assertSameSnapshots(straight, broken);
    }

    @Test
    void resumingARunOfAnEarlierVersionKeepsItsLegacySnapshotsAndListsTheVtiThatExist() throws IOException {
        Path broken = run("broken", 1, 300, 73);
        // as if snapshot 1 had been written by a version that wrote legacy ASCII .vtk
        Path vti = broken.resolve("fields").resolve("cells_0001.vti");
        Files.delete(vti);
        Path legacy = broken.resolve("fields").resolve("cells_0001.vtk");
        Files.writeString(legacy, "# vtk DataFile Version 3.0");
        SpatialRun.resume(broken, out, quiet());
        assertTrue(Files.exists(legacy), "a resume removes no snapshot the checkpoint counts");
        List<VtiFiles.DataSet> listed = VtiFiles.readCollection(broken.resolve(CellSnapshots.COLLECTION));
        assertEquals(10, listed.size(), "11 snapshots, of which 10 .vti");
        assertFalse(listed.stream().anyMatch(d -> d.file().equals("fields/cells_0001.vti")));
        assertEquals("fields/cells_0010.vti", listed.getLast().file());
    }

    /**
     * The collection and every snapshot of two runs are the same bytes, the collection lists exactly the snapshot files
     * there are, at times of timeseries.csv rows (the time of each .vti as well).
     */
    static void assertSameSnapshots(Path expected, Path actual) throws IOException {
        assertArrayEquals(Files.readAllBytes(expected.resolve(CellSnapshots.COLLECTION)),
                Files.readAllBytes(actual.resolve(CellSnapshots.COLLECTION)), CellSnapshots.COLLECTION);
        List<String> files;
        try (var s = Files.list(actual.resolve("fields"))) {
            files = s.map(p -> "fields/" + p.getFileName()).sorted().toList();
        }
        try (var s = Files.list(expected.resolve("fields"))) {
            assertEquals(s.map(p -> "fields/" + p.getFileName()).sorted().toList(), files, "the snapshot files");
        }
        List<VtiFiles.DataSet> listed = VtiFiles.readCollection(actual.resolve(CellSnapshots.COLLECTION));
        assertEquals(files, listed.stream().map(VtiFiles.DataSet::file).toList(), "the collection lists every file");
        List<Double> times = org.knudsen.io.TimeSeriesReader.read(actual.resolve(TimeSeriesWriter.FILE_NAME)).rows().stream()
                .map(r -> r[0]).toList();
        for (VtiFiles.DataSet d : listed) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(d.file())), Files.readAllBytes(actual.resolve(d.file())),
                    d.file());
            assertTrue(times.contains(d.time()), d.time() + " is a time of timeseries.csv");
            assertEquals(d.time(), VtiFiles.read(actual.resolve(d.file())).time(), 0.0, d.file());
        }
    }

    @Test
    void damagedCheckpointFallsBackToThePreviousOneAndStillReproducesTheRun() throws IOException {
        Path straight = run("straight", 1, 0, 0);
        Path broken = run("broken", 1, 0, 73); // checkpoint.bin at step 73, .prev at step 70
        Path file = broken.resolve(CheckpointFile.FILE_NAME);
        flipByte(file, Files.size(file) / 2);
        SpatialRun.resume(broken, out, quiet());
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(file + ": damaged checkpoint (CRC-32C mismatch"), text);
        assertTrue(text.contains("at step 70 of 200"), text);
        assertArrayEquals(series(straight), series(broken));
    }

    @Test
    void damagedCheckpointWithoutPredecessorIsRejectedNamingTheFile() throws IOException {
        Path broken = run("broken", 1, 300, 73);
        Path file = broken.resolve(CheckpointFile.FILE_NAME);
        byte[] good = Files.readAllBytes(file);
        flipByte(file, good.length / 3);
        InputException e = assertThrows(InputException.class, () -> SpatialRun.resume(broken, out, quiet()));
        assertTrue(e.getMessage().startsWith(file + ": damaged checkpoint (CRC-32C mismatch"), e.getMessage());
        Files.write(file, java.util.Arrays.copyOf(good, good.length - 100)); // cut short, e.g. disk full
        e = assertThrows(InputException.class, () -> SpatialRun.resume(broken, out, quiet()));
        assertTrue(e.getMessage().startsWith(file + ": damaged checkpoint (trailer missing"), e.getMessage());
        Files.write(file, good);
        SpatialRun.resume(broken, out, quiet()); // the intact file still resumes
    }

    @Test
    void checkpointOfAnotherScenarioIsRejected() throws IOException {
        Path broken = run("broken", 1, 300, 73);
        Path scenario = broken.resolve("scenario.toml");
        Files.writeString(scenario, Files.readString(scenario).replace("seed = 7", "seed = 8"));
        InputException e = assertThrows(InputException.class, () -> SpatialRun.resume(broken, out, quiet()));
        assertTrue(e.getMessage().contains("belongs to another scenario"), e.getMessage());
        Files.delete(broken.resolve(CheckpointFile.FILE_NAME));
        e = assertThrows(InputException.class, () -> SpatialRun.resume(broken, out, quiet()));
        assertTrue(e.getMessage().contains("no such checkpoint file"), e.getMessage());
    }

    @Test
    void checkpointFileDetectsEveryFlippedByteOfASmallFile() {
        Path file = tmp.resolve("c.bin");
        CheckpointFile.write(file, o -> {
            o.writeLong(42);
            o.writeDouble(Math.PI);
            o.writeUTF("knudsen");
        });
        assertEquals(Math.PI, CheckpointFile.read(file, in -> {
            assertEquals(42, in.readLong());
            double v = in.readDouble();
            assertEquals("knudsen", in.readUTF());
            return v;
        }));
        // a reader that stops early is a mismatch between writer and reader, reported as damage
        assertThrows(InputException.class, () -> CheckpointFile.read(file, in -> in.readLong()));
        // a reader that reads too far must not run into the trailer
        assertThrows(InputException.class, () -> CheckpointFile.read(file, in -> {
            in.readFully(new byte[64]);
            return 0;
        }));
        try {
            byte[] good = Files.readAllBytes(file);
            for (int k = 0; k < good.length; k++) {
                byte[] bad = good.clone();
                bad[k] ^= 0x10;
                Files.write(file, bad);
                assertThrows(InputException.class, () -> CheckpointFile.verify(file), "byte " + k);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void flipByte(Path file, long position) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[(int) position] ^= 0x01;
        Files.write(file, b);
    }
}
