package org.knudsen.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knudsen.fluid.DiffusionClosure;
import org.knudsen.fluid.FourierMode;
import org.knudsen.physics.AngularLaw;
import org.knudsen.physics.KnudsenNumber;
import org.knudsen.physics.Mixture;
import org.knudsen.physics.ParameterException;
import org.knudsen.physics.Species;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

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
    public static final KernelSpec DEFAULT_KERNEL = new KernelSpec(0.0, 1.0, AngularLaw.isotropic());

    private static final Set<String> TOP_KEYS = TomlNode.keys("name", "seed", "threads", "scaling", "domain", "species",
            "collisions", "fluid", "particles", "time", "output");
    private static final Set<String> SCALING_KEYS = TomlNode.keys("epsilon");
    private static final Set<String> SPECIES_KEYS = TomlNode.keys("name", "mass", "concentration");
    private static final Set<String> FLUID_KEYS = TomlNode.keys("mean_velocity", "closure", "mode");
    private static final Set<String> MODE_KEYS = TomlNode.keys("wavevector", "amplitude");

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
        return parse(text, source, defaultName, rule, ScenarioOverrides.NONE);
    }

    /** As {@link #parse(String, String, String, ScenarioRule)}, with values set on the command line over the file's. */
    public static Scenario parse(String text, String source, String defaultName, ScenarioRule rule,
                                 ScenarioOverrides overrides) {
        return new Reader(source, overrides).read(text, defaultName, rule);
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
        return defaultScenario(rule, ScenarioOverrides.NONE);
    }

    /** The embedded default scenario with command-line overrides and {@code rule} applied. */
    public static Scenario defaultScenario(ScenarioRule rule, ScenarioOverrides overrides) {
        return new Reader("default scenario", overrides).read(defaultScenarioText(), "default", rule);
    }

    /** One validation pass over one document: collects problems, then either throws or returns the scenario. */
    private static final class Reader {
        private final String source;
        private final TomlNode.Reading reading;
        private final List<ScenarioException.Problem> problems;
        /** Every key and table the reader looked at, with its position and value: where later rules point. */
        private final Map<String, ScenarioProblems.Located> located;

        Reader(String source) {
            this(source, ScenarioOverrides.NONE);
        }

        Reader(String source, ScenarioOverrides overrides) {
            this.source = source;
            this.reading = new TomlNode.Reading(source, overrides);
            this.problems = reading.problems;
            this.located = reading.located;
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
            TomlNode top = new TomlNode(reading, doc, "", TomlPosition.positionAt(1, 1));
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
            TomlNode scaling = top.table("scaling", false);
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
            CollisionsSpec collisions = CollisionsReader.read(top, names);
            Optional<DomainSpec> domain = Optional.ofNullable(RunSectionsReader.readDomain(top));
            Optional<FluidSpec> fluid = Optional.ofNullable(readFluid(top, names));
            Optional<ParticlesSpec> particles = Optional.ofNullable(RunSectionsReader.readParticles(top));
            Optional<TimeSpec> time = Optional.ofNullable(RunSectionsReader.readTime(top));
            String resolvedName = name == null || name.isBlank() ? defaultName : name;
            Optional<OutputSpec> output = Optional.ofNullable(RunSectionsReader.readOutput(top, resolvedName, time.orElse(null)));
            if (!located.containsKey("output.dir") && !OutputSpec.isSafeFileName(resolvedName)) {
                reading.add("name", TomlText.string(resolvedName), "the run directory is runs/<name> when output.dir is not "
                        + "given, so the name must be a plain file name (" + OutputSpec.SAFE_FILE_NAME_RULE + "); or set "
                        + "output.dir", top.pos("name"));
            }

            reading.reportUnused();
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

        private List<SpeciesSpec> readSpecies(TomlNode top) {
            List<TomlNode> entries = top.tableArray("species", true);
            List<SpeciesSpec> out = new ArrayList<>();
            if (entries == null) {
                return out;
            }
            if (entries.isEmpty()) {
                top.problem("species", "at least one [[species]] is required");
            }
            Map<String, String> firstPath = new HashMap<>();
            for (TomlNode s : entries) {
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

        private FluidSpec readFluid(TomlNode top, Set<String> names) {
            TomlNode f = top.table("fluid", false);
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
            List<TomlNode> entries = f.tableArray("mode", false);
            if (entries != null) {
                for (TomlNode m : entries) {
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
        private Map<String, Double> readAmplitude(TomlNode m, Set<String> names) {
            TomlNode a = m.table("amplitude", true);
            if (a == null) {
                return null;
            }
            boolean ok = true;
            for (String key : a.table.keySet()) {
                if (!names.contains(key)) {
                    a.problem(key, "names unknown species \"" + key + "\"; species are " + TomlNode.quoted(names));
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

    }

    /** tomlj appends " (line L, column C)" to its messages; the position is reported separately. */
    private static String stripPosition(String message) {
        return message == null ? "" : message.replaceFirst("\\s*\\(line \\d+, column \\d+\\)\\s*$", "");
    }
}
