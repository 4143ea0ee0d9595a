package org.knudsen.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every broken rule of the scenario contract is rejected with a message that names the dotted key. */
class ScenarioValidationTest {
    /** Two valid species; cases append or replace sections. */
    static final String AB = """
            [[species]]
            name = "A"
            mass = 1.0
            concentration = 0.5

            [[species]]
            name = "B"
            mass = 4
            concentration = 0.5
            """;

    static Stream<Arguments> malformedScenarios() {
        return Stream.of(
                Arguments.of("TOML syntax error", "name = \"x\nseed = 1\n" + AB, "TOML syntax error"),
                Arguments.of("unknown top-level key", "nme = \"x\"\n" + AB, "nme"),
                Arguments.of("unknown key in a species", AB + "charge = 1\n", "species[1].charge"),
                Arguments.of("unknown key in [time]", AB + "[time]\nend = 1.0\nstop = 2\n", "time.stop"),
                Arguments.of("seed is a string", "seed = \"42\"\n" + AB, "seed"),
                Arguments.of("seed negative", "seed = -1\n" + AB, "seed"),
                Arguments.of("seed not an integer", "seed = 1.5\n" + AB, "seed"),
                Arguments.of("threads negative", "threads = -2\n" + AB, "threads"),
                Arguments.of("negative mass", AB.replace("mass = 4", "mass = -4"), "species[1].mass"),
                Arguments.of("zero mass", AB.replace("mass = 1.0", "mass = 0.0"), "species[0].mass"),
                Arguments.of("mass is a string", AB.replace("mass = 4", "mass = \"heavy\""), "species[1].mass"),
                Arguments.of("concentration zero", AB.replace("concentration = 0.5\n\n", "concentration = 0\n\n"),
                        "species[0].concentration"),
                Arguments.of("missing species mass", AB.replace("mass = 4\n", ""), "species[1].mass"),
                Arguments.of("no species at all", "name = \"empty\"\n", "species"),
                Arguments.of("duplicate species", AB.replace("name = \"B\"", "name = \"A\""), "species[1].name"),
                Arguments.of("epsilon above 1", "[scaling]\nepsilon = 1.5\n" + AB, "scaling.epsilon"),
                Arguments.of("epsilon zero", "[scaling]\nepsilon = 0.0\n" + AB, "scaling.epsilon"),
                Arguments.of("epsilon infinite", "[scaling]\nepsilon = inf\n" + AB, "scaling.epsilon"),
                Arguments.of("gamma above 1", AB + "[collisions]\ngamma = 2.0\n", "collisions.gamma"),
                Arguments.of("gamma negative", AB + "[collisions]\ngamma = -0.5\n", "collisions.gamma"),
                Arguments.of("strength zero", AB + "[collisions]\nstrength = 0\n", "collisions.strength"),
                Arguments.of("unknown angular law name", AB + "[collisions]\nangular = \"rutherford\"\n",
                        "collisions.angular"),
                Arguments.of("unknown angular law in a table", AB + "[collisions]\nangular = { law = \"vhs\" }\n",
                        "collisions.angular.law"),
                Arguments.of("vss alpha below 1", AB + "[collisions]\nangular = { law = \"vss\", alpha = 0.5 }\n",
                        "collisions.angular.alpha"),
                Arguments.of("vss without alpha", AB + "[collisions]\nangular = { law = \"vss\" }\n",
                        "collisions.angular.alpha"),
                Arguments.of("tabulated lengths differ", AB
                        + "[collisions]\nangular = { law = \"tabulated\", cos_theta = [-1.0, 1.0], b = [1.0] }\n",
                        "collisions.angular.b"),
                Arguments.of("tabulated not spanning [-1,1]", AB
                        + "[collisions]\nangular = { law = \"tabulated\", cos_theta = [-0.5, 1.0], b = [1.0, 1.0] }\n",
                        "collisions.angular"),
                Arguments.of("tabulated negative b", AB
                        + "[collisions]\nangular = { law = \"tabulated\", cos_theta = [-1.0, 0.0, 1.0], b = [1.0, -1.0, 1.0] }\n",
                        "collisions.angular"),
                Arguments.of("pair names unknown species", AB + "[[collisions.pair]]\nspecies = [\"A\", \"Z\"]\n",
                        "collisions.pair[0].species"),
                Arguments.of("pair given twice", AB + "[[collisions.pair]]\nspecies = [\"A\", \"B\"]\ngamma = 1.0\n"
                        + "[[collisions.pair]]\nspecies = [\"B\", \"A\"]\n", "collisions.pair[1].species"),
                Arguments.of("pair with three species", AB + "[[collisions.pair]]\nspecies = [\"A\", \"B\", \"A\"]\n",
                        "collisions.pair[0].species"),
                Arguments.of("pair gamma out of range", AB + "[[collisions.pair]]\nspecies = [\"A\", \"A\"]\ngamma = 1.1\n",
                        "collisions.pair[0].gamma"),
                Arguments.of("unknown key in a pair", AB + "[[collisions.pair]]\nspecies = [\"A\", \"A\"]\nsigma = 1\n",
                        "collisions.pair[0].sigma"),
                Arguments.of("cells zero", AB + "[domain]\nlength = [1.0, 1.0, 1.0]\ncells = [0, 1, 1]\n", "domain.cells"),
                Arguments.of("cells not integers", AB + "[domain]\nlength = [1.0, 1.0, 1.0]\ncells = [64.0, 1.0, 1.0]\n",
                        "domain.cells"),
                Arguments.of("length negative", AB + "[domain]\nlength = [1.0, -1.0, 1.0]\ncells = [8, 1, 1]\n",
                        "domain.length"),
                Arguments.of("length with two entries", AB + "[domain]\nlength = [1.0, 1.0]\ncells = [8, 1, 1]\n",
                        "domain.length"),
                Arguments.of("per_cell zero", AB + "[particles]\nper_cell = 0\n", "particles.per_cell"),
                Arguments.of("dt negative", AB + "[time]\ndt = -0.1\nend = 1.0\n", "time.dt"),
                Arguments.of("dt a word other than auto", AB + "[time]\ndt = \"fast\"\nend = 1.0\n", "time.dt"),
                Arguments.of("end zero", AB + "[time]\nend = 0.0\n", "time.end"),
                Arguments.of("every above end", AB + "[time]\nend = 0.5\n[output]\nevery = 1.0\n", "output.every"),
                Arguments.of("every zero", AB + "[time]\nend = 0.5\n[output]\nevery = 0.0\n", "output.every"),
                Arguments.of("amplitude names unknown species", AB
                        + "[fluid]\n[[fluid.mode]]\nwavevector = [1, 0, 0]\namplitude = { A = 0.1, B = -0.1, Z = 0.0 }\n",
                        "fluid.mode[0].amplitude.Z"),
                Arguments.of("amplitude misses a species", AB
                        + "[fluid]\n[[fluid.mode]]\nwavevector = [1, 0, 0]\namplitude = { A = 0.0 }\n",
                        "fluid.mode[0].amplitude.B"),
                Arguments.of("amplitudes do not sum to zero", AB
                        + "[fluid]\n[[fluid.mode]]\nwavevector = [1, 0, 0]\namplitude = { A = 0.2, B = -0.1 }\n",
                        "fluid.mode[0].amplitude"),
                Arguments.of("wavevector all zero", AB
                        + "[fluid]\n[[fluid.mode]]\nwavevector = [0, 0, 0]\namplitude = { A = 0.1, B = -0.1 }\n",
                        "fluid.mode[0].wavevector"),
                Arguments.of("wavevector not integers", AB
                        + "[fluid]\n[[fluid.mode]]\nwavevector = [0.5, 0, 0]\namplitude = { A = 0.1, B = -0.1 }\n",
                        "fluid.mode[0].wavevector"),
                Arguments.of("wavevector with two entries", AB
                        + "[fluid]\n[[fluid.mode]]\nwavevector = [1, 0]\namplitude = { A = 0.1, B = -0.1 }\n",
                        "fluid.mode[0].wavevector"),
                Arguments.of("section given as a value", "scaling = 0.1\n" + AB, "scaling"),
                Arguments.of("mean velocity wrong length", AB + "[fluid]\nmean_velocity = [0.0]\n", "fluid.mean_velocity"),
                Arguments.of("unknown variance reduction", AB + "[particles]\nper_cell = 10\nvariance_reduction = \"deviational\"\n",
                        "particles.variance_reduction"),
                Arguments.of("variance reduction not a string", AB + "[particles]\nper_cell = 10\nvariance_reduction = 1\n",
                        "particles.variance_reduction"),
                Arguments.of("unknown smoothing basis", AB + "[particles]\nper_cell = 10\nsmoothing_basis = \"quartic\"\n",
                        "particles.smoothing_basis"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedScenarios")
    void malformedScenarioIsRejectedNamingTheKey(String what, String toml, String key) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(toml, "case.toml"));
        assertTrue(e.getMessage().contains(key), () -> what + ": message does not name '" + key + "':\n" + e.getMessage());
        assertTrue(e.getMessage().startsWith("case.toml:"), e::getMessage);
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        String toml = """
                seed = -3
                [scaling]
                epsilon = 2.0
                [[species]]
                name = "A"
                mass = -1.0
                concentration = 0.0
                """;
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(toml, "multi.toml"));
        assertEquals(4, e.problems().size(), e::getMessage);
        assertEquals(4, e.getMessage().lines().count(), e::getMessage);
        for (String key : new String[] {"seed", "scaling.epsilon", "species[0].mass", "species[0].concentration"}) {
            assertTrue(e.getMessage().contains(key + " = "), () -> key + " missing in\n" + e.getMessage());
        }
    }

