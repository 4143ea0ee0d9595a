package org.knudsen.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.knudsen.io.JsonOutput;
import org.knudsen.io.Streams;
import org.knudsen.run.RunMemory;
import org.knudsen.scenario.InfoLinearRates;
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
                + "per-particle rates, mean free paths, time step, Maxwell-Stefan, Chapman-Enskog and linearized "
                + "Boltzmann decay rates of the modes (the latter at a quick fixed degree; knudsen linear converges them).")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    OverrideOptions overrides;

    @Parameters(index = "0", arity = "0..1", paramLabel = "scenario.toml",
            description = "Scenario file (default: the embedded default scenario).")
    Path scenario;

    @Option(names = "--json", description = "Write JSON instead of text.")
    boolean json;

    private static InfoLinearRates join(CompletableFuture<InfoLinearRates> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public Integer call() {
        return Commands.guarded(spec.commandLine().getErr(), () -> {
            Scenario s = Commands.load(scenario, org.knudsen.scenario.ScenarioRule.NONE, overrides.overrides(null));
            ScenarioInfo info = ScenarioInfo.of(s);
            // the linear rates (a few tenths of a second in a cold JVM) on a second core, while this thread loads
            // and warms the output writers: info stays well under 2 s
            CompletableFuture<InfoLinearRates> linear = CompletableFuture.supplyAsync(info::linearRates);
            PrintStream out = Streams.printStream(spec.commandLine().getOut());
            if (json) {
                JsonOutput.toJson(java.util.Map.of("warm_up", new double[] {1.0}));
                java.util.Map<String, Object> map = info.toMap(join(linear));
                map.putAll(RunMemory.estimates(s));
                JsonOutput.write(map, out);
            } else {
                InfoText.write(info, join(linear), out);
            }
            out.flush();
            return Knudsen.OK;
        });
    }
}
