package org.knudsen.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;
import org.knudsen.fluid.DiffusionClosure;
import org.knudsen.fluid.FourierMode;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.KnudsenNumber;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.ParameterException;
import org.knudsen.physics.Species;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads and validates a scenario file (DESIGN.md, "Scenario file"). Every rule is checked and every broken one
 * is reported, each with its dotted key, value, rule and TOML line:column, in one {@link ScenarioException};
 * a returned {@link Scenario} is valid, so building its mixture cannot fail.
 *
 * <p>Entry points: {@link #parse(String, String, String, ScenarioRule)}, {@link #parse(String, String)},
 * {@link #defaultScenario()}. Reading the file is the caller's (the io layer's) business.
 */
public final class ScenarioParser {
    /** Class-path location of the embedded default scenario (printed by {@code knudsen run --print-default}). */
    public static final String DEFAULT_RESOURCE = "/org/knudsen/default.toml";
    /** Default seed when the file has none. */
    public static final long DEFAULT_SEED = 42;
    /** Default thread count: 0 = all cores. */
    public static final int DEFAULT_THREADS = 0;
    /** Default ε when {@code [scaling]} is absent: 1, i.e. the unscaled Boltzmann equation. */
    public static final double DEFAULT_EPSILON = 1.0;
    /** Most worker threads a scenario may ask for (the machine's own limit is checked by the run). */
    public static final int MAX_THREADS = 4096;
    /** Default kernel when {@code [collisions]} (or one of its keys) is absent: Maxwell molecules, C = 1, isotropic. */
    public static final KernelSpec DEFAULT_KERNEL = new KernelSpec(0.0, 1.0, new AngularSpec.Isotropic());

    private static final Set<String> TOP_KEYS = keys("name", "seed", "threads", "scaling", "domain", "species",
            "collisions", "fluid", "particles", "time", "output");
    private static final Set<String> SCALING_KEYS = keys("epsilon");
    private static final Set<String> DOMAIN_KEYS = keys("length", "cells");
    private static final Set<String> SPECIES_KEYS = keys("name", "mass", "concentration");
    private static final Set<String> COLLISION_KEYS = keys("gamma", "strength", "angular", "pair");
    private static final Set<String> PAIR_KEYS = keys("species", "gamma", "strength", "angular");
    private static final Set<String> VSS_KEYS = keys("law", "alpha");
    private static final Set<String> TABULATED_KEYS = keys("law", "cos_theta", "b");
    private static final Set<String> FLUID_KEYS = keys("mean_velocity", "closure", "mode");
    private static final Set<String> MODE_KEYS = keys("wavevector", "amplitude");
    private static final Set<String> PARTICLES_KEYS = keys("per_cell");
    private static final Set<String> TIME_KEYS = keys("dt", "end");
    private static final Set<String> OUTPUT_KEYS = keys("dir", "every", "checkpoint_every");
    private static final String ANGULAR_FORMS = "must be \"isotropic\", \"strong-cutoff\", { law = \"vss\", alpha = α } "
            + "or { law = \"tabulated\", cos_theta = [...], b = [...] }";

    private ScenarioParser() {
    }

    /** The embedded default scenario as text (with a comment on every key). */
    public static String defaultScenarioText() {
        // a resource of this package inside the jar, not a user's file: read here, where the scenario format lives
        try (java.io.InputStream in = ScenarioParser.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " missing from the class path");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read resource " + DEFAULT_RESOURCE, e);
        }
    }

    /** The embedded default scenario, parsed and validated. */
    public static Scenario defaultScenario() {
        return defaultScenario(ScenarioRule.NONE);
    }

    /**
     * Parses and validates the text of a scenario file, then applies {@code rule} (e.g. what a run needs of this
     * machine); every problem of either is reported together.
     *
     * @param source      names the text in messages (the file's path)
     * @param defaultName the run name when the text has no {@code name} (the file name without ".toml")
     */
    public static Scenario parse(String text, String source, String defaultName, ScenarioRule rule) {
        return new Reader(source).read(text, defaultName, rule);
    }

    /** The default run name of a scenario file: its file name without ".toml". */
    public static String defaultName(Path file) {
        String base = file.getFileName().toString();
        return base.endsWith(".toml") ? base.substring(0, base.length() - 5) : base;
    }

    /** Parses scenario text; {@code source} names it in messages and is the default scenario name. */
    public static Scenario parse(String text, String source) {
        return parse(text, source, ScenarioRule.NONE);
    }

    /** Parses scenario text and applies {@code rule}; {@code source} names it in messages and is the default name. */
    public static Scenario parse(String text, String source, ScenarioRule rule) {
        return new Reader(source).read(text, source, rule);
    }

    /** Parses scenario text named "scenario". */
    public static Scenario parse(String text) {
        return new Reader("scenario").read(text, "scenario", ScenarioRule.NONE);
    }

    /** The embedded default scenario with {@code rule} applied. */
    public static Scenario defaultScenario(ScenarioRule rule) {
        return new Reader("default scenario").read(defaultScenarioText(), "default", rule);
    }

    private static Set<String> keys(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    /** One validation pass over one document: collects problems, then either throws or returns the scenario. */
    private static final class Reader {
        private final String source;
        private final List<ScenarioException.Problem> problems = new ArrayList<>();
        /** Every key and table the reader looked at, with its position and value: where later rules point. */
        private final Map<String, ScenarioProblems.Located> located = new HashMap<>();

        Reader(String source) {
            this.source = source;
        }

        Scenario read(String text, String defaultName, ScenarioRule rule) {
            ScenarioProblems document = new ScenarioProblems(source, located);
            int[] deep = TomlNesting.tooDeep(text);
            if (deep != null) {
                document.addDocument("TOML nesting of [ ] and { } deeper than " + TomlNesting.MAX_DEPTH
                        + " levels (a scenario needs 3 at most)", deep[0], deep[1]);
                document.throwIfAny();
            }
            TomlParseResult doc;
            try {
                doc = Toml.parse(text);
            } catch (StackOverflowError e) { // the nesting scan above should make this unreachable
                document.addDocument("TOML too deeply nested for the parser", 0, 0);
                throw new ScenarioException(document.list());
            }
            if (doc.hasErrors()) {
                for (TomlParseError e : doc.errors()) {
                    TomlPosition p = e.position();
                    problems.add(new ScenarioException.Problem(source, null, "",
                            "TOML syntax error: " + stripPosition(e.getMessage()), p == null ? 0 : p.line(),
                            p == null ? 0 : p.column()));
                }
                throw new ScenarioException(problems);
            }
            Node top = new Node(doc, "", TomlPosition.positionAt(1, 1));
            top.checkKeys(TOP_KEYS);

            String name = top.string("name", false);
            if (name != null && name.isBlank()) {
                top.problem("name", "must be a non-empty string");
            }
            Long seed = top.integer("seed", false);
            if (seed != null && seed < 0) {
                top.problem("seed", "must be an integer >= 0");
            }
            Long threads = top.integer("threads", false);
            if (threads != null && (threads < 0 || threads > MAX_THREADS)) {
                top.problem("threads", "must be an integer in 0.." + MAX_THREADS + " (0 = all cores)");
            }

            double epsilon = DEFAULT_EPSILON;
            Node scaling = top.table("scaling", false);
            if (scaling != null) {
                scaling.checkKeys(SCALING_KEYS);
                Double e = scaling.number("epsilon", true);
                if (e != null) {
                    scaling.owns("epsilon", () -> KnudsenNumber.require(e));
                    epsilon = e;
                }
            }

            List<SpeciesSpec> species = readSpecies(top);
            Set<String> names = new LinkedHashSet<>();
            for (SpeciesSpec s : species) {
                if (s.name() != null) {
                    names.add(s.name());
                }
            }
            CollisionsSpec collisions = readCollisions(top, names);
            Optional<DomainSpec> domain = Optional.ofNullable(readDomain(top));
            Optional<FluidSpec> fluid = Optional.ofNullable(readFluid(top, names));
            Optional<ParticlesSpec> particles = Optional.ofNullable(readParticles(top));
            Optional<TimeSpec> time = Optional.ofNullable(readTime(top));
            String resolvedName = name == null || name.isBlank() ? defaultName : name;
            Optional<OutputSpec> output = Optional.ofNullable(readOutput(top, resolvedName, time.orElse(null)));
            if (!located.containsKey("output.dir") && !OutputSpec.isSafeFileName(resolvedName)) {
                add("name", TomlText.string(resolvedName), "the run directory is runs/<name> when output.dir is not "
                        + "given, so the name must be a plain file name (" + OutputSpec.SAFE_FILE_NAME_RULE + "); or set "
                        + "output.dir", top.pos("name"));
            }

            if (!problems.isEmpty()) {
                throw new ScenarioException(problems);
            }
            Scenario scenario = new Scenario(resolvedName, seed == null ? DEFAULT_SEED : seed,
                    threads == null ? DEFAULT_THREADS : threads.intValue(), epsilon, species, collisions, domain,
                    fluid, particles, time, output);
            ScenarioProblems later = new ScenarioProblems(source, located);
            ScenarioRules.check(scenario, later); // rules across sections, on the built scenario
            if (later.isEmpty()) {
                rule.check(scenario, later);
            }
            later.throwIfAny();
            return scenario;
        }

        private List<SpeciesSpec> readSpecies(Node top) {
            List<Node> entries = top.tableArray("species", true);
            List<SpeciesSpec> out = new ArrayList<>();
            if (entries == null) {
                return out;
            }
            if (entries.isEmpty()) {
                top.problem("species", "at least one [[species]] is required");
            }
            Map<String, String> firstPath = new HashMap<>();
            for (Node s : entries) {
                s.checkKeys(SPECIES_KEYS);
                String name = s.string("name", true);
                if (name != null) {
                    String given = name;
                    if (!s.owns("name", () -> Species.requireName(given))) {
                        name = null;
                    } else if (firstPath.containsKey(name)) {
                        s.problem("name", "duplicate species name (first given at " + firstPath.get(name) + ")");
                        name = null;
                    } else {
                        firstPath.put(name, s.path + ".name");
                    }
                }
                Double mass = s.number("mass", true);
                if (mass != null) {
                    s.owns("mass", () -> Species.requireMass(mass));
                }
                Double c = s.number("concentration", true);
                if (c != null) {
                    s.owns("concentration", () -> Mixture.requireConcentration(c));
                }
                out.add(new SpeciesSpec(name, mass == null ? Double.NaN : mass, c == null ? Double.NaN : c));
            }
            return out;
        }

        private CollisionsSpec readCollisions(Node top, Set<String> names) {
            Node col = top.table("collisions", false);
            if (col == null) {
                return new CollisionsSpec(DEFAULT_KERNEL, List.of());
            }
            col.checkKeys(COLLISION_KEYS);
            KernelSpec defaults = readKernel(col, DEFAULT_KERNEL);
            List<PairSpec> pairs = new ArrayList<>();
            List<Node> entries = col.tableArray("pair", false);
            Map<String, String> seen = new HashMap<>();
            if (entries != null) {
                for (Node p : entries) {
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
                            p.problem("species", "names unknown species \"" + s + "\"; species are " + quoted(names));
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
        private KernelSpec readKernel(Node t, KernelSpec fallback) {
            Double gamma = t.number("gamma", false);
            if (gamma != null && !(gamma >= 0 && gamma <= 1)) {
                t.problem("gamma", "exponent of |g|^gamma must lie in [0, 1]");
            }
            Double strength = t.number("strength", false);
            if (strength != null && !(strength > 0)) {
                t.problem("strength", "collision strength C must be > 0");
            }
            AngularSpec angular = t.has("angular") ? readAngular(t) : fallback.angular();
            return new KernelSpec(gamma == null ? fallback.gamma() : gamma,
                    strength == null ? fallback.strength() : strength,
                    angular == null ? fallback.angular() : angular);
        }

        private AngularSpec readAngular(Node t) {
            Object v = t.raw("angular");
            if (v instanceof String s) {
                switch (s) {
                    case "isotropic":
                        return new AngularSpec.Isotropic();
                    case "strong-cutoff":
                        return new AngularSpec.StrongCutoff();
                    default:
                        t.problem("angular", "unknown angular law; " + ANGULAR_FORMS);
                        return null;
                }
            }
            Node law = t.table("angular", true);
            if (law == null) {
                return null;
            }
            String kind = law.string("law", true);
            if (kind == null) {
                return null;
            }
            switch (kind) {
                case "vss" -> {
                    law.checkKeys(VSS_KEYS);
                    Double alpha = law.number("alpha", true);
                    if (alpha == null) {
                        return null;
                    }
                    if (!(alpha >= 1)) {
                        law.problem("alpha", "VSS exponent must be >= 1 (1 = isotropic)");
                        return null;
                    }
                    return new AngularSpec.Vss(alpha);
                }
                case "tabulated" -> {
                    law.checkKeys(TABULATED_KEYS);
                    double[] x = law.numbers("cos_theta", true, -1);
                    double[] b = law.numbers("b", true, -1);
                    if (x == null || b == null) {
                        return null;
                    }
                    if (x.length != b.length || x.length < 2) {
                        law.problem("b", "must have as many entries as cos_theta (" + x.length + "), at least 2");
                        return null;
                    }
                    try {
                        AngularLaw.tabulated(x, b); // the physics class owns the shape rules; report its verdict here
                    } catch (IllegalArgumentException e) {
                        t.problem("angular", e.getMessage());
                        return null;
                    }
                    return new AngularSpec.Tabulated(x, b);
                }
                default -> {
                    law.problem("law", "unknown angular law; " + ANGULAR_FORMS);
                    return null;
                }
            }
        }

        private DomainSpec readDomain(Node top) {
            Node d = top.table("domain", false);
            if (d == null) {
                return null;
            }
            d.checkKeys(DOMAIN_KEYS);
            double[] length = d.numbers("length", true, 3);
            if (length != null) {
                for (double l : length) {
                    if (!(l > 0)) {
                        d.problem("length", "every side length must be > 0");
                        break;
                    }
                }
            }
            long[] cells = d.integers("cells", true, 3);
            int[] cellsInt = null;
            if (cells != null) {
                cellsInt = new int[3];
                for (int k = 0; k < 3; k++) {
                    if (cells[k] < 1 || cells[k] > Integer.MAX_VALUE) {
                        d.problem("cells", "every cell count must be an integer >= 1");
                        cellsInt = null;
                        break;
                    }
                    cellsInt[k] = (int) cells[k];
                }
            }
            return length == null || cellsInt == null ? null : new DomainSpec(length, cellsInt);
        }

        private FluidSpec readFluid(Node top, Set<String> names) {
            Node f = top.table("fluid", false);
            if (f == null) {
                return null;
            }
            f.checkKeys(FLUID_KEYS);
            double[] u = f.has("mean_velocity") ? f.numbers("mean_velocity", true, 3) : new double[3];
            DiffusionClosure closure = DiffusionClosure.MAXWELL_STEFAN;
            String closureKey = f.string("closure", false);
            if (closureKey != null) {
                DiffusionClosure[] chosen = new DiffusionClosure[1];
                closure = f.owns("closure", () -> chosen[0] = DiffusionClosure.ofKey(closureKey)) ? chosen[0] : null;
            }
            List<ModeSpec> modes = new ArrayList<>();
            List<Node> entries = f.tableArray("mode", false);
            if (entries != null) {
                for (Node m : entries) {
                    m.checkKeys(MODE_KEYS);
                    long[] k = m.integers("wavevector", true, 3);
                    int[] kInt = null;
                    if (k != null) {
                        if (Math.abs(k[0]) > Integer.MAX_VALUE || Math.abs(k[1]) > Integer.MAX_VALUE
                                || Math.abs(k[2]) > Integer.MAX_VALUE) {
                            m.problem("wavevector", "components must be 32-bit integers");
                        } else {
                            int[] n = {(int) k[0], (int) k[1], (int) k[2]};
                            if (m.owns("wavevector", () -> FourierMode.requireWavevector(n))) {
                                kInt = n;
                            }
                        }
                    }
                    Map<String, Double> amp = readAmplitude(m, names);
                    if (kInt != null && amp != null) {
                        modes.add(new ModeSpec(kInt, amp));
                    }
                }
            }
            return u == null || closure == null ? null : new FluidSpec(u, modes, closure);
        }

        /** amplitude = { name = number, ... }: every species named once, no others, summing to zero. */
        private Map<String, Double> readAmplitude(Node m, Set<String> names) {
            Node a = m.table("amplitude", true);
            if (a == null) {
                return null;
            }
            boolean ok = true;
            for (String key : a.table.keySet()) {
                if (!names.contains(key)) {
                    a.problem(key, "names unknown species \"" + key + "\"; species are " + quoted(names));
                    ok = false;
                }
            }
            Map<String, Double> amp = new LinkedHashMap<>();
            for (String s : names) {
                if (!a.has(s)) {
                    a.problem(s, "every species needs an amplitude (write 0 for none); missing species \"" + s + "\"");
                    ok = false;
                    continue;
                }
                Double v = a.number(s, true);
                if (v == null) {
                    ok = false;
                } else {
                    amp.put(s, v);
                }
            }
            if (!ok) {
                return null;
            }
            double[] values = amp.values().stream().mapToDouble(Double::doubleValue).toArray();
            return m.owns("amplitude", () -> FourierMode.requireAmplitudes(values)) ? amp : null;
        }

        private ParticlesSpec readParticles(Node top) {
            Node p = top.table("particles", false);
            if (p == null) {
                return null;
            }
            p.checkKeys(PARTICLES_KEYS);
            Long n = p.integer("per_cell", true);
            if (n == null) {
                return null;
            }
            if (n < 1 || n > Integer.MAX_VALUE) {
                p.problem("per_cell", "must be an integer >= 1");
                return null;
            }
            return new ParticlesSpec(n.intValue());
        }

        private TimeSpec readTime(Node top) {
            Node t = top.table("time", false);
            if (t == null) {
                return null;
            }
            t.checkKeys(TIME_KEYS);
            OptionalDouble dt = OptionalDouble.empty();
            boolean ok = true;
            Object raw = t.raw("dt");
            if (raw instanceof String s) {
                if (!s.equals("auto")) {
                    t.problem("dt", "must be \"auto\" or a number > 0");
                    ok = false;
                }
            } else if (raw != null) {
                Double v = t.number("dt", true);
                if (v == null || !(v > 0)) {
                    if (v != null) {
                        t.problem("dt", "must be \"auto\" or a number > 0");
                    }
                    ok = false;
                } else {
                    dt = OptionalDouble.of(v);
                }
            }
            Double end = t.number("end", true);
            if (end != null && !(end > 0)) {
                t.problem("end", "must be > 0");
                ok = false;
            }
            return ok && end != null ? new TimeSpec(dt, end) : null;
        }

        private OutputSpec readOutput(Node top, String name, TimeSpec time) {
            Node o = top.table("output", false);
            if (o == null) {
                return null;
            }
            o.checkKeys(OUTPUT_KEYS);
            String dir = o.string("dir", false);
            if (dir != null && dir.isBlank()) {
                o.problem("dir", "must be a non-empty path");
            } else if (dir != null && dir.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7F)) {
                o.problem("dir", "must not contain control characters");
            }
            Double every = o.number("every", true);
            if (every != null) {
                if (!(every > 0)) {
                    o.problem("every", "sampling interval must be > 0");
                } else if (time != null && every > time.end()) {
                    o.problem("every", "sampling interval must not exceed time.end = " + time.end());
                }
            }
            Double checkpointEvery = o.number("checkpoint_every", false);
            if (checkpointEvery != null && !(checkpointEvery >= 0 && Double.isFinite(checkpointEvery))) {
                o.problem("checkpoint_every", "wall time between checkpoints must be a finite number of seconds >= 0 "
                        + "(0 = a checkpoint at every sample)");
                checkpointEvery = null;
            }
            if (dir == null && !OutputSpec.isSafeFileName(name)) {
                return null; // reported with the name
            }
            return every == null ? null : new OutputSpec(dir == null ? OutputSpec.defaultDir(name) : dir, every,
                    checkpointEvery == null ? OutputSpec.DEFAULT_CHECKPOINT_EVERY : checkpointEvery);
        }

        // ---- one table with its dotted path and position ----

        private final class Node {
            final TomlTable table;
            final String path;
            final TomlPosition position;

            Node(TomlTable table, String path, TomlPosition position) {
                this.table = table;
                this.path = path;
                this.position = position;
                if (!path.isEmpty()) {
                    located.putIfAbsent(path, new ScenarioProblems.Located(position, "(table)"));
                }
            }

            String key(String k) {
                String name = quoteIfNeeded(k);
                return path.isEmpty() ? name : path + "." + name;
            }

            boolean has(String k) {
                return table.get(List.of(k)) != null;
            }

            Object raw(String k) {
                Object v = table.get(List.of(k));
                if (v != null && !(v instanceof TomlTable)) {
                    located.putIfAbsent(key(k), new ScenarioProblems.Located(pos(k), render(v)));
                }
                return v;
            }

            TomlPosition pos(String k) {
                TomlPosition p = has(k) ? table.inputPositionOf(List.of(k)) : null;
                return p != null ? p : position;
            }

            void problem(String k, String rule) {
                Object v = raw(k);
                add(key(k), v == null ? "(missing)" : render(v), rule, pos(k));
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
                    problem(e.parameter().equals(k) ? k : e.parameter(), e.rule());
                    return false;
                }
            }

            void missing(String k, String what) {
                add(key(k), "(missing)", "required: " + what, position);
            }

            void wrongType(String k, String expected) {
                Object v = raw(k);
                add(key(k), render(v), "must be " + expected + ", not " + typeName(v), pos(k));
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
            Node table(String k, boolean required) {
                Object v = raw(k);
                if (v == null) {
                    if (required) {
                        missing(k, "a table");
                    }
                    return null;
                }
                if (v instanceof TomlTable t) {
                    return new Node(t, key(k), pos(k));
                }
                wrongType(k, "a table");
                return null;
            }

            /** An array of tables ([[k]]), each as a Node with path {@code k[i]}. */
            List<Node> tableArray(String k, boolean required) {
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
                List<Node> out = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    TomlPosition p = a.inputPositionOf(i);
                    out.add(new Node(a.getTable(i), key(k) + "[" + i + "]", p != null ? p : pos(k)));
                }
                return out;
            }
        }

        private void add(String key, String value, String rule, TomlPosition p) {
            problems.add(new ScenarioException.Problem(source, key, value, rule, p == null ? 0 : p.line(),
                    p == null ? 0 : p.column()));
        }
    }

    private static String quoteIfNeeded(String k) {
        return k.matches("[A-Za-z0-9_-]+") ? k : "\"" + k.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String quoted(Set<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
    }

    /** tomlj appends " (line L, column C)" to its messages; the position is reported separately. */
    private static String stripPosition(String message) {
        return message == null ? "" : message.replaceFirst("\\s*\\(line \\d+, column \\d+\\)\\s*$", "");
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
            return a.toList().stream().map(ScenarioParser::render).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof TomlTable t) {
            return t.keySet().stream().map(k -> quoteIfNeeded(k) + " = " + render(t.get(List.of(k))))
                    .collect(Collectors.joining(", ", "{ ", " }"));
        }
        return String.valueOf(v);
    }
}
