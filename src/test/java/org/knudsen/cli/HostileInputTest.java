package org.knudsen.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.knudsen.io.RunDirectory;
import org.knudsen.scenario.ScenarioParser;
import org.knudsen.run.SpatialRun;
import picocli.CommandLine;

/**
 * Hostile and malformed scenarios aimed at a directory that holds an unfinished run: every one exits 2 naming the
 * key (or, for a file that is not TOML text at all, the problem) at its TOML line:column, and leaves that directory
 * byte for byte as it was. Covers the classes that used to pass validation and fail later with exit 1: names the
 * output writers refuse or that clash, unresolved modes, non-positive concentrations, overflow to NaN/∞, memory
 * beyond the heap, sizes beyond array indices, thread counts, time grids, unsafe run names, deep nesting, binary
 * and UTF-16 files.
 */
class HostileInputTest {
    @TempDir
    static Path tmp;
    /** A run stopped at step 40 of 200: checkpoint, summary "interrupted", time series, snapshots. */
    static Path unfinished;
    static Map<String, byte[]> before;

    /** A valid two-species spatial scenario writing into the unfinished run's directory; cases edit it. */
    static String base() {
        return """
                name = "hostile"
                seed = 7
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
                mass = 4.0
                concentration = 0.5
                [collisions]
                gamma = 1.0
                strength = 1.0
                [fluid]
                mean_velocity = [0.0, 0.0, 0.0]
                [[fluid.mode]]
                wavevector = [1, 0, 0]
                amplitude = { A = 0.2, B = -0.2 }
                [particles]
                per_cell = 50
                [time]
                dt = "auto"
                end = 1.0
                [output]
                dir = "DIR"
                every = 0.05
                """.replace("DIR", unfinished.toString().replace("\\", "/"));
    }

