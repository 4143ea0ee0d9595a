package org.knudsen.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.knudsen.io.InputException;
import org.knudsen.io.Streams;
import org.knudsen.run.ReplicaEnsemble;
import org.knudsen.run.SpatialRun;
import org.knudsen.scenario.RunKind;
import org.knudsen.scenario.Scenario;
import org.knudsen.scenario.ScenarioParser;
import org.knudsen.run.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code knudsen run [scenario.toml] [--print-default] [--replicas R | --replica r/R]}: validate, then run (nothing is
 * written before); as R replicas in this process and merged, or one replica of R ({@link ReplicaEnsemble}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a scenario (default: the embedded ternary-mixture scenario).",
            "With --replicas R: R independent replicas (seeds from the scenario seed and r) in DIR/replicas/r<r>/, in "
                    + "parallel on the scenario's threads, each single-threaded, then merged into DIR (timeseries.csv: "
                    + "the mean and <column>_replica_se of every column; summary.json; plots). With --replica r/R: "
                    + "replica r alone (a cluster job array task); combine with knudsen merge DIR."})
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

    @Option(names = "--dir", paramLabel = "DIR", description = "The run directory (overrides [output] dir); with "
            + "--replicas/--replica the ensemble directory.")
    String dir;

    @Option(names = "--replicas", paramLabel = "R", description = "Run R >= 2 independent replicas in this process "
            + "(in parallel, each on one thread) and merge them into DIR.")
    Integer replicas;

    @Option(names = "--replica", paramLabel = "r/R", description = "Run only replica r (0-based, 0 <= r < R, R >= 2) "
            + "of R into DIR/replicas/r<r> (for cluster job arrays); combine with knudsen merge DIR.")
    String replica;

    @Override
    public Integer call() {
        return Commands.guarded(spec.commandLine().getErr(), () -> {
            PrintStream out = Streams.printStream(spec.commandLine().getOut());
            if (printDefault) {
                out.print(ScenarioParser.defaultScenarioText());
                out.flush();
                return Knudsen.OK;
            }
            int[] one = replica != null ? CheckCommand.parseReplica(replica, "a run") : null;
            if (one != null && replicas != null && replicas != one[1]) {
                throw new InputException("--replicas = " + replicas + " and --replica = " + replica + " disagree on R; "
                        + "give one of them");
            }
            if (replicas != null) {
                ReplicaEnsemble.requireReplicas(replicas, "--replicas = " + replicas);
            }
            if ((one != null || replicas != null) && homogeneous) {
                throw new InputException("--homogeneous: replicas are of spatial particle runs only");
            }
            Scenario s = Commands.load(scenario, Simulation.rules(homogeneous), overrides.overrides(dir)); // all checks first
            SpatialRun.Options options = checkpoint.runOptions().withForce(force)
                    .withProvenance(Commands.provenance(spec));
            if (one != null || replicas != null) {
                if (RunKind.of(s, false) != RunKind.SPATIAL) {
                    throw new InputException("scenario " + s.name() + ": replicas are of spatial particle runs "
                            + "([domain], [particles] and [time])");
                }
                if (one != null) {
                    ReplicaEnsemble.runOne(s, one[0], one[1], out, options);
                } else {
                    ReplicaEnsemble.runAll(s, replicas, out, options);
                }
                out.flush();
                return Knudsen.OK;
            }
            Simulation.run(s, homogeneous, out, options);
            out.flush();
            return Knudsen.OK;
        });
    }
}
