package org.knudsen.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.knudsen.io.Streams;
import org.knudsen.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.knudsen.check.FieldsExport;

/** {@code knudsen fields SCENARIO --out FILE [--delta-scale s] [--no-velocities]}: export the built-in MS solution. */
@Command(name = "fields", mixinStandardHelpOptions = true,
        description = "Write the built-in Maxwell-Stefan solution of a scenario at its output times as a fields file "
                + "(the input of knudsen check); --delta-scale multiplies every Delta_ij (emulates a wrong solver).")
final class FieldsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    OverrideOptions overrides;

    @Parameters(index = "0", arity = "0..1", paramLabel = "scenario.toml", description = "Scenario file (default: embedded).")
    Path scenario;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The fields file to write.")
    Path out;

    @Option(names = "--delta-scale", paramLabel = "S", defaultValue = "1",
            description = "Multiply every Delta_ij by S (default ${DEFAULT-VALUE}).")
    double deltaScale;

    @Option(names = "--no-velocities", description = "Write concentrations only (u_i = 0 in the reference).")
    boolean noVelocities;

    @Override
    public Integer call() {
        return Commands.guarded(spec.commandLine().getErr(), () -> {
            PrintStream log = Streams.printStream(spec.commandLine().getOut());
            Scenario s = Commands.load(scenario, org.knudsen.scenario.ScenarioRule.NONE, overrides.overrides(null));
            FieldsExport.writeMaxwellStefanFields(s, out, deltaScale, !noVelocities);
            log.println("knudsen: fields of '" + s.name() + "' (Delta x " + deltaScale + ") written to " + out);
            log.flush();
            return Knudsen.OK;
        });
    }
}
