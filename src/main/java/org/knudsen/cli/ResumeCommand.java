package org.knudsen.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.knudsen.io.Streams;
import org.knudsen.run.ReplicaEnsemble;
import org.knudsen.run.SpatialRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code knudsen resume DIR}: continue a spatial run from DIR/checkpoint.bin (or checkpoint.bin.prev if that one is
 * damaged) with DIR/scenario.toml. Exit 0 when the run reaches its end, 2 when the directory, scenario or
 * checkpoint is missing, damaged or mismatched; SIGINT/SIGTERM checkpoint again and exit 130/143. DIR may be the
 * directory of a run's replicas ({@code run --replicas R}): then every unfinished replica is continued (or started),
 * and the replicas are merged.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue a run from the last checkpoint in its directory; outputs continue without duplicate "
                + "or missing rows, and are identical to those of an uninterrupted run.",
            "For the directory of replicas (run --replicas R or --replica r/R): continues every unfinished replica, "
                    + "starts those that never started, then merges them."})
final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Run directory (with scenario.toml and checkpoint.bin).")
    Path dir;

    @Mixin
    CheckpointOption checkpoint;

    @Override
    public Integer call() {
        return Commands.guarded(spec.commandLine().getErr(), () -> {
            PrintStream out = Streams.printStream(spec.commandLine().getOut());
            if (ReplicaEnsemble.isEnsemble(dir)) {
                ReplicaEnsemble.resume(dir, out, checkpoint.runOptions().withProvenance(Commands.provenance(spec)));
            } else {
                SpatialRun.resume(dir, out, checkpoint.runOptions().withProvenance(Commands.provenance(spec)));
            }
            out.flush();
            return Knudsen.OK;
        });
    }
}
