package org.knudsen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knudsen.io.StrictJson;

/** {@code knudsen linear}: documented JSON keys and shapes, the text form, bad options, one species, no modes. */
class LinearCommandTest extends CommandLineTest {
    /** The PHYSICS.md §5.3 mixture with one mode on a box of length 1, hard spheres. */
    static final String TERNARY = """
            name = "ternary-lin"
            [scaling]
            epsilon = 0.05
            [domain]
            length = [1.0, 1.0, 1.0]
            cells = [16, 1, 1]
            [[species]]
            name = "A"
            mass = 1.0
            concentration = 0.4
            [[species]]
            name = "B"
            mass = 4.0
            concentration = 0.3
            [[species]]
            name = "C"
            mass = 40.0
            concentration = 0.3
            [collisions]
            gamma = 1.0
            [[fluid.mode]]
            wavevector = [1, 0, 0]
            amplitude = { A = 0.2, B = -0.1, C = -0.1 }
            [[fluid.mode]]
            wavevector = [2, 0, 0]
            amplitude = { A = 0.0, B = 0.1, C = -0.1 }
            """;

    private JsonNode json(Path dir, String toml, String... options) throws Exception {
        Path file = dir.resolve("s.toml");
        Files.writeString(file, toml);
        String[] args = new String[options.length + 3];
        args[0] = "linear";
        args[1] = file.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        args[args.length - 1] = "--json";
        assertEquals(0, knudsen(args), err::toString);
        JsonNode j = StrictJson.parse(out.toString());
        StrictJson.assertSnakeCaseKeys(j, "linear --json");
        return j;
    }

    private static int length(JsonNode array) {
        assertTrue(array.isArray(), () -> array + " is not an array");
        return array.size();
    }

    /** Every documented key, with the documented shapes: per mode, per ε, N − 1 concentration rates. */
    @Test
    void jsonHasTheDocumentedKeysAndShapes(@TempDir Path dir) throws Exception {
        JsonNode j = json(dir, TERNARY, "--eps", "0.05,0.02", "--degree", "12");
        assertEquals(12, j.get("degree").asInt());
        assertEquals(2, length(j.get("epsilon")));
        JsonNode modes = j.get("modes");
        assertEquals(2, length(modes));
        for (JsonNode m : modes) {
            assertEquals(3, length(m.get("wavevector")));
            assertEquals(2, length(m.get("epsilon")));
            for (String perEpsilon : List.of("rates", "frequencies", "kinds", "isolated", "converged", "degree_change")) {
                assertEquals(2, length(m.get(perEpsilon)), perEpsilon);
                for (JsonNode row : m.get(perEpsilon)) {
                    assertEquals(2, length(row), perEpsilon + " has N - 1 entries per epsilon");
                }
            }
            for (String perEpsilon : List.of("thermal_rates", "thermal_isolated", "sound_rates", "sound_frequencies",
                    "degree", "worst_degree_change", "essential_spectrum_edge")) {
                assertEquals(2, length(m.get(perEpsilon)), perEpsilon);
            }
            for (String limit : List.of("chapman_enskog_rates", "chapman_enskog_isothermal_rates", "ms_rates")) {
                assertEquals(2, length(m.get(limit)), limit);
            }
            assertTrue(m.get("chapman_enskog_thermal_rate").isNumber());
            for (JsonNode row : m.get("rates")) {
                assertTrue(row.get(0).asDouble() <= row.get(1).asDouble(), "slowest first");
            }
            assertTrue(m.get("kinds").get(0).get(0).asText().startsWith("concentration_"));
        }
        // PHYSICS.md §5.3/5.4 for hard spheres and |k| = 2π: MS rates with Δ_ij, isothermal CE ≈ 12.5204, 21.006
        JsonNode first = modes.get(0);
        assertEquals(12.190236, first.get("ms_rates").get(0).asDouble(), 1e-5);
        assertEquals(19.747728, first.get("ms_rates").get(1).asDouble(), 1e-5);
        assertEquals(12.52044, first.get("chapman_enskog_isothermal_rates").get(0).asDouble(), 2e-4);
        assertEquals(21.00600, first.get("chapman_enskog_isothermal_rates").get(1).asDouble(), 2e-3);
        // the second mode has |k| = 4π: ε → 0 rates are 4 × the first mode's
        assertEquals(4 * first.get("ms_rates").get(0).asDouble(), modes.get(1).get("ms_rates").get(0).asDouble(), 1e-9);
        JsonNode t = j.get("transport");
        assertEquals(3, length(t.get("diffusion_matrix")));
        assertEquals(3, length(t.get("diffusion_matrix").get(0)));
        for (String k : List.of("viscosity", "viscosity_first_approximation", "thermal_conductivity",
                "thermal_conductivity_first_approximation")) {
            assertTrue(t.get(k).asDouble() > 0, k);
        }
        // Pekeris–Alterman: converged hard-sphere viscosity is above the first approximation
        assertTrue(t.get("viscosity").asDouble() > t.get("viscosity_first_approximation").asDouble());
    }

