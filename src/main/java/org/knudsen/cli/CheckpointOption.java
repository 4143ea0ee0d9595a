package org.knudsen.cli;

import java.util.OptionalDouble;
import org.knudsen.run.SpatialRun;
import picocli.CommandLine.Option;

/** The {@code --checkpoint-every} option shared by {@code run} and {@code resume} (a picocli mixin). */
final class CheckpointOption {
    @Option(names = "--checkpoint-every", paramLabel = "SECONDS",
            description = "Wall time between checkpoints (overrides [output] checkpoint_every; 0 = at every sample).")
    Double checkpointEvery;

    /** The spatial run's options: progress bar on a terminal, this checkpoint interval if given. */
    SpatialRun.Options runOptions() {
        return SpatialRun.Options.defaults(System.console() != null)
                .withCheckpointEvery(checkpointEvery == null ? OptionalDouble.empty() : OptionalDouble.of(checkpointEvery));
    }
}