    @Test
    void problemLineNamesKeyValueRuleAndTomlPosition() {
        String toml = AB.replace("mass = 4", "mass = -4");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(toml, "pos.toml"));
        ScenarioException.Problem p = e.problems().get(0);
        assertEquals("species[1].mass", p.key());
        assertEquals("-4", p.value());
        assertEquals(8, p.line(), e::getMessage); // the line of "mass = -4"
        assertTrue(p.column() >= 1);
        assertTrue(e.getMessage().startsWith("pos.toml:8:"), e::getMessage);
        assertTrue(p.rule().contains("> 0"), p::rule);
    }

    @Test
    void syntaxErrorCarriesItsPosition() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse("seed = 1\nmass = = 3\n", "syntax.toml"));
        assertTrue(e.getMessage().startsWith("syntax.toml:2:"), e::getMessage);
    }

    @Test
    void unknownKeyMessageListsTheAllowedKeys() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse(AB + "[particles]\nper_cel = 10\n", "k.toml"));
        assertTrue(e.getMessage().contains("particles.per_cel"), e::getMessage);
        assertTrue(e.getMessage().contains("allowed here: per_cell"), e::getMessage);
    }
    @Test
    void smoothingBasisIsReadKeptInTheResolvedScenarioAndAutoFollowsEpsilon() {
        String toml = AB + "[particles]\nper_cell = 10\nvariance_reduction = \"importance-weights\"\nsmoothing_basis = \"sonine\"\n";
        Scenario s = ScenarioParser.parse(toml, "case.toml");
        assertEquals(SmoothingBasis.SONINE, s.particles().orElseThrow().smoothingBasis());
        Scenario again = ScenarioParser.parse(s.toToml(), "resolved.toml");
        assertEquals(SmoothingBasis.SONINE, again.particles().orElseThrow().smoothingBasis());
        assertEquals(SmoothingBasis.AUTO, ScenarioParser.parse(AB + "[particles]\nper_cell = 10\n", "case.toml")
                .particles().orElseThrow().smoothingBasis());
        assertTrue(SmoothingBasis.AUTO.cubic(0.05));
        assertFalse(SmoothingBasis.AUTO.cubic(0.049));
        assertFalse(SmoothingBasis.SONINE.cubic(0.1));
        assertTrue(SmoothingBasis.CUBIC.cubic(0.01));
    }
}
