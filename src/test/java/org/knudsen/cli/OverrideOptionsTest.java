package org.knudsen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knudsen.TestScenarios;
import org.knudsen.run.ScenarioFile;
import org.knudsen.scenario.Scenario;
import picocli.CommandLine;

/**
 * {@code --seed}, {@code --dir} and {@code --set key.path=value} replace a scenario's values as the parser reads them:
 * the run uses and records them (the resolved scenario.toml has them), and a bad one is refused like a bad value in the
 * file, naming the key and saying it came from the command line, before anything is written.
 */
class OverrideOptionsTest {
    @TempDir
    Path tmp;

    private String err = "";

    private int knudsen(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        CommandLine cmd = new CommandLine(new Knudsen());
        cmd.setOut(new PrintWriter(o, true));
        cmd.setErr(new PrintWriter(e, true));
        int code = cmd.execute(args);
        err = e.toString();
        return code;
    }

    @Test
    void setSeedAndDirAreRunAndRecordedInTheResolvedScenario() throws IOException {
        Path file = tmp.resolve("s.toml");
        Files.writeString(file, TestScenarios.tiny(tmp.resolve("never"), 1, 0));
        Path dir = tmp.resolve("elsewhere");
        assertEquals(0, knudsen("run", file.toString(), "--seed", "11", "--dir", dir.toString(),
                "--set", "particles.per_cell=30", "--set", "species[1].mass=5", "--set", "time.end=0.5",
                "--set", "time.splitting=\"first-order\""), err);
        assertFalse(Files.exists(tmp.resolve("never")), "the file's output.dir is overridden");
        Scenario resolved = ScenarioFile.read(dir.resolve("scenario.toml"));
        assertEquals(11, resolved.seed());
        assertEquals(30, resolved.particles().orElseThrow().perCell());
        assertEquals(5.0, resolved.species().get(1).mass());
        assertEquals(0.5, resolved.time().orElseThrow().end());
        assertEquals("first-order", resolved.time().orElseThrow().splitting().tomlName());
    }

    @Test
    void aBadOverrideIsRefusedNamingTheKeyAndTheCommandLineBeforeAnythingIsWritten() {
        Path dir = tmp.resolve("run");
        assertEquals(2, knudsen("run", "--dir", dir.toString(), "--set", "species[1].mass=-4"));
        assertTrue(err.contains("species[1].mass = -4 (from --set): must be finite and > 0"), err);
        assertEquals(2, knudsen("run", "--dir", dir.toString(), "--set", "particles.per_cel=4"));
        assertTrue(err.contains("particles.per_cel = 4 (from --set): no such key"), err);
        assertEquals(2, knudsen("run", "--dir", dir.toString(), "--set", "particles.per_cell=many"));
        assertTrue(err.contains("particles.per_cell = \"many\""), err);
        assertEquals(2, knudsen("run", "--dir", dir.toString(), "--set", "novalue"));
        assertTrue(err.contains("expected key.path=value"), err);
        assertFalse(Files.exists(dir), "nothing written for a refused override");
    }

    @Test
    void infoAndLinearSeeTheOverrides() {
        StringWriter o = new StringWriter();
        CommandLine cmd = new CommandLine(new Knudsen());
        cmd.setOut(new PrintWriter(o, true));
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        assertEquals(0, cmd.execute("info", "--json", "--set", "scaling.epsilon=0.05"));
        assertTrue(o.toString().contains("\"epsilon\" : 0.05"), o::toString);
    }
}
