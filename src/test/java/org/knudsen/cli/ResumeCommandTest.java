package org.knudsen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knudsen.io.CheckpointFile;
import org.knudsen.scenario.OutputSpec;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioParser;

/** {@code knudsen resume DIR} and the checkpoint options: exit codes and messages that name the file or key. */
class ResumeCommandTest extends CommandLineTest {
    @TempDir
    Path tmp;

    /** 16 cells × 20 particles, 40 steps, a sample every 10 steps. */
    private Path scenario(Path dir, String checkpointEvery) throws IOException {
        String text = """
                name = "cli-tiny"
                seed = 3
                threads = 1
                [scaling]
                epsilon = 0.5
                [domain]
                length = [1.0, 1.0, 1.0]
                cells = [16, 1, 1]
                [[species]]
                name = "A"
                mass = 1.0
                concentration = 0.5
                [[species]]
                name = "B"
                mass = 2.0
                concentration = 0.5
                [[fluid.mode]]
                wavevector = [1, 0, 0]
                amplitude = { A = 0.1, B = -0.1 }
                [particles]
                per_cell = 20
                [time]
                dt = 0.005
                end = 0.2
                [output]
                dir = "%s"
                every = 0.05
                %s
                """.formatted(dir.toString().replace("\\", "/"), checkpointEvery);
        Path file = tmp.resolve(dir.getFileName() + ".toml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void resumeOfAFinishedRunKeepsItsOutputsAndExitsZero() throws IOException {
        Path dir = tmp.resolve("run");
        assertEquals(0, knudsen("run", scenario(dir, "").toString(), "--checkpoint-every", "0"), err::toString);
        assertTrue(Files.exists(dir.resolve(CheckpointFile.FILE_NAME)));
        byte[] series = Files.readAllBytes(dir.resolve("timeseries.csv"));
        assertEquals(0, knudsen("resume", dir.toString()), err::toString);
        assertTrue(out.toString().contains("at step 40 of 40"), out::toString);
        assertEquals(new String(series), Files.readString(dir.resolve("timeseries.csv")));
    }

    @Test
    void resumeWithoutRunDirectoryScenarioOrCheckpointExitsTwoNamingTheFile() throws IOException {
        Path none = tmp.resolve("none");
        assertEquals(2, knudsen("resume", none.toString()));
        assertTrue(err.toString().contains(none + ": no such run directory"), err::toString);
        Files.createDirectories(none);
        assertEquals(2, knudsen("resume", none.toString()));
        assertTrue(err.toString().contains(none.resolve("scenario.toml") + ": no such file"), err::toString);
        Path dir = tmp.resolve("run");
        assertEquals(0, knudsen("run", scenario(dir, "").toString()), err::toString);
        Files.delete(dir.resolve(CheckpointFile.FILE_NAME));
        Files.deleteIfExists(dir.resolve(CheckpointFile.FILE_NAME + ".prev"));
        assertEquals(2, knudsen("resume", dir.toString()));
        assertTrue(err.toString().contains(dir.resolve(CheckpointFile.FILE_NAME) + ": no such checkpoint file"),
                err::toString);
    }

    @Test
    void corruptCheckpointExitsTwoNamingTheFile() throws IOException {
        Path dir = tmp.resolve("run");
        assertEquals(0, knudsen("run", scenario(dir, "checkpoint_every = 300").toString()), err::toString);
        Path file = dir.resolve(CheckpointFile.FILE_NAME);
        assertFalse(Files.exists(dir.resolve(CheckpointFile.FILE_NAME + ".prev")), "only the final checkpoint");
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 0x40;
        Files.write(file, b);
        assertEquals(2, knudsen("resume", dir.toString()));
        assertTrue(err.toString().startsWith(file + ": damaged checkpoint"), err::toString);
    }

    @Test
    void negativeCheckpointIntervalIsBadInput() throws IOException {
        Path dir = tmp.resolve("run");
        assertEquals(2, knudsen("run", scenario(dir, "").toString(), "--checkpoint-every", "-1"));
        assertTrue(err.toString().contains("--checkpoint-every = -1.0"), err::toString);
        assertEquals(2, knudsen("run", scenario(dir, "checkpoint_every = -5").toString()));
        assertTrue(err.toString().contains("output.checkpoint_every"), err::toString);
        assertEquals(2, knudsen("run", scenario(dir, "checkpoint_every = \"often\"").toString()));
        assertFalse(Files.exists(dir), "nothing is written for a rejected scenario");
    }

    @Test
    void checkpointIntervalDefaultsToFiveMinutesAndSurvivesTheResolvedScenario() {
        Scenario s = ScenarioParser.defaultScenario();
        assertEquals(OutputSpec.DEFAULT_CHECKPOINT_EVERY, s.output().orElseThrow().checkpointEvery());
        Scenario custom = ScenarioParser.parse(s.toToml().replaceAll("checkpoint_every = 300(\\.0)?", "checkpoint_every = 12.5"));
        assertEquals(12.5, custom.output().orElseThrow().checkpointEvery());
        assertEquals(custom, ScenarioParser.parse(custom.toToml()));
    }
}
