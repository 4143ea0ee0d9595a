package org.knudsen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knudsen.TestScenarios;
import org.knudsen.io.BuildInfo;
import org.knudsen.io.Provenance;
import org.knudsen.io.ReplicaFile;
import org.knudsen.io.StrictJson;
import org.knudsen.run.ScenarioFile;
import org.knudsen.run.SpatialRun;

/**
 * Provenance and conventions of the outputs (README "Outputs and conventions"): {@code -V} and the
 * {@code provenance} block of summary.json and check.json give the build's version, the launcher's git commit, the
 * JVM, OS, CPU, the command line and ISO-8601 UTC start and end times; a resumed run keeps the earlier processes'
 * blocks; output times are printed as the decimals of the output grid (0.01, not 0.010000000000000002).
 */
class ProvenanceTest extends CommandLineTest {
    private static final List<String> KEYS = List.of("knudsen_version", "git_commit", "java_version", "java_vm", "os",
            "cpu", "cores", "command_line", "started", "ended");

    /** The pom's project version (what resource filtering must have put into knudsen-version.properties). */
    private static String pomVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>knudsen</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "project version in pom.xml");
        return m.group(1);
    }

    @Test
    void versionOptionPrintsTheBuildVersionAndTheLaunchersCommit() throws Exception {
        assertEquals(pomVersion(), BuildInfo.version(), "filtered from the pom at build time");
        assertEquals(0, knudsen("-V"));
        assertTrue(out.toString().startsWith("knudsen " + pomVersion() + "\n")
                || out.toString().startsWith("knudsen " + pomVersion() + " (git "), out::toString);
        String before = System.getProperty(BuildInfo.COMMIT_PROPERTY);
        try {
            System.setProperty(BuildInfo.COMMIT_PROPERTY, "0123456789abcdef0123456789abcdef01234567-dirty");
            out.getBuffer().setLength(0);
            assertEquals(0, knudsen("--version"));
            assertTrue(out.toString().startsWith("knudsen " + pomVersion()
                    + " (git 0123456789abcdef0123456789abcdef01234567-dirty)\nJava "), out::toString);
            assertEquals("0123456789abcdef0123456789abcdef01234567-dirty", Provenance.inProcess().gitCommit());
            System.setProperty(BuildInfo.COMMIT_PROPERTY, "");
            assertEquals(null, BuildInfo.gitCommit(), "an empty property (no git) is unknown");
        } finally {
            if (before == null) {
                System.clearProperty(BuildInfo.COMMIT_PROPERTY);
            } else {
                System.setProperty(BuildInfo.COMMIT_PROPERTY, before);
            }
        }
    }

    /** The block: every key in order, the version, the command line as given, ISO-8601 UTC times in order. */
    static void assertProvenance(JsonNode p, List<String> commandLine, Instant notBefore, boolean ended) {
        List<String> keys = new ArrayList<>();
        p.fieldNames().forEachRemaining(keys::add);
        assertEquals(KEYS, keys, p::toString);
        assertEquals(BuildInfo.version(), p.get("knudsen_version").asText());
        assertEquals(Runtime.version().toString(), p.get("java_version").asText());
        assertEquals(Runtime.getRuntime().availableProcessors(), p.get("cores").asInt());
        for (String k : List.of("java_vm", "os", "cpu")) {
            assertFalse(p.get(k).asText().isBlank(), k);
        }
        List<String> line = new ArrayList<>();
        p.get("command_line").forEach(a -> line.add(a.asText()));
        assertEquals(commandLine, line);
        assertTrue(p.get("started").asText().endsWith("Z"), "UTC");
        Instant started = Instant.parse(p.get("started").asText());
        assertFalse(started.isBefore(notBefore.minusMillis(1)), () -> started + " before " + notBefore);
        if (ended) {
            Instant end = Instant.parse(p.get("ended").asText());
            assertFalse(end.isBefore(started), () -> end + " before " + started);
            assertFalse(end.isAfter(Instant.now()));
        } else {
            assertTrue(p.get("ended").isNull(), "a running process has no end yet");
        }
    }

    /**
     * summary.json of a run and check.json of a check and of a merge record their process; times in timeseries.csv,
     * the replica files, the fields file and check.json are the output grid's decimals although step × dt (dt =
     * 5e-5, 200 steps per output) is 0.030000000000000002 at the third output.
     */
    @Test
    void summaryAndCheckJsonRecordTheProcessAndTimesHaveNoBinaryNoise(@TempDir Path tmp) throws Exception {
        Instant t0 = Instant.now();
        Path s = tmp.resolve("tiny.toml");
        Files.writeString(s, TestScenarios.binary(3, 0.2, 16, 20, 0.05, 0.01, tmp.resolve("u")));
        List<String> run = List.of("run", s.toString(), "--set", "time.dt=5e-5", "--dir", tmp.resolve("r").toString());
        assertEquals(0, knudsen(run.toArray(String[]::new)), err::toString);
        assertEquals(0.030000000000000002, 600 * 5e-5, "step x dt is noisy at the third output");
        List<String> expected = List.of("t", "0.0", "0.01", "0.02", "0.03", "0.04", "0.05");
        assertEquals(expected, Files.readAllLines(tmp.resolve("r/timeseries.csv")).stream()
                .map(l -> l.substring(0, l.indexOf(','))).toList());
        JsonNode summary = StrictJson.file(tmp.resolve("r/summary.json"));
        assertEquals(0.05, summary.get("final").get("t").asDouble());
        List<String> line = new ArrayList<>(List.of("knudsen"));
        line.addAll(run);
        assertProvenance(summary.get("provenance"), line, t0, true);
        assertFalse(summary.has("earlier_provenance"));

        Path fields = tmp.resolve("ms.csv");
        assertEquals(0, knudsen("fields", s.toString(), "--out", fields.toString(), "--set", "time.dt=5e-5"), err::toString);
        assertTrue(Files.readString(fields).contains("\n0.03,"), "the fields file's times are the decimals too");
        List<String> check = List.of("check", s.toString(), "--fields", fields.toString(), "--replicas", "3",
                "--threads", "1", "--set", "time.dt=5e-5", "--dir", tmp.resolve("c").toString());
        int code = knudsen(check.toArray(String[]::new));
        assertTrue(code == 0 || code == 3, () -> code + "\n" + out + "\n" + err);
        assertTrue(out.toString().contains("fields file " + fields + ": comma-separated, columns t,x,y,z,A,B,u_A_x,u_A_y,"
                + "u_A_z,u_B_x,u_B_y,u_B_z from the header at line 2"), out::toString);
        JsonNode c = StrictJson.file(tmp.resolve("c/check.json"));
        line = new ArrayList<>(List.of("knudsen"));
        line.addAll(check);
        assertProvenance(c.get("provenance"), line, t0, true);
        assertEquals(0.03, c.get("comparisons").get("mode").get(3).get("time").asDouble());
        assertTrue(Files.readString(tmp.resolve("c/check.json")).contains("\"time\" : 0.03,"));
        assertEquals("0.0,0.01,0.02,0.03,0.04,0.05",
                ReplicaFile.read(tmp.resolve("c/replicas/replica_0_of_3.csv")).header().get("times"));

        List<String> merge = List.of("merge", tmp.resolve("c").toString(), "--out", tmp.resolve("m").toString());
        assertEquals(code, knudsen(merge.toArray(String[]::new)), err::toString);
        line = new ArrayList<>(List.of("knudsen"));
        line.addAll(merge);
        assertProvenance(StrictJson.file(tmp.resolve("m/check.json")).get("provenance"), line, t0, true);
        assertEquals(StrictJson.withoutProvenance(tmp.resolve("c/check.json")),
                StrictJson.withoutProvenance(tmp.resolve("m/check.json")));
    }

    /**
     * A run stopped after a step says it is not running any more (ended set) in its summary; the resumed run's
     * summary has the resume process's block and, under earlier_provenance, the first process's.
     */
    @Test
    void aResumedRunKeepsTheEarlierProcessesProvenance(@TempDir Path tmp) throws Exception {
        Instant t0 = Instant.now();
        Path dir = tmp.resolve("run");
        var scenario = org.knudsen.scenario.ScenarioParser.parse(TestScenarios.tiny(dir, 1, 1e9));
        Provenance first = Provenance.start(List.of("run", "tiny.toml"));
        SpatialRun.run(scenario, System.out, SpatialRun.Options.defaults(false).withSignals(false)
                .withStopAfterStep(3).withProvenance(first));
        JsonNode stopped = StrictJson.file(dir.resolve("summary.json"));
        assertEquals("interrupted", stopped.get("status").asText());
        assertProvenance(stopped.get("provenance"), List.of("knudsen", "run", "tiny.toml"), t0, true);

        assertEquals(0, knudsen("resume", dir.toString()), err::toString);
        JsonNode done = StrictJson.file(dir.resolve("summary.json"));
        assertEquals("complete", done.get("status").asText());
        assertProvenance(done.get("provenance"), List.of("knudsen", "resume", dir.toString()), t0, true);
        assertEquals(1, done.get("earlier_provenance").size());
        assertEquals(stopped.get("provenance"), done.get("earlier_provenance").get(0));
        assertTrue(ScenarioFile.read(dir.resolve("scenario.toml")) != null);
    }
}
