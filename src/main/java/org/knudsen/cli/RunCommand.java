package org.knudsen.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.knudsen.io.Streams;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioParser;
import org.knudsen.run.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code knudsen run [scenario.toml] [--print-default]}: validate, then run (nothing is written before). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario (default: the embedded ternary-mixture scenario).")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "scenario.toml",
            description = "Scenario file (default: the embedded default scenario).")
    Path scenario;

    @Option(names = "--print-default", description = "Print the embedded default scenario (commented TOML) and exit.")
    boolean printDefault;

    @Option(names = "--homogeneous", description = "Relax the scenario's mixture in one cell (no space, no fluid).")
    boolean homogeneous;

    @Option(names = "--force", description = "Start over in a run directory that holds an unfinished run (discarding "
            + "its checkpoint) or outputs that knudsen did not write; other files there are never touched.")
    boolean force;

    @Mixin
    CheckpointOption checkpoint;

    @Mixin
    OverrideOptions overrides;

    @Option(names = "--dir", paramLabel = "DIR", description = "The run directory (overrides [output] dir).")
    String dir;

    @Override
    public Integer call() {
        return Commands.guarded(spec.commandLine().getErr(), () -> {
            PrintStream out = Streams.printStream(spec.commandLine().getOut());
            if (printDefault) {
                out.print(ScenarioParser.defaultScenarioText());
                out.flush();
                return Knudsen.OK;
            }
            Scenario s = Commands.load(scenario, Simulation.rules(homogeneous), overrides.overrides(dir)); // all checks first
            Simulation.run(s, homogeneous, out, checkpoint.runOptions().withForce(force)
                    .withProvenance(Commands.provenance(spec)));
            out.flush();
            return Knudsen.OK;
        });
    }
}
