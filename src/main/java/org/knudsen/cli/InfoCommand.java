package org.knudsen.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.knudsen.io.JsonOutput;
import org.knudsen.io.Streams;
import org.knudsen.run.RunMemory;
import org.knudsen.scenario.ScenarioInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.knudsen.scenario.Scenario;

/** {@code knudsen info [scenario.toml] [--json]}: derived quantities without running. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Derived quantities without running: Delta_ij, equilibrium collision frequencies, "
                + "per-particle rates, mean free paths, time step.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "scenario.toml",
            description = "Scenario file (default: the embedded default scenario).")
    Path scenario;

    @Option(names = "--json", description = "Write JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        return Commands.guarded(spec.commandLine().getErr(), () -> {
            Scenario s = Commands.load(scenario);
            ScenarioInfo info = ScenarioInfo.of(s);
            PrintStream out = Streams.printStream(spec.commandLine().getOut());
            if (json) {
                java.util.Map<String, Object> map = info.toMap();
                map.putAll(RunMemory.estimates(s));
                JsonOutput.write(map, out);
            } else {
                InfoText.write(info, out);
            }
            out.flush();
            return Knudsen.OK;
        });
    }
}