    /** Without --degree the degree is searched; at small ε it converges below the tolerance, and rates are near CE. */
    @Test
    void degreeSearchConvergesAtSmallEpsilon(@TempDir Path dir) throws Exception {
        JsonNode j = json(dir, TERNARY.replace("[[fluid.mode]]\nwavevector = [2, 0, 0]", "[[fluid.mode]]\nwavevector = [1, 0, 0]"),
                "--eps", "0.01");
        assertTrue(j.has("degree_search"));
        JsonNode m = j.get("modes").get(0);
        assertTrue(m.get("degree_converged").get(0).asBoolean());
        assertTrue(m.get("worst_degree_change").get(0).asDouble() < 1e-6);
        for (int q = 0; q < 2; q++) {
            double ce = m.get("chapman_enskog_rates").get(q).asDouble(), rate = m.get("rates").get(0).get(q).asDouble();
            assertEquals(ce, rate, 0.02 * ce, "eps = 0.01 is within 2% of the coupled Chapman-Enskog limit");
        }
    }

    @Test
    void textShowsEveryModeAndTheTransport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.toml");
        Files.writeString(file, TERNARY);
        assertEquals(0, knudsen("linear", file.toString(), "--degree", "8"), err::toString);
        String text = out.toString();
        for (String s : List.of("mode [1, 0, 0]", "mode [2, 0, 0]", "Chapman-Enskog", "Maxwell-Stefan", "Fick matrix",
                "shear viscosity", "thermal conductivity")) {
            assertTrue(text.contains(s), () -> s + " in\n" + text);
        }
    }

    @ParameterizedTest
    @CsvSource({"--eps,0", "--eps,1.5", "--eps,-0.1", "--degree,2", "--degree,76"})
    void badOptionsExitTwoNamingTheOption(String option, String value) {
        assertEquals(2, knudsen("linear", option, value));
        assertTrue(err.toString().contains(option), err::toString);
    }

    /** One species: no concentration modes, but the thermal and sound modes and the transport coefficients. */
    @Test
    void oneSpeciesHasNoConcentrationRates(@TempDir Path dir) throws Exception {
        JsonNode j = json(dir, """
                [scaling]
                epsilon = 0.05
                [[species]]
                name = "X"
                mass = 1
                concentration = 1
                [[fluid.mode]]
                wavevector = [1, 0, 0]
                amplitude = { X = 0.0 }
                """, "--degree", "10");
        JsonNode m = j.get("modes").get(0);
        assertEquals(0, length(m.get("rates").get(0)));
        assertEquals(0, length(m.get("ms_rates")));
        assertTrue(m.get("thermal_rates").get(0).asDouble() > 0);
        assertTrue(j.get("transport").get("viscosity").asDouble() > 0);
    }

    /** A homogeneous scenario (no modes): transport only. */
    @Test
    void noModesGivesTransportOnly(@TempDir Path dir) throws Exception {
        JsonNode j = json(dir, """
                [[species]]
                name = "X"
                mass = 1
                concentration = 0.5
                [[species]]
                name = "Y"
                mass = 2
                concentration = 0.5
                """);
        assertEquals(0, length(j.get("modes")));
        assertEquals(2, length(j.get("transport").get("diffusion_matrix")));
    }
}
