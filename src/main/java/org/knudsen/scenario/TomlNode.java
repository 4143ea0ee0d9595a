package org.knudsen.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;
import org.knudsen.physics.ParameterException;

/**
 * One table of a scenario document with its dotted path and position, and the typed reads of its keys: each read
 * records where the key stands and what it says (so that later rules can point at it), and a value of the wrong
 * type, a missing required key or a broken rule becomes a located problem of the {@link Reading}.
 */
final class TomlNode {
    /** What one validation pass over one document collects: the problems, and every key and table it looked at. */
    static final class Reading {
        final String source;
        final List<ScenarioException.Problem> problems = new ArrayList<>();
        final Map<String, ScenarioProblems.Located> located = new HashMap<>();
        final ScenarioOverrides overrides;
        /** The overrides the reading has applied (the others name no key it read: reported). */
        final Set<String> applied = new LinkedHashSet<>();

        Reading(String source) {
            this(source, ScenarioOverrides.NONE);
        }

        Reading(String source, ScenarioOverrides overrides) {
            this.source = source;
            this.overrides = overrides;
        }

        /** A problem for every override that no read of the document used. */
        void reportUnused() {
            for (String key : overrides.keys()) {
                if (!applied.contains(key)) {
                    problems.add(new ScenarioException.Problem(source, key, overrides.written(key) + " (from --set)",
                            "no such key in this scenario (a key of a table the file does not have cannot be set; "
                            + "keys are dotted paths as in the messages, e.g. particles.per_cell, species[1].mass)",
                            0, 0));
                }
            }
        }

        void add(String key, String value, String rule, TomlPosition p) {
            problems.add(new ScenarioException.Problem(source, key, value, rule, p == null ? 0 : p.line(),
                    p == null ? 0 : p.column()));
        }
    }

    final TomlTable table;
    final String path;
    final TomlPosition position;
    private final Reading reading;

    TomlNode(Reading reading, TomlTable table, String path, TomlPosition position) {
        this.reading = reading;
        this.table = table;
        this.path = path;
        this.position = position;
        if (!path.isEmpty()) {
            reading.located.putIfAbsent(path, new ScenarioProblems.Located(position, "(table)"));
        }
    }

    String key(String k) {
        String name = quoteIfNeeded(k);
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String k) {
        return table.get(List.of(k)) != null || reading.overrides.value(key(k)) != null;
    }

    /** The value of key k: the command line's override if there is one, else the file's. */
    Object raw(String k) {
        String key = key(k);
        Object set = reading.overrides.value(key);
        if (set != null) {
            reading.applied.add(key);
            reading.located.putIfAbsent(key, new ScenarioProblems.Located(null, render(set) + " (from --set)"));
            return set;
        }
        Object v = table.get(List.of(k));
        if (v != null && !(v instanceof TomlTable)) {
            reading.located.putIfAbsent(key, new ScenarioProblems.Located(pos(k), render(v)));
        }
        return v;
    }

    /** Where key k stands in the file; none for a value from the command line; the table's for an absent key. */
    TomlPosition pos(String k) {
        if (reading.overrides.value(key(k)) != null) {
            return null;
        }
        TomlPosition p = table.get(List.of(k)) != null ? table.inputPositionOf(List.of(k)) : null;
        return p != null ? p : position;
    }

    /**
     * Applies a rule that a physics type owns ({@code check} throws its {@link ParameterException}) and
     * reports a broken one at this table's key for the parameter; true when the value passes.
     */
    boolean owns(String k, Runnable check) {
        try {
            check.run();
            return true;
        } catch (ParameterException e) {
            problem(e.parameter() == null || e.parameter().equals(k) ? k : e.parameter(), e.rule());
            return false;
        }
    }

    void problem(String k, String rule) {
        Object v = raw(k);
        String shown = v == null ? "(missing)" : render(v);
        reading.add(key(k), reading.overrides.value(key(k)) != null ? shown + " (from --set)" : shown, rule, pos(k));
    }

    void missing(String k, String what) {
        reading.add(key(k), "(missing)", "required: " + what, position);
    }

    void wrongType(String k, String expected) {
        Object v = raw(k);
        reading.add(key(k), render(v), "must be " + expected + ", not " + typeName(v), pos(k));
    }

    void checkKeys(Set<String> allowed) {
        for (String k : table.keySet()) {
            if (!allowed.contains(k)) {
                problem(k, "unknown key; allowed here: " + String.join(", ", allowed));
            }
        }
    }

