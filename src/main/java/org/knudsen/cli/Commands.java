package org.knudsen.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.List;
import org.knudsen.io.InputException;
import org.knudsen.io.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioOverrides;
import org.knudsen.scenario.ScenarioParser;
import org.knudsen.scenario.ScenarioRule;
import org.knudsen.run.ScenarioFile;
import org.knudsen.scenario.ScenarioException;

/** Shared wiring of the subcommands: load the scenario, map exceptions to exit codes and stderr lines. */
final class Commands {
    private Commands() {
    }

    /** The scenario file if given, else the embedded default. */
    static Scenario load(Path file) {
        return load(file, ScenarioRule.NONE);
    }

    /** As {@link #load(Path)}, with the rules of what will be done with it (all problems reported together). */
    static Scenario load(Path file, ScenarioRule rule) {
        return load(file, rule, ScenarioOverrides.NONE);
    }

    /** As {@link #load(Path, ScenarioRule)}, with the command line's values over the file's. */
    static Scenario load(Path file, ScenarioRule rule, ScenarioOverrides overrides) {
        return file == null ? ScenarioParser.defaultScenario(rule, overrides) : ScenarioFile.read(file, rule, overrides);
    }

    /**
     * The provenance of this process for the files it writes: the command line as given ({@code knudsen} and the
     * original arguments, before @-file expansion), started now. The only place that reads the command line.
     */
    static Provenance provenance(CommandSpec spec) {
        CommandLine.ParseResult parsed = spec.root().commandLine().getParseResult();
        return Provenance.start(parsed == null ? List.of() : parsed.originalArgs());
    }

    /** Runs {@code body}; bad input → its message on stderr and exit 2; any other failure → exit 1. */
    static int guarded(PrintWriter err, Callable<Integer> body) {
        try {
            return body.call();
        } catch (InputException | ScenarioException e) {
            err.println(e.getMessage());
            err.flush();
            return Knudsen.BAD_INPUT;
        } catch (Exception e) {
            err.println("knudsen: error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            err.flush();
            return Knudsen.FAILURE;
        }
    }
}
