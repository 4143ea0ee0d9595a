package org.knudsen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioParser;

class KnudsenCliTest extends CommandLineTest {
    /** masses 1, 4, 40; c = 0.4, 0.3, 0.3; C = 1; isotropic; the given γ (PHYSICS.md §1, §3 examples). */
    private static String ternary(double gamma) {
        return """
                name = "ternary-test"
                [[species]]
                name = "A"
                mass = 1
                concentration = 0.4
                [[species]]
                name = "B"
                mass = 4
                concentration = 0.3
                [[species]]
                name = "C"
                mass = 40
                concentration = 0.3
                [collisions]
                gamma = %s
                strength = 1.0
                angular = "isotropic"
                """.formatted(gamma);
    }

    private JsonNode infoJson(Path dir, String toml) throws IOException {
        Path file = dir.resolve("s.toml");
        Files.writeString(file, toml);
        assertEquals(0, knudsen("info", file.toString(), "--json"), err::toString);
        return new ObjectMapper().readTree(out.toString());
    }

    /** Matrix entries 11, 12, 13, 22, 23, 33 (diagonal skipped if zero) against a table, to relTol or half a unit
     *  of the 8th decimal, whichever is larger (the PHYSICS.md tables give 8 decimals, not 8 significant digits). */
    private static void assertPairs(JsonNode matrix, double[] expected, double relTol, boolean zeroDiagonal) {
        int[][] pairs = {{0, 0}, {0, 1}, {0, 2}, {1, 1}, {1, 2}, {2, 2}};
        int k = 0;
        for (int[] p : pairs) {
            double ij = matrix.get(p[0]).get(p[1]).asDouble();
            double ji = matrix.get(p[1]).get(p[0]).asDouble();
            assertEquals(ij, ji, 0.0, "symmetric");
            if (zeroDiagonal && p[0] == p[1]) {
                assertEquals(0.0, ij);
                continue;
            }
            double e = expected[k++];
            double tol = relTol >= 1e-7 ? Math.max(relTol * Math.abs(e), 5e-9) : relTol * Math.abs(e);
            assertEquals(e, ij, tol, () -> "entry " + p[0] + "," + p[1]);
        }
    }

    @Test
    void infoJsonGivesHardSphereDeltaAndCollisionFrequenciesOfPhysicsTables(@TempDir Path dir) throws IOException {
        JsonNode j = infoJson(dir, ternary(1.0));
        for (String key : List.of("species", "delta", "collision_frequency", "masses", "concentrations", "epsilon",
                "kernels", "per_particle_rate", "mean_free_path", "dt_auto")) {
            assertTrue(j.has(key), "missing key " + key);
        }
        assertEquals("[\"A\",\"B\",\"C\"]", j.get("species").toString());
        assertEquals(6, j.get("kernels").size());
        JsonNode k01 = j.get("kernels").get(1);
        assertEquals("[\"A\",\"B\"]", k01.get("pair").toString());
        assertEquals(1.0, k01.get("gamma").asDouble());
        assertEquals(1.0, k01.get("b1").asDouble());
        assertEquals(2.0 / 3.0, k01.get("b2").asDouble(), 1e-15);
        // PHYSICS.md §1 table (γ = 1), 8 digits given.
        assertPairs(j.get("delta"), new double[] {0.52546793, 0.47583145, 0.24646630}, 1e-7, true);
        // PHYSICS.md §3 example: ν_11, ν_12, ν_13, ν_22, ν_23, ν_33.
        assertPairs(j.get("collision_frequency"),
                new double[] {0.18054067, 0.21409489, 0.19387117, 0.05077706, 0.07531455, 0.01605712}, 1e-7, false);
        // PHYSICS.md §3: per-particle rates and mean free paths / ε (ε = 1 here), 7 digits given.
        double[] rate = {1.922618, 1.303212, 1.004333};
        double[] mfp = {0.829998, 0.612245, 0.251225};
        for (int i = 0; i < 3; i++) {
            assertEquals(rate[i], j.get("per_particle_rate").get(i).asDouble(), 1e-6 * rate[i]);
            assertEquals(mfp[i], j.get("mean_free_path").get(i).asDouble(), 2e-6 * mfp[i]);
        }
        assertEquals(0.2 / 1.922618, j.get("dt_auto").asDouble(), 1e-6);
        assertEquals(1.0, j.get("epsilon").asDouble());
    }

