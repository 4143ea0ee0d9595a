package org.knudsen.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knudsen.io.ReplicaFile;
import org.knudsen.run.CheckRun;
import org.knudsen.run.ScenarioParser;

/**
 * knudsen check / merge (issue 7) on a binary mixture of Maxwell molecules (γ = 0: Maxwell–Stefan with Δ_ij is the
 * Boltzmann diffusion, PHYSICS.md §5.4), masses 1 and 1, c∞ = 0.5/0.5, C = 10 (Δ = 0.2), ε = 0.05, one mode
 * ε c̃ = ±0.3 on L = 1 (MS rate 7.90), diffusive separation 0.0079 (knudsen info): inertia corrections to MS are
 * below the noise of these runs. 128 cells (mean free path 0.0080, cell 0.0078), dt = auto = 5e-5, end = 0.2
 * (1.6 MS e-folds, 4000 steps), 20 output times after t = 0.
 */
class CheckCommandTest extends CommandLineTest {
    /** The binary Maxwell-molecule scenario described in the class comment. */
    static String binary(long seed, double epsilon, int cells, int perCell, double end, double every, Path dir) {
        return String.format(Locale.ROOT, """
                name = "binary-check"
                seed = %d
                threads = 1
                [scaling]
                epsilon = %s
                [domain]
                length = [1.0, 1.0, 1.0]
                cells = [%d, 1, 1]
                [[species]]
                name = "A"
                mass = 1.0
                concentration = 0.5
                [[species]]
                name = "B"
                mass = 1.0
                concentration = 0.5
                [collisions]
                gamma = 0.0
                strength = 10.0
                angular = "isotropic"
                [fluid]
                [[fluid.mode]]
                wavevector = [1, 0, 0]
                amplitude = { A = %s, B = %s }
                [particles]
                per_cell = %d
                [time]
                end = %s
                [output]
                dir = "%s"
                every = %s
                """, seed, epsilon, cells, 0.3 / epsilon, -0.3 / epsilon, perCell, end,
                dir.toString().replace("\\", "/"), every);
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    /**
     * The run size of the acceptance checks: R = 16 replicas of 128 × 100 = 12 800 particles, 4000 steps. For a given
     * total of particles, more replicas give more power: the critical |t| of the Bonferroni test falls from 4.03
     * (R = 8) to 3.29 (R = 16) at level 0.01 with 2 comparisons, and the SE estimate is steadier.
     */
    static final int PER_CELL = 100;
    static final int REPLICAS = 16;
    static final double END = 0.2;
    static final double EVERY = 0.01;

    /**
     * The exact Maxwell–Stefan solution (exported as a fields file) is judged consistent at level 0.01 for 5 seeds
     * out of 5: R = 16 replicas of 12 800 particles each per seed.
     */
    @Test
    void maxwellStefanFieldsAreConsistentWithMaxwellMoleculeParticlesForFiveSeeds(@TempDir Path tmp) throws IOException {
        Path fields = tmp.resolve("ms.csv");
        Path first = write(tmp, "s0.toml", binary(0, 0.05, 128, PER_CELL, END, EVERY, tmp.resolve("unused")));
        CheckRun.writeMaxwellStefanFields(ScenarioParser.parseFile(first), fields, 1.0, true);
        List<String> report = new ArrayList<>();
        for (long seed = 1; seed <= 5; seed++) {
            Path s = write(tmp, "s" + seed + ".toml", binary(seed, 0.05, 128, PER_CELL, END, EVERY, tmp.resolve("u")));
            Path dir = tmp.resolve("check" + seed);
            int code = knudsen("check", s.toString(), "--fields", fields.toString(), "--replicas",
                    Integer.toString(REPLICAS), "--threads", "2", "--dir", dir.toString());
            JsonNode v = json(dir.resolve("check.json")).get("verdict");
            report.add(String.format(Locale.ROOT, "seed %d: exit %d, p = %.3g, max|z| = %.2f", seed, code,
                    v.get("p_value").asDouble(), v.get("max_abs_z").asDouble()));
            assertEquals(0, code, () -> report + "\n" + out + err);
            assertTrue(v.get("p_value").asDouble() > 0.01, report::toString);
        }
        System.out.println("consistent MS check: " + report);
    }

    /** Every Δ_ij × 0.9 in the reference (a 10 % error of the external solver) is judged inconsistent, same run size. */
    @Test
    void tenPercentDeltaErrorIsJudgedInconsistent(@TempDir Path tmp) throws IOException {
        Path s = write(tmp, "s.toml", binary(7, 0.05, 128, PER_CELL, END, EVERY, tmp.resolve("u")));
        Path fields = tmp.resolve("wrong.csv");
        assertEquals(0, knudsen("fields", s.toString(), "--out", fields.toString(), "--delta-scale", "0.9"), err::toString);
        Path dir = tmp.resolve("check");
        int code = knudsen("check", s.toString(), "--fields", fields.toString(), "--replicas",
                Integer.toString(REPLICAS), "--threads", "2", "--dir", dir.toString());
        JsonNode check = json(dir.resolve("check.json"));
        System.out.println("Delta x 0.9: exit " + code + ", p = " + check.get("verdict").get("p_value").asDouble()
                + ", max|z| = " + check.get("verdict").get("max_abs_z").asDouble());
        assertEquals(Knudsen.CHECK_INCONSISTENT, code, out::toString);
        assertFalse(check.get("consistent").asBoolean());
        assertTrue(check.get("verdict").get("p_value").asDouble() < 1e-3);
        assertTrue(Files.size(dir.resolve("check_z.png")) > 0);
        // every replica's raw numbers are on disk, with the hashes that tie them to the inputs
        for (int r = 0; r < REPLICAS; r++) {
            ReplicaFile.Data d = ReplicaFile.read(dir.resolve("replicas").resolve(ReplicaFile.fileName(r, REPLICAS)));
            assertEquals(ReplicaFile.sha256(fields), d.header().get("fields_sha256"));
            assertEquals(21, d.times().length);
        }
    }

    /** A small, fast scenario for the plumbing tests. */
    private static String tiny(Path dir) {
        return binary(3, 0.2, 16, 50, 0.05, 0.01, dir);
    }

    /** --replicas 4 in one process and 4 × --replica r/4 merged by knudsen merge give byte-identical check.json. */
    @Test
    void replicasInOneProcessAndMergedSeparateReplicasGiveIdenticalCheckJson(@TempDir Path tmp) throws IOException {
        Path s = write(tmp, "tiny.toml", tiny(tmp.resolve("u")));
        Path fields = tmp.resolve("ms.csv");
        assertEquals(0, knudsen("fields", s.toString(), "--out", fields.toString()), err::toString);
        Path together = tmp.resolve("together");
        int code = knudsen("check", s.toString(), "--fields", fields.toString(), "--replicas", "4", "--threads", "2",
                "--dir", together.toString());
        assertTrue(code == 0 || code == 3, err::toString);
        List<String> parts = new ArrayList<>();
        for (int r = 3; r >= 0; r--) { // any order, any directory
            Path d = tmp.resolve("part" + r);
            assertEquals(0, knudsen("check", s.toString(), "--fields", fields.toString(), "--replica", r + "/4",
                    "--dir", d.toString()), err::toString);
            assertFalse(Files.exists(d.resolve("check.json")), "a single replica writes its file only");
            parts.add(d.toString());
        }
        Path merged = tmp.resolve("merged");
        List<String> args = new ArrayList<>(List.of("merge"));
        args.addAll(parts);
        args.addAll(List.of("--out", merged.toString()));
        assertEquals(code, knudsen(args.toArray(String[]::new)), err::toString);
        assertArrayEquals(Files.readAllBytes(together.resolve("check.json")), Files.readAllBytes(merged.resolve("check.json")));
        JsonNode check = json(merged.resolve("check.json"));
        assertEquals(4, check.get("run").get("replicas").asInt());
        int times = CheckRun.outputTimes(ScenarioParser.parseFile(s)).length; // t = 0 and the sample steps
        assertEquals(2 * times, check.get("comparisons").get("mode").size());
        assertEquals(2 * times * 16, check.get("comparisons").get("cell").size());
        assertEquals(2, check.get("comparisons").get("mode_time_average").size());

        // a missing replica is named (exit 2)
        err.getBuffer().setLength(0);
        assertEquals(Knudsen.BAD_INPUT, knudsen("merge", parts.get(0), parts.get(1), parts.get(2), "--out",
                tmp.resolve("m2").toString()));
        assertTrue(err.toString().contains("replica 0 of 4 is missing"), err::toString);
    }

    /** Re-referencing replicas to the same fields file reproduces the check byte for byte (the power scan's route). */
    @Test
    void rereferencingToTheSameFieldsReproducesTheCheck(@TempDir Path tmp) throws IOException {
        Path s = write(tmp, "tiny.toml", tiny(tmp.resolve("u")));
        Path fields = tmp.resolve("ms.csv");
        assertEquals(0, knudsen("fields", s.toString(), "--out", fields.toString()), err::toString);
        Path dir = tmp.resolve("c");
        int code = knudsen("check", s.toString(), "--fields", fields.toString(), "--replicas", "3", "--threads", "1",
                "--dir", dir.toString());
        assertTrue(code == 0 || code == 3, err::toString);
        Path re = tmp.resolve("re");
        CheckRun.rereference(ScenarioParser.parseFile(s), fields, List.of(dir), 3, re);
        assertEquals(code, knudsen("merge", re.toString()), err::toString);
        assertArrayEquals(Files.readAllBytes(dir.resolve("check.json")), Files.readAllBytes(re.resolve("check.json")));
    }

    /** Replicas of another fields file (different SHA-256) are refused by merge, naming the key. */
    @Test
    void mergeRefusesReplicasOfDifferentFieldsFiles(@TempDir Path tmp) throws IOException {
        Path s = write(tmp, "tiny.toml", tiny(tmp.resolve("u")));
        Path a = tmp.resolve("a.csv");
        Path b = tmp.resolve("b.csv");
        assertEquals(0, knudsen("fields", s.toString(), "--out", a.toString()));
        assertEquals(0, knudsen("fields", s.toString(), "--out", b.toString(), "--delta-scale", "0.95"));
        assertEquals(0, knudsen("check", s.toString(), "--fields", a.toString(), "--replica", "0/2", "--dir",
                tmp.resolve("p0").toString()));
        assertEquals(0, knudsen("check", s.toString(), "--fields", b.toString(), "--replica", "1/2", "--dir",
                tmp.resolve("p1").toString()));
        err.getBuffer().setLength(0);
        assertEquals(Knudsen.BAD_INPUT, knudsen("merge", tmp.resolve("p0").toString(), tmp.resolve("p1").toString()));
        assertTrue(err.toString().contains("fields_sha256"), err::toString);
    }

    /** A fields file without a species column exits 2 with the line and the problem; nothing is run. */
    @Test
    void fieldsFileWithMissingSpeciesExitsTwoNamingLineAndProblem(@TempDir Path tmp) throws IOException {
        Path s = write(tmp, "tiny.toml", tiny(tmp.resolve("u")));
        Path bad = write(tmp, "bad.csv", "# only A\nt,x,y,z,A\n0.0,0.5,0.5,0.5,0.5\n");
        Path dir = tmp.resolve("check");
        assertEquals(Knudsen.BAD_INPUT, knudsen("check", s.toString(), "--fields", bad.toString(), "--dir", dir.toString()));
        assertTrue(err.toString().contains("bad.csv:2"), err::toString);
        assertTrue(err.toString().contains("missing column for species 'B'"), err::toString);
        assertFalse(Files.exists(dir), "nothing written");
    }

    /** Fields that end before the scenario's time.end are refused up front (exit 2). */
    @Test
    void fieldsNotCoveringTheRunTimeAreRefused(@TempDir Path tmp) throws IOException {
        Path s = write(tmp, "tiny.toml", tiny(tmp.resolve("u")));
        Path shorter = write(tmp, "short.toml", tiny(tmp.resolve("u")).replace("end = 0.05", "end = 0.03"));
        Path fields = tmp.resolve("f.csv");
        assertEquals(0, knudsen("fields", shorter.toString(), "--out", fields.toString()));
        assertEquals(Knudsen.BAD_INPUT, knudsen("check", s.toString(), "--fields", fields.toString(), "--dir",
                tmp.resolve("c").toString()));
        assertTrue(err.toString().contains("the check needs [0, 0.05]"), err::toString);
    }

    /** Replica seeds: a fixed SplitMix64 mix of (seed, r), distinct for distinct r. */
    @Test
    void replicaSeedsAreReproducibleAndDistinct() {
        assertEquals(CheckRun.replicaSeed(42, 3), CheckRun.replicaSeed(42, 3));
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int r = 0; r < 1000; r++) {
            assertTrue(seen.add(CheckRun.replicaSeed(42, r)));
        }
        // SplitMix64 with state 0: its first output is the published constant 0xE220A8397B1DCDAF
        assertEquals(0xE220A8397B1DCDAFL, CheckRun.replicaSeed(0, 0));
    }
}
