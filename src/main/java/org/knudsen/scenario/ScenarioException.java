package org.knudsen.scenario;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario that breaks one or more rules: bad input, which the command turns into exit code 2 (like the io layer's
 * InputException for files). Validation collects every problem before failing, so one run of
 * {@code knudsen} shows them all; the message has one line per problem (see {@link Problem#toString()}).
 */
public final class ScenarioException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * One broken rule.
     *
     * @param source where the scenario came from (file name or "default scenario")
     * @param key    dotted key path, e.g. {@code species[2].mass} or {@code collisions.pair[0].species};
     *               null for a TOML syntax error (then {@code value} is empty and {@code rule} is the parser's message)
     * @param value  the offending value as written (or "(missing)")
     * @param rule   what the value must satisfy
     * @param line   TOML line (1-based), 0 if unknown
     * @param column TOML column (1-based), 0 if unknown
     */
    public record Problem(String source, String key, String value, String rule, int line, int column) {
        @Override
        public String toString() {
            String where = line > 0 ? source + ":" + line + ":" + column : source;
            return key == null ? where + ": " + rule : where + ": " + key + " = " + value + ": " + rule;
        }
    }

    private final transient List<Problem> problems;

    public ScenarioException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
