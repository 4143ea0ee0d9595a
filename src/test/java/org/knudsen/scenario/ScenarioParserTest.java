package org.knudsen.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.Mixture;

class ScenarioParserTest {

    /**
     * Output times are the decimals k x output.every (README "Outputs and conventions"): 0.35 where step x dt gives
     * 0.35000000000000003 (default scenario, dt = 0.002, 5 steps per output), the same instant to rounding.
     */
    @Test
    void outputTimesAreTheDecimalsOfTheOutputGrid() {
        TimeGrid g = ScenarioParser.defaultScenario().timeGrid();
        assertEquals(0.01, g.every());
        assertEquals(0.35000000000000003, 175 * g.dt(), "step x dt is noisy here");
        assertEquals(0.35, g.outputTime(35));
        for (int k = 0; k <= g.samples(); k++) {
            double t = g.outputTime(k);
            assertEquals(Double.toString(t), new java.math.BigDecimal("0.01").multiply(java.math.BigDecimal.valueOf(k))
                    .stripTrailingZeros().toPlainString().replaceAll("^0$", "0.0").replaceAll("^(\\d+)$", "$1.0"));
            assertEquals(k * g.stepsPerSample() * g.dt(), t, Math.ulp(t) * 2, "the instant of step k x 5");
        }
        assertEquals(0.5, g.outputTime(g.samples()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> g.outputTime(51));
    }

    @Test
    void defaultScenarioIsThePhysicsTernaryMixtureOnA64CellBox() {
        Scenario s = ScenarioParser.defaultScenario();
        assertEquals("ternary", s.name());
        assertEquals(42, s.seed());
        assertEquals(0, s.threads());
        assertEquals(0.1, s.epsilon());
        assertEquals(List.of("A", "B", "C"), s.speciesNames());
        Mixture m = s.mixture();
        assertArrayEquals(new double[] {0.4, 0.3, 0.3}, m.concentrations());
        assertEquals(40.0, m.mass(2));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(0.0, m.kernel(i, j).gamma());
                assertEquals(1.0, m.kernel(i, j).strength());
                assertInstanceOf(AngularLaw.Isotropic.class, m.kernel(i, j).angular());
            }
        }
        DomainSpec d = s.domain().orElseThrow();
        assertArrayEquals(new double[] {1, 1, 1}, d.length());
        assertArrayEquals(new int[] {64, 1, 1}, d.cells());
        ModeSpec mode = s.fluid().orElseThrow().modes().get(0);
        assertArrayEquals(new int[] {1, 0, 0}, mode.wavevector());
        assertArrayEquals(new double[] {0.2, -0.1, -0.1}, mode.amplitudes());
        assertEquals(20000, s.particles().orElseThrow().perCell());
        assertTrue(s.time().orElseThrow().isAuto());
        assertEquals(0.5, s.time().orElseThrow().end());
        assertEquals(new OutputSpec("runs/ternary", 0.01), s.output().orElseThrow());
    }

    @Test
    void everyKeyOfTheDefaultResourceCarriesAComment() {
        for (String line : ScenarioParser.defaultScenarioText().lines().toList()) {
            String code = line.strip();
            if (code.contains("=") && !code.startsWith("#")) {
                assertTrue(code.contains("#"), () -> "key without a comment: " + line);
            }
        }
    }

    @Test
    void homogeneousScenarioNeedsOnlySpeciesAndGetsTheDocumentedDefaults() {
        Scenario s = ScenarioParser.parse("""
                [[species]]
                name = "X"
                mass = 2
                concentration = 1
                """, "homog");
        assertEquals("homog", s.name());
        assertEquals(ScenarioParser.DEFAULT_SEED, s.seed());
        assertEquals(ScenarioParser.DEFAULT_THREADS, s.threads());
        assertEquals(1.0, s.epsilon());
        assertEquals(ScenarioParser.DEFAULT_KERNEL, s.collisions().defaults());
        assertTrue(s.domain().isEmpty() && s.fluid().isEmpty() && s.particles().isEmpty() && s.time().isEmpty()
                && s.output().isEmpty());
    }

    @Test
    void pairOverrideFallsBackToTheCollisionsDefaultForKeysItOmits() {
        Scenario s = ScenarioParser.parse("""
                [[species]]
                name = "A"
                mass = 1
                concentration = 0.5
                [[species]]
                name = "B"
                mass = 4
                concentration = 0.5
                [collisions]
                gamma = 0.5
                strength = 2.0
                angular = { law = "vss", alpha = 1.5 }
                [[collisions.pair]]
                species = ["B", "A"]
                gamma = 1.0
                [[collisions.pair]]
                species = ["B", "B"]
                angular = { law = "tabulated", cos_theta = [-1.0, 0.0, 1.0], b = [1.0, 2.0, 1.0] }
                """);
        Mixture m = s.mixture();
        assertEquals(0.5, m.kernel(0, 0).gamma());
        assertEquals(1.0, m.kernel(0, 1).gamma());
        assertEquals(2.0, m.kernel(1, 0).strength());
        assertEquals(0.8, m.kernel(0, 1).angular().momentumTransfer(), 1e-15); // VSS 1.5: b1 = 2/(α+1)
        assertEquals(0.5, m.kernel(1, 1).gamma());
        assertInstanceOf(AngularLaw.class, m.kernel(1, 1).angular());
        assertEquals(AngularLaw.tabulated(new double[] {-1, 0, 1}, new double[] {1, 2, 1}),
                s.collisions().pairs().get(1).kernel().angular());
    }

    @Test
    void explicitTimeStepAndStrongCutoffAreRead() {
        Scenario s = ScenarioParser.parse("""
                [[species]]
                name = "A"
                mass = 1
                concentration = 1
                [collisions]
                angular = "strong-cutoff"
                [time]
                dt = 1e-3
                end = 1
                [output]
                every = 0.5
                """, "x");
        assertEquals(1e-3, s.timeStep());
        assertEquals("runs/x", s.output().orElseThrow().dir());
        assertEquals(AngularLaw.strongCutoff(), s.collisions().defaults().angular());
    }

    @Test
    void autoTimeStepIsAFifthOfTheShortestScaledCollisionTime() {
        // Default: γ = 0, C = 1, Σ_j c_j = 1, so every per-particle rate is 1 and Δt = 0.2 ε² = 0.002 (PHYSICS.md §10).
        Scenario s = ScenarioParser.defaultScenario();
        assertEquals(0.002, s.autoTimeStep(), 1e-15);
        // the step used divides output.every = 0.01 exactly: 5 steps per output interval, 250 steps to time.end = 0.5
        assertEquals(0.01 / 5, s.timeStep());
        assertEquals(5, s.timeGrid().stepsPerSample());
        assertEquals(250, s.timeGrid().steps());
    }

    @Test
    void printedDefaultParsesBackToTheSameScenario() {
        Scenario a = ScenarioParser.defaultScenario();
        Scenario b = ScenarioParser.parse(ScenarioParser.defaultScenarioText(), "again");
        assertEquals(a, b);
    }

    @Test
    void resolvedTomlParsesBackToAnEqualScenario() {
        Scenario a = ScenarioParser.defaultScenario();
        Scenario b = ScenarioParser.parse(a.toToml(), "resolved");
        assertEquals(a, b);
        Scenario c = ScenarioParser.parse("""
                name = "odd \\"name\\""
                seed = 7
                [[species]]
                name = "He-4"
                mass = 4.002602
                concentration = 0.1
                [[species]]
                name = "Ar"
                mass = 39.948
                concentration = 0.9
                [collisions]
                angular = { law = "tabulated", cos_theta = [-1.0, 0.3, 1.0], b = [0.1, 2.0, 1.0] }
                [[collisions.pair]]
                species = ["Ar", "He-4"]
                gamma = 0.7
                angular = { law = "vss", alpha = 1.3 }
                [fluid]
                mean_velocity = [0.1, 0.0, -0.2]
                [[fluid.mode]]
                wavevector = [1, -2, 0]
                amplitude = { "He-4" = 0.05, Ar = -0.05 }
                [time]
                dt = 0.001
                end = 0.1
                """);
        assertEquals(c, ScenarioParser.parse(c.toToml(), "resolved"));
        Map<String, Double> amp = c.fluid().orElseThrow().modes().get(0).amplitude();
        assertEquals(List.of("He-4", "Ar"), List.copyOf(amp.keySet()));
    }

    @Test
    void specArraysAreDefensivelyCopied() {
        Scenario s = ScenarioParser.defaultScenario();
        s.domain().orElseThrow().cells()[0] = 1;
        s.fluid().orElseThrow().modes().get(0).wavevector()[0] = 9;
        assertEquals(64, s.domain().orElseThrow().cells()[0]);
        assertEquals(1, s.fluid().orElseThrow().modes().get(0).wavevector()[0]);
        assertFalse(s.toToml().isBlank());
    }

    @Test
    void withEpsilonAndWithSeedChangeOnlyThatComponentAndKeepTheRules() {
        Scenario s = ScenarioParser.defaultScenario();
        Scenario t = s.withEpsilon(0.05).withSeed(7);
        assertEquals(0.05, t.epsilon());
        assertEquals(7, t.seed());
        assertEquals(s, t.withEpsilon(0.1).withSeed(42));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> s.withEpsilon(0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> s.withSeed(-1));
    }
}
