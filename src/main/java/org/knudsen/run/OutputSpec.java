package org.knudsen.run;

/**
 * {@code [output]}: the run directory (relative paths against the working directory), the sampling interval, and
 * the wall time between checkpoints in seconds (0 = a checkpoint at every sample).
 */
public record OutputSpec(String dir, double every, double checkpointEvery) {
    /** Default wall time between checkpoints: 5 minutes. */
    public static final double DEFAULT_CHECKPOINT_EVERY = 300;

    /** With the default checkpoint interval. */
    public OutputSpec(String dir, double every) {
        this(dir, every, DEFAULT_CHECKPOINT_EVERY);
    }
}
