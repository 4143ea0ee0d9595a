package org.knudsen.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knudsen.TestScenarios;
import org.knudsen.io.TimeSeriesWriter;
import org.knudsen.scenario.ScenarioException;
import org.knudsen.scenario.ScenarioParser;

/**
 * Window rows ({@code [output] average = "window"}, docs/averaging.md) in a spatial run: 1 and 2 threads give
 * byte-identical rows, a run killed in the middle of a window and resumed gives the rows and final state of an
 * uninterrupted one (the open window is in the checkpoint), and a window of fewer steps than batches is refused.
 * The tiny scenario: 10 steps per output interval, 5 batches of 2 steps.
 */
class WindowRunTest {
    @TempDir
    Path tmp;

    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private static String windowed(Path dir, int threads, int batches) {
        return TestScenarios.tiny(dir, threads, 300) + "average = \"window\"\nbatches = " + batches + "\n";
    }

    private Path run(String name, int threads, long stopAfter) {
        Path dir = tmp.resolve(name);
        SpatialRun.run(ScenarioParser.parse(windowed(dir, threads, 5)), out,
                SpatialRun.Options.defaults(false).withSignals(false).withStopAfterStep(stopAfter));
        return dir;
    }

    private static byte[] series(Path dir) throws IOException {
        return Files.readAllBytes(dir.resolve(TimeSeriesWriter.FILE_NAME));
    }

    @Test
    void oneAndTwoThreadsGiveByteIdenticalWindowRows() throws IOException {
        Path one = run("one", 1, 0);
        Path two = run("two", 2, 0);
        assertArrayEquals(series(one), series(two));
        assertArrayEquals(SpatialRun.solverState(one), SpatialRun.solverState(two));
        String summary = Files.readString(one.resolve("summary.json"));
        assertTrue(summary.contains("\"average\" : \"window\""), summary);
        assertTrue(summary.contains("\"steps_per_window\" : 10"), summary);
    }

    @Test
    void runKilledInTheMiddleOfAWindowAndResumedEqualsTheUninterruptedRunBitForBit() throws IOException {
        Path straight = run("straight", 1, 0);
        Path broken = run("broken", 1, 73); // 3 of the 10 samples of the window 71..80 taken, the second batch open
        assertEquals(1 + 8, Files.readAllLines(broken.resolve(TimeSeriesWriter.FILE_NAME)).size());
        SpatialRun.resume(broken, out, SpatialRun.Options.defaults(false).withSignals(false));
        assertArrayEquals(series(straight), series(broken), "timeseries.csv after resume");
        assertArrayEquals(SpatialRun.solverState(straight), SpatialRun.solverState(broken), "final state and window");
    }

    @Test
    void windowRowsDifferFromInstantRowsButKeepTheTotals() throws IOException {
        Path window = run("window", 1, 0);
        Path instant = tmp.resolve("instant");
        SpatialRun.run(ScenarioParser.parse(TestScenarios.tiny(instant, 1, 300)), out,
                SpatialRun.Options.defaults(false).withSignals(false));
        var w = Files.readAllLines(window.resolve(TimeSeriesWriter.FILE_NAME));
        var i = Files.readAllLines(instant.resolve(TimeSeriesWriter.FILE_NAME));
        assertEquals(i.get(0), w.get(0), "same columns");
        assertEquals(i.get(1), w.get(1), "row 0 (t = 0) is the instant sample in both");
        assertNotEquals(i.get(5), w.get(5));
        // the particles follow the same trajectory: the conserved totals (last 4 columns) are the same
        String[] wl = w.get(w.size() - 1).split(","), il = i.get(i.size() - 1).split(",");
        for (int k = wl.length - 4; k < wl.length; k++) {
            assertEquals(il[k], wl[k]);
        }
    }

    @Test
    void aCheckAnUnknownAveragingAndBatchesOutOfRangeAreRefusedNamingTheKey() {
        ScenarioException check = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse(windowed(tmp.resolve("x"), 1, 5), "x.toml", RunRules.checkRun()));
        assertTrue(check.getMessage().contains("output.average"), check.getMessage());
        String tiny = TestScenarios.tiny(tmp.resolve("y"), 1, 300);
        ScenarioException unknown = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse(tiny + "average = \"sometimes\"\n"));
        assertTrue(unknown.getMessage().contains("average") && unknown.getMessage().contains("window"),
                unknown.getMessage());
        ScenarioException one = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse(tiny + "batches = 1\n"));
        assertTrue(one.getMessage().contains("batches"), one.getMessage());
    }

    @Test
    void moreBatchesThanStepsPerWindowIsRefusedNamingTheKey() {
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse(windowed(tmp.resolve("x"), 1, 11), "x.toml", RunRules.spatialRun()));
        assertTrue(e.getMessage().contains("output.batches"), e.getMessage());
        assertTrue(e.getMessage().contains("10 steps"), e.getMessage());
    }
}
