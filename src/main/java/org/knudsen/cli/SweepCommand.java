package org.knudsen.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.knudsen.io.Streams;
import org.knudsen.scenario.Scenario;
import org.knudsen.run.LinearSweep;
import org.knudsen.run.SweepRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code knudsen sweep [scenario.toml] --eps 0.2,0.1,0.05}: the ε-sweep of sup_t ‖F^ε − M^ε‖. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run the scenario at several epsilon (resolution scaled, PHYSICS.md 10) and write sweep.csv; "
                + "with --linear the exact linear sweep alone (linear_sweep.csv).")
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    OverrideOptions overrides;

    @Parameters(index = "0", arity = "0..1", paramLabel = "scenario.toml",
            description = "Scenario file (default: the embedded default scenario).")
    Path scenario;

    @Option(names = "--eps", split = ",", paramLabel = "EPS",
            description = "Comma-separated epsilon values, e.g. 0.2,0.1,0.05 (required without --linear; with --linear "
                    + "the default is the scenario's epsilon halved down to 1e-3).")
    double[] epsilons;

    @Option(names = "--linear", description = "The deterministic sweep alone: the exact linear sup_t ||F - M|| / eps "
            + "(PHYSICS.md 12) at each epsilon, no particles; writes linear_sweep.csv and linear_sweep.png.")
    boolean linear;

    @Option(names = "--particle-exponent", defaultValue = "1", paramLabel = "P",
            description = "Particles per cell scale as (eps0/eps)^P (default 1: with cells ~ 1/eps, total ~ eps^-2).")
    double particleExponent;

    @Option(names = "--dir", paramLabel = "DIR", description = "Output directory (default: runs/<name>-sweep).")
    Path dir;

    @Option(names = "--force", description = "Start over where the sweep directory or an eps_ directory holds an "
            + "unfinished run or outputs that knudsen did not write (other files are never touched).")
    boolean force;

    @Override
    public Integer call() {
        return Commands.guarded(spec.commandLine().getErr(), () -> {
            PrintStream out = Streams.printStream(spec.commandLine().getOut());
            if (linear) {
                if (epsilons != null) {
                    SweepRun.requireEpsilons(epsilons);
                }
                Scenario s = Commands.load(scenario, LinearSweep.rules(), overrides.overrides(null));
                LinearSweep.run(s, epsilons != null ? epsilons : LinearSweep.defaultEpsilons(s.epsilon()),
                        dir != null ? dir : SweepRun.defaultDirectory(s), out, force);
                out.flush();
                return Knudsen.OK;
            }
            SweepRun.requireEpsilons(epsilons);
            Scenario s = Commands.load(scenario, SweepRun.rules(epsilons, particleExponent, dir != null), overrides.overrides(null));
            SweepRun.run(s, epsilons, particleExponent, dir != null ? dir : SweepRun.defaultDirectory(s), out, force,
                    Commands.provenance(spec));
            out.flush();
            return Knudsen.OK;
        });
    }
}
