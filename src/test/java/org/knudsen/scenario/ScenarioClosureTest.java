package org.knudsen.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knudsen.fluid.DiffusionClosure;

/** {@code [fluid] closure}: default, both values, a bad value located at its key, the resolved-TOML round trip. */
class ScenarioClosureTest {
    private static final String BASE = """
            [[species]]
            name = "A"
            mass = 1
            concentration = 0.5
            [[species]]
            name = "B"
            mass = 4
            concentration = 0.5
            [collisions]
            gamma = 1.0
            [fluid]
            %s
            [[fluid.mode]]
            wavevector = [1, 0, 0]
            amplitude = { A = 0.1, B = -0.1 }
            """;

    @Test
    void defaultIsMaxwellStefanAndTheDefaultScenarioKeepsIt() {
        assertEquals(DiffusionClosure.MAXWELL_STEFAN,
                ScenarioParser.parse(BASE.formatted(""), "s").fluid().orElseThrow().closure());
        assertEquals(DiffusionClosure.MAXWELL_STEFAN, ScenarioParser.defaultScenario().fluid().orElseThrow().closure());
    }

    @Test
    void chapmanEnskogRoundTripsThroughTheResolvedToml() {
        Scenario a = ScenarioParser.parse(BASE.formatted("closure = \"chapman-enskog\""), "s");
        assertEquals(DiffusionClosure.CHAPMAN_ENSKOG, a.fluid().orElseThrow().closure());
        assertTrue(a.toToml().contains("closure = \"chapman-enskog\""));
        assertEquals(a, ScenarioParser.parse(a.toToml(), "resolved"));
    }

    @Test
    void unknownClosureIsReportedAtItsKey() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse(BASE.formatted("closure = \"fick\""), "s"));
        assertTrue(e.getMessage().contains("fluid.closure") && e.getMessage().contains("chapman-enskog"), e::getMessage);
        e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(BASE.formatted("closure = 3"), "s"));
        assertTrue(e.getMessage().contains("fluid.closure"), e::getMessage);
    }

    /**
     * Info: ms_decay_rates follow the closure (hard spheres: the isothermal Chapman–Enskog rates, PHYSICS.md §5.4),
     * while chapman_enskog_decay_rates are the rates coupled with the temperature (§5.4 "Correction").
     */
    @Test
    void infoRatesFollowTheClosure() {
        ScenarioInfo ms = ScenarioInfo.of(ScenarioParser.parse(BASE.formatted(""), "s"));
        ScenarioInfo ce = ScenarioInfo.of(ScenarioParser.parse(BASE.formatted("closure = \"chapman-enskog\""), "s"));
        double msRate = ms.msDecayRates().get(0)[0], ceRate = ce.msDecayRates().get(0)[0];
        assertTrue(ceRate > msRate * 1.005, "hard-sphere CE diffusion is faster than Delta_ij's: " + ceRate + " " + msRate);
        assertEquals("chapman-enskog", ce.toMap().get("closure"));
        // the coupled (concentration + temperature) ε → 0 rate of info is not the isothermal one for hard spheres
        assertTrue(Math.abs(ce.linearRates().chapmanEnskog().get(0)[0] - ceRate) > 0.01 * ceRate);
    }
}