    @BeforeAll
    static void leaveAnUnfinishedRun() throws IOException {
        unfinished = tmp.resolve("unfinished");
        SpatialRun.run(ScenarioParser.parse(base()), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), SpatialRun.Options.defaults(false).withSignals(false).withStopAfterStep(40));
        assertTrue(RunDirectory.holdsUnfinishedRun(unfinished));
        before = contents(unfinished);
    }

    static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    static void assertUnchanged() throws IOException {
        Map<String, byte[]> after = contents(unfinished);
        assertEquals(before.keySet(), after.keySet(), "the same files");
        for (String f : before.keySet()) {
            assertArrayEquals(before.get(f), after.get(f), f + " unchanged");
        }
    }

    /** Replaces a line of the base scenario that starts with {@code prefix} by {@code line}. */
    static String with(String prefix, String line) {
        String b = "\n" + base();
        int at = b.indexOf("\n" + prefix);
        if (at < 0) {
            throw new IllegalArgumentException("no line starting with " + prefix);
        }
        int end = b.indexOf('\n', at + 1);
        return (b.substring(0, at + 1) + line + b.substring(end)).substring(1);
    }

    static String replaced(String from, String to) {
        String b = base();
        if (!b.contains(from)) {
            throw new IllegalArgumentException("base has no " + from);
        }
        return b.replace(from, to);
    }

    static Stream<Arguments> hostileScenarios() {
        String threeSpecies = replaced("amplitude = { A = 0.2, B = -0.2 }", "amplitude = { A = 0.2, B = -0.2, X = 0.0 }")
                .replace("[collisions]", "[[species]]\nname = \"X\"\nmass = 2.0\nconcentration = 0.5\n\n[collisions]");
        return Stream.of(
                // names the CSV/VTK writers refuse, or that clash in the outputs
                Arguments.of("species name with a comma", threeSpecies.replace("name = \"X\"", "name = \"X,Y\"")
                        .replace("X = 0.0", "\"X,Y\" = 0.0"), "species[2].name"),
                Arguments.of("species name with a space", threeSpecies.replace("name = \"X\"", "name = \"X Y\"")
                        .replace("X = 0.0", "\"X Y\" = 0.0"), "species[2].name"),
                Arguments.of("species name with a newline", threeSpecies.replace("name = \"X\"", "name = \"X\\nY\"")
                        .replace("X = 0.0", "\"X\\nY\" = 0.0"), "species[2].name"),
                Arguments.of("species name with a quote", threeSpecies.replace("name = \"X\"", "name = \"X\\\"\"")
                        .replace("X = 0.0", "\"X\\\"\" = 0.0"), "species[2].name"),
                Arguments.of("species name not ASCII", threeSpecies.replace("name = \"X\"", "name = \"Xé\"")
                        .replace("X = 0.0", "\"Xé\" = 0.0"), "species[2].name"),
                Arguments.of("species name of 65 characters", threeSpecies.replace("name = \"X\"",
                        "name = \"" + "X".repeat(65) + "\"").replace("X = 0.0", "X".repeat(65) + " = 0.0"),
                        "species[2].name"),
                Arguments.of("species name clashing with another's _se column", threeSpecies.replace("name = \"X\"",
                        "name = \"A_se\"").replace("X = 0.0", "A_se = 0.0"), "species[2].name"),
                Arguments.of("species name clashing with another's _ms column", threeSpecies.replace("name = \"X\"",
                        "name = \"A_ms\"").replace("X = 0.0", "A_ms = 0.0"), "species[2].name"),
                // unresolved modes
                Arguments.of("mode at the Nyquist number of the cells", with("wavevector", "wavevector = [8, 0, 0]"),
                        "fluid.mode[0].wavevector"),
                Arguments.of("mode beyond the cells", with("wavevector", "wavevector = [100, 0, 0]"),
                        "fluid.mode[0].wavevector"),
                Arguments.of("mode along an axis of one cell", with("wavevector", "wavevector = [1, 1, 0]"),
                        "fluid.mode[0].wavevector"),
                // concentrations that become non-positive
                Arguments.of("amplitude larger than c_inf / eps", with("amplitude", "amplitude = { A = 1.2, B = -1.2 }"),
                        "fluid.mode[0].amplitude.A"),
                Arguments.of("two modes that together go negative", replaced("[particles]", """
                        [[fluid.mode]]
                        wavevector = [2, 0, 0]
                        amplitude = { A = 0.9, B = -0.9 }
                        [particles]"""), "fluid.mode[0].amplitude.A"),
                // overflow to NaN/∞ in Δ_ij, the rates or the Maxwellians
                Arguments.of("Delta_ij overflows", replaced("strength = 1.0", "strength = 1e-300")
                        .replace("mass = 1.0", "mass = 1e-300").replace("mass = 4.0", "mass = 1e-300"),
                        "collisions.strength"),
                Arguments.of("collision frequency overflows", replaced("concentration = 0.5", "concentration = 1e200"),
                        "collisions.strength"),
                Arguments.of("scaled rates overflow at a tiny epsilon", with("epsilon", "epsilon = 1e-300"),
                        "species[0].mass"),
                Arguments.of("mean velocity overflows the Maxwellians", with("mean_velocity",
                        "mean_velocity = [1e10, 0.0, 0.0]"), "fluid.mean_velocity"),
                Arguments.of("tabulated law with infinite values", replaced("strength = 1.0", "strength = 1.0\n"
                        + "angular = { law = \"tabulated\", cos_theta = [-1.0, 1.0], b = [1e308, 1e308] }"),
                        "collisions.angular"),
                // memory and array sizes
                Arguments.of("particles beyond the heap", with("cells", "cells = [4096, 1, 1]")
                        .replace("per_cell = 50", "per_cell = 500000"), "particles.per_cell"),
                Arguments.of("particles beyond one store", with("per_cell", "per_cell = 2000000000"),
                        "particles.per_cell"),
                Arguments.of("cells beyond float resolution", with("cells", "cells = [2000000, 1, 1]"), "domain.cells"),
                Arguments.of("cells beyond int indices", with("cells", "cells = [1048576, 1048576, 4]"), "domain.cells"),
                // threads
                Arguments.of("threads beyond the schema limit", with("threads", "threads = 100000"), "threads"),
                Arguments.of("threads beyond 4 per core", with("threads", "threads = 4096"), "threads"),
                // time grid
                Arguments.of("end not a whole number of outputs", with("end", "end = 1.01"), "time.end"),
                Arguments.of("dt not dividing output.every", with("dt", "dt = 0.003"), "time.dt"),
                Arguments.of("step count beyond 10^12", with("end", "end = 1e14").replace("every = 0.05",
                        "every = 1e13"), "time.dt"),
                Arguments.of("dt that underflows the grid", with("dt", "dt = 1e-300"), "time.dt"),
                // unsafe names and paths
                Arguments.of("run name with .. without output.dir", with("name", "name = \"..\"")
                        .replace("dir = \"" + unfinished.toString().replace("\\", "/") + "\"\n", ""), "name"),
                Arguments.of("run name with a slash without output.dir", with("name", "name = \"a/../../b\"")
                        .replace("dir = \"" + unfinished.toString().replace("\\", "/") + "\"\n", ""), "name"),
                Arguments.of("run name with a control character without output.dir", with("name", "name = \"a\\u0007\"")
                        .replace("dir = \"" + unfinished.toString().replace("\\", "/") + "\"\n", ""), "name"),
                Arguments.of("output.dir with a newline", with("dir", "dir = \"runs/a\\nb\""), "output.dir"),
                // what the run kind needs
                Arguments.of("spatial run of one species", replaced("""
                        [[species]]
                        name = "B"
                        mass = 4.0
                        concentration = 0.5
                        """, "").replace("amplitude = { A = 0.2, B = -0.2 }", "amplitude = { A = 0.0 }"), "species"),
                Arguments.of("fluid-only run without modes", replaced("""
                        [[fluid.mode]]
                        wavevector = [1, 0, 0]
                        amplitude = { A = 0.2, B = -0.2 }
                        [particles]
                        per_cell = 50
                        """, ""), "fluid.mode"),
                Arguments.of("resolving neither collision time nor mean free path", with("cells", "cells = [4, 1, 1]")
                        .replace("epsilon = 0.5", "epsilon = 0.05").replace("dt = \"auto\"", "dt = 0.05"), "time.dt"),
                // the per-key rules, aimed at the unfinished run too
                Arguments.of("negative mass", with("mass = 4.0", "mass = -4.0"), "species[1].mass"),
                Arguments.of("epsilon above 1", with("epsilon", "epsilon = 2.0"), "scaling.epsilon"),
                Arguments.of("unknown key", with("seed", "sead = 7"), "sead"),
                Arguments.of("amplitudes not summing to zero", with("amplitude", "amplitude = { A = 0.2, B = -0.1 }"),
                        "fluid.mode[0].amplitude"),
                Arguments.of("every above end", with("every", "every = 2.0"), "output.every"),
                Arguments.of("checkpoint interval negative", replaced("every = 0.05", "every = 0.05\ncheckpoint_every = -1"),
                        "output.checkpoint_every"));
    }

    private String err;

    private int knudsen(String... args) {
        StringWriter out = new StringWriter(), e = new StringWriter();
        CommandLine cmd = new CommandLine(new Knudsen());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(e, true));
        int code = cmd.execute(args);
        err = e.toString();
        return code;
    }

    private static final Pattern LOCATED = Pattern.compile("\\.toml:(\\d+):(\\d+): ");

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileScenarios")
    void hostileScenarioExitsTwoNamingKeyAndLineAndLeavesTheUnfinishedRunAsItWas(String what, String toml, String key)
            throws IOException {
        Path file = tmp.resolve("case.toml");
        Files.writeString(file, toml);
        List<Path> runsBefore = MalformedScenarioCliTest.filesUnder(Path.of("runs"));
        assertEquals(2, knudsen("run", file.toString()), what + ": " + err);
        assertTrue(err.contains(": " + key + " = "), what + ": stderr names the key " + key + ": " + err);
        var m = LOCATED.matcher(err);
        assertTrue(m.find() && Integer.parseInt(m.group(1)) >= 1, what + ": stderr has file:line:column: " + err);
        assertUnchanged();
        assertEquals(runsBefore, MalformedScenarioCliTest.filesUnder(Path.of("runs")), what + ": nothing under runs/");
    }

    static Stream<Arguments> filesThatAreNotTomlText() {
        byte[] utf16 = "name = \"x\"\n".getBytes(StandardCharsets.UTF_16); // Java writes a byte-order mark
        byte[] utf16le = "name = \"x\"\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] binary = new byte[4096];
        new java.util.Random(1).nextBytes(binary);
        binary[17] = 0;
        return Stream.of(
                Arguments.of("UTF-16 with byte-order mark", utf16, "not a UTF-8 text file (it starts with a UTF-16"),
                Arguments.of("UTF-16LE without byte-order mark", utf16le, "not a UTF-8 text file (NUL byte"),
                Arguments.of("random binary", binary, "not a UTF-8 text file"),
                Arguments.of("invalid UTF-8 sequence", "name = \"\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1),
                        "not a UTF-8 text file (invalid UTF-8 byte 0xE9)"),
                Arguments.of("10^5 nested brackets", ("x = " + "[".repeat(100_000)).getBytes(StandardCharsets.UTF_8),
                        "TOML nesting of [ ] and { } deeper than 32 levels"),
                Arguments.of("100 nested inline tables", ("x = " + "{ a = ".repeat(100) + "1" + " }".repeat(100))
                        .getBytes(StandardCharsets.UTF_8), "TOML nesting of [ ] and { } deeper than 32 levels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesThatAreNotTomlText")
    void fileThatIsNotTomlTextExitsTwoWithTheProblemAndItsPosition(String what, byte[] bytes, String message)
            throws IOException {
        Path file = tmp.resolve("bad.toml");
        Files.write(file, bytes);
        assertEquals(2, knudsen("run", file.toString()), what + ": " + err);
        assertTrue(err.contains(message), what + ": " + err);
        assertTrue(err.startsWith(file + ":"), what + ": names the file: " + err);
        assertUnchanged();
    }

    @Test
    void aValidScenarioIsNotRunOverTheUnfinishedRunWithoutForce() throws IOException {
        Path file = tmp.resolve("valid.toml");
        Files.writeString(file, base());
        assertEquals(2, knudsen("run", file.toString()), err);
        assertTrue(err.contains("holds an unfinished run") && err.contains("knudsen resume " + unfinished)
                && err.contains("--force"), err);
        assertUnchanged();
    }

    @Test
    void threadOptionsNameTheOptionTheUserTyped() {
        assertEquals(2, knudsen("bench", "--threads", "-1"));
        assertTrue(err.contains("--threads = -1"), err);
        assertEquals(2, knudsen("bench", "--threads", "100000"));
        assertTrue(err.contains("--threads = 100000") && err.contains("cores"), err);
    }

    @Test
    void benchBeyondTheHeapIsRefusedBeforeAnyWork() {
        assertEquals(2, knudsen("bench", "--cells", "10000,10000,10"));
        assertTrue(err.contains("--cells = 10000,10000,10") && err.contains("heap"), err);
    }

    @Test
    void fieldsToAnUnwritablePathExitTwo() throws IOException {
        Path file = tmp.resolve("fields-case.toml");
        Files.writeString(file, with("dir", "dir = \"" + tmp.resolve("fields-run").toString().replace("\\", "/") + "\""));
        Path blocker = tmp.resolve("a-file");
        Files.writeString(blocker, "not a directory");
        assertEquals(2, knudsen("fields", file.toString(), "--out", blocker.resolve("f.csv").toString()), err);
        assertTrue(err.contains("f.csv") && err.contains("cannot write"), err);
    }

    @Test
    void aRunLongerThanADayIsReportedBeforeAnyWork() throws IOException {
        Path file = tmp.resolve("long.toml");
        Files.writeString(file, with("end", "end = 10000.0").replace("every = 0.05", "every = 100.0")
                .replace("per_cell = 50", "per_cell = 1000000"));
        StringWriter o = new StringWriter(), e = new StringWriter();
        CommandLine cmd = new CommandLine(new Knudsen());
        cmd.setOut(new PrintWriter(o, true));
        cmd.setErr(new PrintWriter(e, true));
        assertEquals(0, cmd.execute("info", file.toString()), e::toString);
        assertTrue(o.toString().contains("estimated wall time on this machine:") && o.toString().contains("days")
                && o.toString().contains("WARNING: more than a day"), o::toString);
    }
}
