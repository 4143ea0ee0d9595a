package org.knudsen.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * Values set on the command line over a scenario file's ({@code --set key.path=value}, {@code --seed}, {@code --dir}):
 * each replaces the value of one key as the parser reads it, so it is validated exactly like the file's own value and a
 * problem with it names the key and says it came from the command line. Keys are the dotted paths of the problem
 * messages ({@code particles.per_cell}, {@code species[1].mass}, {@code fluid.mode[0].amplitude.A}); values are TOML
 * values ({@code 0.05}, {@code [64, 1, 1]}, {@code "strang"}), and text that is not one is taken as a string.
 */
public final class ScenarioOverrides {
    /** No override. */
    public static final ScenarioOverrides NONE = new ScenarioOverrides(Map.of());

    private final Map<String, Object> values;
    private final Map<String, String> written;

    private ScenarioOverrides(Map<String, String> written) {
        this.written = new LinkedHashMap<>(written);
        this.values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : written.entrySet()) {
            values.put(e.getKey(), parseValue(e.getValue()));
        }
    }

    /**
     * The overrides of {@code --set} options ("key=value" each, later ones winning), then {@code seed} and
     * {@code output.dir} when given.
     *
     * @throws ScenarioException naming the option for a setting without "=" or with an empty key
     */
    public static ScenarioOverrides of(List<String> sets, Long seed, String dir) {
        Map<String, String> w = new LinkedHashMap<>();
        List<ScenarioException.Problem> bad = new ArrayList<>();
        for (String s : sets == null ? List.<String>of() : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                bad.add(new ScenarioException.Problem("--set", null, "", "--set " + s + ": expected key.path=value, "
                        + "e.g. --set particles.per_cell=400", 0, 0));
                continue;
            }
            w.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
        }
        if (!bad.isEmpty()) {
            throw new ScenarioException(bad);
        }
        if (seed != null) {
            w.put("seed", Long.toString(seed));
        }
        if (dir != null) {
            w.put("output.dir", TomlText.string(dir));
        }
        return new ScenarioOverrides(w);
    }

    /** A TOML value, or the text itself as a string when it is not one. */
    private static Object parseValue(String text) {
        TomlParseResult r = Toml.parse("value = " + text);
        return r.hasErrors() || r.get("value") == null ? text : r.get("value");
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** The value set for {@code key}, or null. */
    Object value(String key) {
        return values.get(key);
    }

    Iterable<String> keys() {
        return values.keySet();
    }

    /** How the command line wrote it, for messages. */
    String written(String key) {
        return written.get(key);
    }
}
