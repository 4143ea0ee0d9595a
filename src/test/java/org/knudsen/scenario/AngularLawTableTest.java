package org.knudsen.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.knudsen.physics.AngularLaw;

/**
 * The one table of angular laws ({@link AngularLaw.Kind}) as the scenario file sees it: every entry is written by
 * {@link TomlText#angular} and read back by the parser to an equal law, as a default and as a pair override; the
 * list of forms in messages names every entry; a law's parameter rule is reported at the parameter's key.
 */
class AngularLawTableTest {
    private static final String AB = ScenarioValidationTest.AB;

    /** A valid law of each kind (a new kind without a sample here does not compile). */
    private static AngularLaw sample(AngularLaw.Kind kind) {
        return switch (kind) {
            case ISOTROPIC, STRONG_CUTOFF -> kind.create();
            case VSS -> kind.create(new double[] {1.7});
            case TABULATED -> kind.create(new double[] {-1, -0.25, 0.5, 1}, new double[] {3, 0.5, 1.25, 2});
        };
    }

    @ParameterizedTest
    @EnumSource(AngularLaw.Kind.class)
    void everyLawOfTheTableIsWrittenAndReadBack(AngularLaw.Kind kind) {
        AngularLaw law = sample(kind);
        assertEquals(kind, law.kind());
        assertEquals(law, kind.create(law.parameterValues()));
        String toml = AB + "[collisions]\nangular = " + TomlText.angular(law)
                + "\n[[collisions.pair]]\nspecies = [\"A\", \"B\"]\nangular = " + TomlText.angular(law) + "\n";
        Scenario s = ScenarioParser.parse(toml, "table.toml");
        assertEquals(law, s.collisions().defaults().angular());
        assertEquals(law, s.collisions().pairs().get(0).kernel().angular());
        assertEquals(law, s.mixture().kernel(0, 1).angular());
        assertEquals(s, ScenarioParser.parse(s.toToml(), "resolved"));
        assertTrue(TomlText.angularForms().contains(TomlText.angularForm(kind)), TomlText.angularForms());
    }

    @Test
    void kindsAreFoundByTheirTomlName() {
        for (AngularLaw.Kind kind : AngularLaw.Kind.values()) {
            assertEquals(kind, AngularLaw.Kind.byTomlName(kind.tomlName()));
        }
        assertNull(AngularLaw.Kind.byTomlName("vhs"));
        assertEquals("{ law = \"vss\", alpha = 1.4 }", TomlText.angular(AngularLaw.vss(1.4)));
        assertEquals("\"strong-cutoff\"", TomlText.angular(AngularLaw.strongCutoff()));
        assertEquals(List.of("cos_theta", "b"),
                AngularLaw.Kind.TABULATED.parameters().stream().map(AngularLaw.Parameter::name).toList());
    }

    @Test
    void theTabulatedLawKeepsItsValuesAsGivenAndIsEqualByThem() {
        double[] x = {-1, 0, 1}, b = {2, 4, 2};
        AngularLaw law = AngularLaw.tabulated(x, b);
        assertEquals(List.of(List.of(-1.0, 0.0, 1.0), List.of(2.0, 4.0, 2.0)),
                java.util.Arrays.stream(law.parameterValues()).map(v -> java.util.Arrays.stream(v).boxed().toList())
                        .toList());
        assertEquals(law.hashCode(), AngularLaw.tabulated(x.clone(), b.clone()).hashCode());
        // the same normalised shape, given at another scale, is another entry of a scenario
        assertTrue(!law.equals(AngularLaw.tabulated(x, new double[] {1, 2, 1})));
    }

    @Test
    void aParameterRuleIsReportedAtTheParametersKeyWithLineAndColumn() {
        String toml = AB + "[collisions]\nangular = { law = \"tabulated\", cos_theta = [-1.0, 0.5, 0.2, 1.0], "
                + "b = [1.0, 1.0, 1.0, 1.0] }\n[[collisions.pair]]\nspecies = [\"A\", \"A\"]\n"
                + "angular = { law = \"vss\", alpha = 0.5 }\n";
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(toml, "case.toml"));
        assertEquals(2, e.problems().size(), e::getMessage);
        ScenarioException.Problem tabulated = e.problems().get(0), vss = e.problems().get(1);
        assertEquals("collisions.angular.cos_theta", tabulated.key());
        assertTrue(tabulated.rule().contains("increase strictly"), tabulated::rule);
        List<String> lines = toml.lines().toList();
        int tabulatedLine = lines.indexOf(lines.stream().filter(l -> l.contains("tabulated")).findFirst().orElseThrow()) + 1;
        int vssLine = lines.indexOf(lines.stream().filter(l -> l.contains("vss")).findFirst().orElseThrow()) + 1;
        assertEquals(tabulatedLine, tabulated.line());
        assertEquals(lines.get(tabulatedLine - 1).indexOf("cos_theta") + 1, tabulated.column());
        assertEquals("collisions.pair[0].angular.alpha", vss.key());
        assertEquals("0.5", vss.value());
        assertEquals(vssLine, vss.line());
        assertEquals(lines.get(vssLine - 1).indexOf("alpha") + 1, vss.column());
    }

    @Test
    void aLawWithParametersNamedAsAStringIsToldItsForm() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse(AB + "[collisions]\nangular = \"vss\"\n", "case.toml"));
        assertEquals("collisions.angular", e.problems().get(0).key());
        assertTrue(e.problems().get(0).rule().contains("{ law = \"vss\", alpha = α }"), e::getMessage);
    }
}
