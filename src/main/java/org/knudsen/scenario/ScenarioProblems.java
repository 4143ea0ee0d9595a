package org.knudsen.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tomlj.TomlPosition;

/**
 * Where the rules of a scenario report what they find: each problem names a dotted key of the scenario, and this
 * sink attaches the key's value and TOML line:column as the file has them (or, for a key the file leaves to its
 * default, the position of the table that would hold it). Rules that live outside the parser (what a run needs of
 * the machine, what its outputs need of the names) report through it too, so every problem reads the same way.
 */
public final class ScenarioProblems {
    /** Where a key stands in the file and what it says there. */
    record Located(TomlPosition position, String value) {
    }

    private final String source;
    private final Map<String, Located> located;
    private final List<ScenarioException.Problem> problems;
    private final String context;

    ScenarioProblems(String source, Map<String, Located> located) {
        this(source, located, new ArrayList<>(), "");
    }

    private ScenarioProblems(String source, Map<String, Located> located, List<ScenarioException.Problem> problems,
                             String context) {
        this.source = source;
        this.located = located;
        this.problems = problems;
        this.context = context;
    }

    /**
     * The same sink with every rule prefixed by {@code context} (e.g. "at epsilon = 0.05: " for a scenario derived
     * from the file, whose problems still point at the file's keys).
     */
    public ScenarioProblems within(String context) {
        return new ScenarioProblems(source, located, problems, this.context + context);
    }

    /** A broken rule at {@code key}, with the value as the file writes it ("(default)" when the file has none). */
    public void add(String key, String rule) {
        Located at = located.get(key);
        add(key, at != null ? at.value() : "(default)", rule);
    }

    /** A broken rule at {@code key} with a value of the rule's own (e.g. a derived or rescaled one). */
    public void add(String key, String value, String rule) {
        TomlPosition p = positionOf(key);
        problems.add(new ScenarioException.Problem(source, key, value, context + rule, p == null ? 0 : p.line(),
                p == null ? 0 : p.column()));
    }

    /** A problem of the document itself (no key): syntax, encoding, nesting. */
    void addDocument(String rule, int line, int column) {
        problems.add(new ScenarioException.Problem(source, null, "", rule, line, column));
    }

    /** The key's position, else that of its nearest enclosing table the file has, else none. */
    private TomlPosition positionOf(String key) {
        for (String k = key; k != null; k = parent(k)) {
            Located at = located.get(k);
            if (at != null) {
                return at.position();
            }
        }
        return null;
    }

    private static String parent(String key) {
        int dot = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
        return dot > 0 ? key.substring(0, dot) : null;
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    List<ScenarioException.Problem> list() {
        return problems;
    }

    /** A sink for a scenario held without its file: problems name their keys but no line:column. */
    public static ScenarioProblems unlocated(String source) {
        return new ScenarioProblems(source, Map.of());
    }

    /** Throws the collected problems, if any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
    }
}
