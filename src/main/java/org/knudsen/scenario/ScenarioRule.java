package org.knudsen.scenario;

/**
 * A rule over a whole parsed scenario that the parser applies after its own (e.g. what a particle run needs of this
 * machine's heap and cores, or of the species names for its output columns): it reports through
 * {@link ScenarioProblems}, so its problems carry the key, the value and the TOML line:column like the parser's.
 */
@FunctionalInterface
public interface ScenarioRule {
    /** No further rule: the scenario is checked against the schema and the physics only. */
    ScenarioRule NONE = (scenario, problems) -> { };

    void check(Scenario scenario, ScenarioProblems problems);

    /** This rule, then {@code next}. */
    default ScenarioRule and(ScenarioRule next) {
        return (scenario, problems) -> {
            check(scenario, problems);
            next.check(scenario, problems);
        };
    }
}
