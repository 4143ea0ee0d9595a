package org.knudsen.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.knudsen.io.TimeSeriesWriter;
import org.knudsen.io.VtiWriter;
import org.knudsen.scenario.RunKind;
import org.knudsen.scenario.OutputSpec;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioInfo;
import org.knudsen.scenario.ScenarioProblems;
import org.knudsen.scenario.ScenarioRule;

/**
 * What a run needs beyond a valid scenario: of this machine (heap, cores), of its kind (a mixture for
 * Maxwell–Stefan, the resolution of PHYSICS.md §10), and of the names its outputs take from the species. Applied by
 * the parser after its own rules ({@link ScenarioFile#read(java.nio.file.Path, ScenarioRule)}), so that every
 * problem is reported with key, value and line:column before the run touches its directory.
 */
public final class RunRules {
    /** Threads beyond this many per core only wait for each other. */
    public static final int THREADS_PER_CORE = 4;

    private RunRules() {
    }

    /** The rules of the run that {@code knudsen run} makes of a scenario (its {@link RunKind}). */
    public static ScenarioRule forRun(boolean homogeneous) {
        return (s, problems) -> {
            switch (RunKind.of(s, homogeneous)) {
                case SPATIAL -> spatial(s, problems);
                case FLUID -> {
                    fluid(s, problems);
                    instantOnly(s, "a Maxwell-Stefan run without [particles] has no particle noise to average", problems);
                }
                case HOMOGENEOUS -> {
                    threads(s, problems);
                    instantOnly(s, "a homogeneous run has no output intervals to average over", problems);
                }
            }
        };
    }

    /** The rules of a spatial particle run (also those of a resumed one and of every replica of a check). */
    public static ScenarioRule spatialRun() {
        return RunRules::spatial;
    }

    /**
     * The rules of a check's replicas: those of a spatial run, and instant rows (a check compares the particle fields
     * with the solver's at the output times themselves).
     */
    public static ScenarioRule checkRun() {
        return (s, problems) -> {
            spatial(s, problems);
            instantOnly(s, "knudsen check compares the particles with the external fields at the output times",
                    problems);
        };
    }

    /** Throws the problems of {@link #spatialRun()} (for callers that hold a scenario but not its file). */
    static void requireSpatial(Scenario s) {
        require(s, RunRules::spatial);
    }

    /** Throws the problems that {@code rule} finds in a scenario held without its file (so without positions). */
    static void require(Scenario s, ScenarioRule rule) {
        ScenarioProblems problems = ScenarioProblems.unlocated(s.name());
        rule.check(s, problems);
        problems.throwIfAny();
    }

    static void spatial(Scenario s, ScenarioProblems problems) {
        if (s.domain().isEmpty() || s.particles().isEmpty() || s.time().isEmpty()) {
            problems.add(s.domain().isEmpty() ? "domain" : s.particles().isEmpty() ? "particles" : "time",
                    "(missing)", "a spatial particle run needs [domain], [particles] and [time]");
            return;
        }
        if (s.species().size() < 2) {
            problems.add("species", "a spatial run needs at least 2 species (Maxwell-Stefan is a mixture model); use "
                    + "run --homogeneous for one species");
            return;
        }
        threads(s, problems);
        resolution(s, problems);
        batches(s, problems);
        if (s.particles().get().varianceReduced() && s.fluid().isPresent()
                && java.util.Arrays.stream(s.fluid().get().meanVelocity()).anyMatch(u -> u != 0)) {
            problems.add("particles.variance_reduction", "\"" + s.particles().get().varianceReduction().tomlName()
                    + "\"", "importance weights refer to the equilibrium at rest: needs fluid.mean_velocity = [0, 0, 0]");
        }
        if (s.particles().get().varianceReduced()
                && s.output().map(OutputSpec::windowed).orElse(false)) {
            problems.add("output.average", "\"window\"", "the reduced columns of particles.variance_reduction are "
                    + "instants, the window's plain ones means: use average = \"instant\" (docs/variance-reduction.md)");
        }
        outputNames(s, RunOutputs::speciesColumns, CellSnapshots::speciesFields, RunOutputs.fixedColumns(), problems);
        int threads = threads(s);
        long need = RunMemory.spatialRun(s, threads);
        if (need > RunMemory.available()) {
            problems.add("particles.per_cell", String.format(Locale.ROOT, "the run needs about %s (%d particles at %d "
                    + "bytes, %d cells, the Maxwell-Stefan grid), more than %.0f%% of the Java heap (%s); use fewer "
                    + "particles or cells, or a larger heap (KNUDSEN_JAVA_OPTS=-Xmx...)", RunMemory.mib(need),
                    s.domain().get().totalCells() * s.particles().get().perCell(), RunMemory.bytesPerParticle(),
                    s.domain().get().totalCells(), 100 * RunMemory.HEAP_FRACTION,
                    RunMemory.mib(Runtime.getRuntime().maxMemory())));
        }
    }

