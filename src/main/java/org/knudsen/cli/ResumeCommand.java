package org.knudsen.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.knudsen.io.Streams;
import org.knudsen.run.SpatialRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code knudsen resume DIR}: continue a spatial run from DIR/checkpoint.bin (or checkpoint.bin.prev if that one is
 * damaged) with DIR/scenario.toml. Exit 0 when the run reaches its end, 2 when the directory, scenario or
 * checkpoint is missing, damaged or mismatched; SIGINT/SIGTERM checkpoint again and exit 130/143.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run from the last checkpoint in its directory; outputs continue without duplicate "
                + "or missing rows, and are identical to those of an uninterrupted run.")
final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Run directory (with scenario.toml and checkpoint.bin).")
    Path dir;

    @Option(names = "--checkpoint-every", paramLabel = "SECONDS",
            description = "Wall time between checkpoints (overrides [output] checkpoint_every; 0 = at every sample).")
    Double checkpointEvery;

    @Override
    public Integer call() {
        return Commands.guarded(spec.commandLine().getErr(), () -> {
            PrintStream out = Streams.printStream(spec.commandLine().getOut());
            SpatialRun.Options options = SpatialRun.Options.defaults(System.console() != null)
                    .withCheckpointEvery(checkpointEvery == null ? OptionalDouble.empty() : OptionalDouble.of(checkpointEvery));
            SpatialRun.resume(dir, out, options);
            out.flush();
            return Knudsen.OK;
        });
    }
}