    /** A finite number (TOML integer or float), or null after reporting a problem / when absent. */
    Double number(String k, boolean required) {
        Object v = raw(k);
        if (v == null) {
            if (required) {
                missing(k, "a number");
            }
            return null;
        }
        if (v instanceof Long l) {
            return l.doubleValue();
        }
        if (v instanceof Double d) {
            if (!Double.isFinite(d)) {
                problem(k, "must be a finite number");
                return null;
            }
            return d;
        }
        wrongType(k, "a number");
        return null;
    }

    Long integer(String k, boolean required) {
        Object v = raw(k);
        if (v == null) {
            if (required) {
                missing(k, "an integer");
            }
            return null;
        }
        if (v instanceof Long l) {
            return l;
        }
        wrongType(k, "an integer");
        return null;
    }

    String string(String k, boolean required) {
        Object v = raw(k);
        if (v == null) {
            if (required) {
                missing(k, "a string");
            }
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        wrongType(k, "a string");
        return null;
    }

    List<Object> array(String k, boolean required) {
        Object v = raw(k);
        if (v == null) {
            if (required) {
                missing(k, "an array");
            }
            return null;
        }
        if (v instanceof TomlArray a) {
            return a.toList();
        }
        wrongType(k, "an array");
        return null;
    }

    /** An array of finite numbers, of length {@code n} (any length ≥ 1 if n < 0). */
    double[] numbers(String k, boolean required, int n) {
        List<Object> list = array(k, required);
        if (list == null) {
            return null;
        }
        String what = n < 0 ? "an array of numbers" : "an array of " + n + " numbers";
        if ((n >= 0 && list.size() != n) || list.isEmpty()) {
            problem(k, "must be " + what + ", got " + list.size() + " entries");
            return null;
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object e = list.get(i);
            if (e instanceof Long l) {
                out[i] = l;
            } else if (e instanceof Double d && Double.isFinite(d)) {
                out[i] = d;
            } else {
                problem(k, "must be " + what + " (finite), entry " + i + " is " + render(e));
                return null;
            }
        }
        return out;
    }

    long[] integers(String k, boolean required, int n) {
        List<Object> list = array(k, required);
        if (list == null) {
            return null;
        }
        if (list.size() != n) {
            problem(k, "must be an array of " + n + " integers, got " + list.size() + " entries");
            return null;
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            if (!(list.get(i) instanceof Long l)) {
                problem(k, "must be an array of " + n + " integers, entry " + i + " is " + render(list.get(i)));
                return null;
            }
            out[i] = l;
        }
        return out;
    }

    /** A sub-table (section or inline table), or null (absent or reported). */
    TomlNode table(String k, boolean required) {
        Object v = raw(k);
        if (v == null) {
            if (required) {
                missing(k, "a table");
            }
            return null;
        }
        if (v instanceof TomlTable t) {
            return new TomlNode(reading, t, key(k), pos(k));
        }
        wrongType(k, "a table");
        return null;
    }

    /** An array of tables ([[k]]), each as a TomlNode with path {@code k[i]}. */
    List<TomlNode> tableArray(String k, boolean required) {
        Object v = raw(k);
        if (v == null) {
            if (required) {
                missing(k, "an array of tables [[" + key(k) + "]]");
            }
            return null;
        }
        if (!(v instanceof TomlArray a) || !a.toList().stream().allMatch(e -> e instanceof TomlTable)) {
            wrongType(k, "an array of tables [[" + key(k) + "]]");
            return null;
        }
        List<TomlNode> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            TomlPosition p = a.inputPositionOf(i);
            out.add(new TomlNode(reading, a.getTable(i), key(k) + "[" + i + "]", p != null ? p : pos(k)));
        }
        return out;
    }

    /** The allowed keys of a table, in the order messages list them. */
    static Set<String> keys(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    /** A key as a dotted path writes it: bare if it may stand bare in TOML, else quoted. */
    static String quoteIfNeeded(String k) {
        return k.matches("[A-Za-z0-9_-]+") ? k : "\"" + k.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Names as a message lists them: "A", "B", "C". */
    static String quoted(Set<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
    }

    private static String typeName(Object v) {
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Long) {
            return "an integer";
        }
        if (v instanceof Double) {
            return "a float";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof TomlArray) {
            return "an array";
        }
        if (v instanceof TomlTable) {
            return "a table";
        }
        return "a date/time";
    }

    /** The value roughly as written in TOML (tables and arrays compactly). */
    static String render(Object v) {
        if (v instanceof String s) {
            return TomlText.string(s);
        }
        if (v instanceof TomlArray a) {
            return a.toList().stream().map(TomlNode::render).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof TomlTable t) {
            return t.keySet().stream().map(k -> quoteIfNeeded(k) + " = " + render(t.get(List.of(k))))
                    .collect(Collectors.joining(", ", "{ ", " }"));
        }
        return String.valueOf(v);
    }
}