    /**
     * Hard spheres with C‖b‖ = π d² = 1: Δ_ij = 3/(8 d² √(2π μ_ij)) (PHYSICS.md §1) and
     * ν_ij = (1 − δ_ij/2) c_i c_j π d² √(8/(π μ_ij)) (§3), written out here independently of the code, to 1e-9.
     */
    @Test
    void infoJsonEqualsTheHardSphereClosedFormsToOneInABillion(@TempDir Path dir) throws IOException {
        JsonNode j = infoJson(dir, ternary(1.0));
        double[] m = {1, 4, 40}, c = {0.4, 0.3, 0.3};
        double d2 = 1 / Math.PI;
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                double mu = m[i] * m[k] / (m[i] + m[k]);
                double delta = i == k ? 0 : 3 / (8 * d2 * Math.sqrt(2 * Math.PI * mu));
                double nu = (i == k ? 0.5 : 1) * c[i] * c[k] * Math.PI * d2 * Math.sqrt(8 / (Math.PI * mu));
                assertEquals(delta, j.get("delta").get(i).get(k).asDouble(), 1e-9 * delta);
                assertEquals(nu, j.get("collision_frequency").get(i).get(k).asDouble(), 1e-9 * nu);
            }
        }
    }

    @Test
    void infoJsonGivesMaxwellMoleculeValuesExactly(@TempDir Path dir) throws IOException {
        JsonNode j = infoJson(dir, ternary(0.0));
        assertPairs(j.get("delta"), new double[] {1.25, 1.025, 0.275}, 1e-12, true);
        assertPairs(j.get("collision_frequency"), new double[] {0.08, 0.12, 0.12, 0.045, 0.09, 0.045}, 1e-12, false);
    }

    @Test
    void infoTextShowsTablesAndTimeStep() {
        assertEquals(0, knudsen("info"), err::toString);
        String text = out.toString();
        for (String s : List.of("species", "Delta_ij", "nu_ij", "mean free path", "dt_auto", "1.2500000", "0.0020000000")) {
            assertTrue(text.contains(s), () -> "missing '" + s + "' in\n" + text);
        }
    }

    @Test
    void printDefaultPrintsTheEmbeddedScenarioWhichParsesBackToTheDefault() {
        assertEquals(0, knudsen("run", "--print-default"), err::toString);
        Scenario printed = ScenarioParser.parse(out.toString(), "printed");
        assertEquals(ScenarioParser.defaultScenario(), printed);
        assertEquals(ScenarioParser.defaultScenarioText(), out.toString());
    }

    static Stream<Arguments> badScenarios() {
        String ok = ScenarioParser.defaultScenarioText();
        return Stream.of(
                Arguments.of(ok.replace("mass = 4.0", "mass = -4.0"), "species[1].mass"),
                Arguments.of(ok.replace("epsilon = 0.1", "epsilon = 0.0"), "scaling.epsilon"),
                Arguments.of(ok.replace("B = -0.1", "B = -0.2"), "fluid.mode[0].amplitude"),
                Arguments.of(ok.replace("per_cell = 200", "per_cell = 200\nper_cel = 3"), "particles.per_cel"),
                Arguments.of(ok.replace("angular = \"isotropic\"", "angular = \"hard\""), "collisions.angular"),
                Arguments.of("this is = not toml", "TOML syntax error"));
    }

    @ParameterizedTest
    @MethodSource("badScenarios")
    void badScenarioExitsWithCode2BeforeWritingAnything(String toml, String key, @TempDir Path dir) throws IOException {
        Path runs = dir.resolve("runs");
        Path file = dir.resolve("bad.toml");
        Files.writeString(file, toml.replace("dir = \"runs/ternary\"", "dir = \"" + runs.resolve("ternary")
                .toString().replace("\\", "\\\\") + "\""));
        for (String command : List.of("run", "info")) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            assertEquals(2, knudsen(command, file.toString()), command + ": " + err);
            assertTrue(err.toString().contains(key), () -> command + ": stderr does not name " + key + ":\n" + err);
            assertTrue(err.toString().contains(file.toString()), err::toString);
            assertEquals("", out.toString(), "nothing on stdout");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no files written");
        }
    }

    @Test
    void everyProblemGetsItsOwnStderrLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("two.toml");
        Files.writeString(file, ternary(2.0).replace("mass = 4\n", "mass = 0\n"));
        assertEquals(2, knudsen("info", file.toString()));
        List<String> lines = err.toString().lines().toList();
        assertEquals(2, lines.size(), err::toString);
        assertTrue(lines.get(0).contains("species[1].mass = 0"), lines::toString);
        assertTrue(lines.get(1).contains("collisions.gamma = 2.0"), lines::toString);
    }

    @Test
    void missingScenarioFileAndUnknownOptionAreBadInput(@TempDir Path dir) {
        assertEquals(2, knudsen("info", dir.resolve("nope.toml").toString()));
        assertTrue(err.toString().contains("no such file"), err::toString);
        assertEquals(2, knudsen("info", "--jsn"));
        assertEquals(2, knudsen("frobnicate"));
        assertEquals(2, knudsen());
    }

    @Test
    void helpAndVersionExitZero() {
        assertEquals(0, knudsen("--help"));
        assertTrue(out.toString().contains("info") && out.toString().contains("run"));
        assertEquals(0, knudsen("--version"));
        assertTrue(out.toString().contains("knudsen"));
        assertEquals(0, knudsen("run", "--help"));
        assertTrue(out.toString().contains("--print-default"));
    }

    @Test
    void homogeneousRunOfTheDefaultMixturePrintsParticlesBesideTheExactMaxwellMoleculeOdes() {
        assertEquals(0, knudsen("run", "--homogeneous"), err::toString);
        String text = out.toString();
        assertTrue(text.contains("exact moment ODEs") && text.contains("T(C)"), text);
    }
}
