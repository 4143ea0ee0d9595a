package org.knudsen.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.ParameterException;

/**
 * Reads {@code [collisions]}: the default kernel, the {@code [[collisions.pair]]} overrides, and each kernel's
 * {@code angular} law through the one table of laws ({@link AngularLaw.Kind}).
 */
final class CollisionsReader {
    private static final Set<String> COLLISION_KEYS = TomlNode.keys("gamma", "strength", "angular", "pair");
    private static final Set<String> PAIR_KEYS = TomlNode.keys("species", "gamma", "strength", "angular");
    private static final String ANGULAR_FORMS = "must be " + TomlText.angularForms();

    private CollisionsReader() {
    }

    static CollisionsSpec read(TomlNode top, Set<String> names) {
        TomlNode col = top.table("collisions", false);
        if (col == null) {
            return new CollisionsSpec(ScenarioParser.DEFAULT_KERNEL, List.of());
        }
        col.checkKeys(COLLISION_KEYS);
        KernelSpec defaults = readKernel(col, ScenarioParser.DEFAULT_KERNEL);
        List<PairSpec> pairs = new ArrayList<>();
        List<TomlNode> entries = col.tableArray("pair", false);
        Map<String, String> seen = new HashMap<>();
        if (entries != null) {
            for (TomlNode p : entries) {
                p.checkKeys(PAIR_KEYS);
                KernelSpec k = readKernel(p, defaults);
                List<Object> pair = p.array("species", true);
                if (pair == null) {
                    continue;
                }
                if (pair.size() != 2 || !(pair.get(0) instanceof String a) || !(pair.get(1) instanceof String b)) {
                    p.problem("species", "must be two species names, e.g. [\"A\", \"B\"]");
                    continue;
                }
                boolean known = true;
                for (String s : List.of(a, b)) {
                    if (!names.contains(s)) {
                        p.problem("species", "names unknown species \"" + s + "\"; species are " + TomlNode.quoted(names));
                        known = false;
                    }
                }
                if (!known) {
                    continue;
                }
                String key = a.compareTo(b) <= 0 ? a + "\u0000" + b : b + "\u0000" + a;
                if (seen.containsKey(key)) {
                    p.problem("species", "pair given twice (first at " + seen.get(key) + ")");
                    continue;
                }
                seen.put(key, p.path + ".species");
                pairs.add(new PairSpec(a, b, k));
            }
        }
        return new CollisionsSpec(defaults, pairs);
    }

    /** gamma, strength, angular of a kernel table; absent keys fall back to {@code fallback}. */
    private static KernelSpec readKernel(TomlNode t, KernelSpec fallback) {
        Double gamma = t.number("gamma", false);
        if (gamma != null && !(gamma >= 0 && gamma <= 1)) {
            t.problem("gamma", "exponent of |g|^gamma must lie in [0, 1]");
        }
        Double strength = t.number("strength", false);
        if (strength != null && !(strength > 0)) {
            t.problem("strength", "collision strength C must be > 0");
        }
        AngularLaw angular = t.has("angular") ? readAngular(t) : fallback.angular();
        return new KernelSpec(gamma == null ? fallback.gamma() : gamma,
                strength == null ? fallback.strength() : strength,
                angular == null ? fallback.angular() : angular);
    }

    /**
     * {@code angular}: a law's name (a law without parameters) or {@code { law = "name", parameter = value, ... }},
     * read through the table of laws ({@link AngularLaw.Kind}); the law's constructor checks the values and its
     * verdict is reported at the parameter's key (at {@code angular} for a rule on the law as a whole).
     */
    private static AngularLaw readAngular(TomlNode t) {
        Object v = t.raw("angular");
        if (v instanceof String name) {
            AngularLaw.Kind kind = AngularLaw.Kind.byTomlName(name);
            if (kind == null) {
                t.problem("angular", "unknown angular law; " + ANGULAR_FORMS);
                return null;
            }
            if (!kind.parameters().isEmpty()) {
                t.problem("angular", "the " + name + " law has parameters: write " + TomlText.angularForm(kind));
                return null;
            }
            return kind.create();
        }
        TomlNode law = t.table("angular", true);
        if (law == null) {
            return null;
        }
        String name = law.string("law", true);
        if (name == null) {
            return null;
        }
        AngularLaw.Kind kind = AngularLaw.Kind.byTomlName(name);
        if (kind == null) {
            law.problem("law", "unknown angular law; " + ANGULAR_FORMS);
            return null;
        }
        if (kind.parameters().isEmpty()) {
            law.problem("law", "the " + name + " law has no parameters: write angular = " + TomlText.angularForm(kind));
            return null;
        }
        Set<String> allowed = TomlNode.keys("law");
        kind.parameters().forEach(p -> allowed.add(p.name()));
        law.checkKeys(allowed);
        double[][] values = new double[kind.parameters().size()][];
        boolean complete = true;
        for (int p = 0; p < values.length; p++) {
            AngularLaw.Parameter parameter = kind.parameters().get(p);
            if (parameter.list()) {
                values[p] = law.numbers(parameter.name(), true, -1);
            } else {
                Double value = law.number(parameter.name(), true);
                values[p] = value == null ? null : new double[] {value};
            }
            complete &= values[p] != null;
        }
        if (!complete) {
            return null;
        }
        try {
            return kind.create(values);
        } catch (ParameterException e) {
            if (e.parameter() != null) {
                law.problem(e.parameter(), e.rule());
            } else {
                t.problem("angular", kind.tomlName() + " angular law: " + e.rule());
            }
            return null;
        }
    }
}