    static void fluid(Scenario s, ScenarioProblems problems) {
        if (s.species().size() < 2) {
            problems.add("species", "Maxwell-Stefan needs at least 2 species");
            return;
        }
        if (s.fluid().isEmpty() || s.fluid().get().modes().isEmpty()) {
            problems.add(s.fluid().isEmpty() ? "fluid" : "fluid.mode", "(missing)",
                    "a fluid-only run (no [particles]) needs a [fluid] section with at least one [[fluid.mode]]");
            return;
        }
        threads(s, problems);
        outputNames(s, FluidRun::speciesColumns, FluidRun::speciesFields, FluidRun.fixedColumns(s.species().size()),
                problems);
        long need = RunMemory.fluidRun(s);
        if (need > RunMemory.available()) {
            problems.add("domain.cells", String.format(Locale.ROOT, "the Maxwell-Stefan solver needs about %s, more than "
                    + "%.0f%% of the Java heap (%s); use fewer cells or a larger heap (KNUDSEN_JAVA_OPTS=-Xmx...)",
                    RunMemory.mib(need), 100 * RunMemory.HEAP_FRACTION, RunMemory.mib(Runtime.getRuntime().maxMemory())));
        }
    }

    /** The worker threads of a run on this machine: the scenario's, or every core for 0. */
    public static int threads(Scenario s) {
        return s.threads() == 0 ? Runtime.getRuntime().availableProcessors() : s.threads();
    }

    /** A thread count the user asked for (scenario key or option), against this machine's cores. */
    public static String threadProblem(int threads) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads < 0) {
            return "must be >= 0 (0 = all cores)";
        }
        if (threads > THREADS_PER_CORE * cores) {
            return "more than " + THREADS_PER_CORE + " x the " + cores + " cores of this machine; extra threads only wait "
                    + "(0 = all cores)";
        }
        return null;
    }

    private static void threads(Scenario s, ScenarioProblems problems) {
        String problem = threadProblem(s.threads());
        if (problem != null) {
            problems.add("threads", problem);
        }
    }

    /** Window rows exist only in a spatial particle run. */
    private static void instantOnly(Scenario s, String why, ScenarioProblems problems) {
        if (s.output().map(OutputSpec::windowed).orElse(false)) {
            problems.add("output.average", "\"window\"", why + "; use average = \"instant\" (the default)");
        }
    }

    /** A window of K steps has at most K batches (each batch at least one step; docs/averaging.md). */
    private static void batches(Scenario s, ScenarioProblems problems) {
        OutputSpec o = s.output().orElse(null);
        if (o == null || !o.windowed()) {
            return;
        }
        long steps = s.timeGrid().stepsPerSample();
        if (o.batches() > steps) {
            problems.add("output.batches", String.valueOf(o.batches()), String.format(Locale.ROOT, "an output interval "
                    + "of output.every = %s has %d steps of dt = %.6g, and every batch needs at least one: use batches "
                    + "<= %d, or a longer output.every (docs/averaging.md)", o.every(), steps, s.timeStep(), steps));
        }
    }

    /**
     * PHYSICS.md §10: a particle run that resolves neither the collision time nor the mean free path is refused; one
     * that misses one of them runs with a warning ({@link Simulation}).
     */
    private static void resolution(Scenario s, ScenarioProblems problems) {
        List<String> missed = ScenarioInfo.of(s).resolutionProblems();
        boolean time = missed.stream().anyMatch(p -> p.startsWith("time.dt"));
        boolean space = missed.stream().anyMatch(p -> p.startsWith("domain.cells"));
        if (time && space) {
            problems.add("time.dt", String.valueOf(s.timeStep()), "the scenario resolves neither the collision time "
                    + "nor the mean free path: " + String.join("; ", missed));
        }
    }

    /**
     * Every output name a species gives (time-series columns, VTK fields) must be one the writers accept and must
     * not be another species' or a fixed column: species "A" and "A_se" would both write conc_mode_A_se.
     */
    static void outputNames(Scenario s, Function<String, List<String>> columns, Function<String, List<String>> fields,
                            List<String> fixedColumns, ScenarioProblems problems) {
        Map<String, String> owner = new HashMap<>();
        for (String c : fixedColumns) {
            owner.put(c, null);
        }
        List<String> names = s.speciesNames();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            List<String> outputs = new ArrayList<>();
            for (String c : columns.apply(name)) {
                if (!TimeSeriesWriter.isColumnName(c)) {
                    problems.add("species[" + i + "].name", "gives the column '" + c + "': " + TimeSeriesWriter.COLUMN_NAME_RULE);
                    return;
                }
                outputs.add(c);
            }
            for (String f : fields.apply(name)) {
                if (!VtiWriter.isFieldName(f)) {
                    problems.add("species[" + i + "].name", "gives the VTK field '" + f + "': " + VtiWriter.FIELD_NAME_RULE);
                    return;
                }
                outputs.add("field " + f);
            }
            for (String o : outputs) {
                if (owner.containsKey(o)) {
                    String other = owner.get(o);
                    problems.add("species[" + i + "].name", "gives the output " + o + (other == null
                            ? ", which is a column of every run" : ", which species \"" + other + "\" gives too")
                            + "; output names must be unique: rename one of them");
                    return;
                }
            }
            for (String o : outputs) {
                owner.put(o, name);
            }
        }
    }
}
