package org.knudsen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every malformed scenario of the validation suite, through the command: `knudsen run` exits 2 with the key on
 * stderr and writes nothing, neither beside the scenario nor in its default output directory.
 */
class MalformedScenarioCliTest {

    static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.knudsen.scenario.ScenarioValidationTest#malformedScenarios")
    void runOfAMalformedScenarioExitsTwoNamingTheKeyAndWritesNothing(String what, String toml, String key,
                                                                    @TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("bad.toml");
        Files.writeString(file, toml);
        List<Path> runsBefore = filesUnder(Path.of("runs"));
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cmd = new CommandLine(new Knudsen());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        assertEquals(2, cmd.execute("run", file.toString()), what + ": " + err);
        assertTrue(err.toString().contains(key), what + ": stderr names " + key + ": " + err);
        assertEquals(List.of(tmp, file), filesUnder(tmp), what + ": nothing written beside the scenario");
        assertEquals(runsBefore, filesUnder(Path.of("runs")), what + ": nothing written under runs/");
    }
}
